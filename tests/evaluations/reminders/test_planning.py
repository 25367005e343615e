"""Which reminders are due on which day (time travel over a whole period), and planning is idempotent."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from accounts.models import Role, User
from evaluations.models import Answer, AnswerEvidence, Reminder, ReminderRule, SubmissionStatus
from evaluations.reminders.missing import missing_for
from evaluations.reminders.planning import candidates_for, plan_reminders
from tests.factories import AgencyFactory, InnovationFactory, SubmissionFactory, UserFactory

from .conftest import REVIEW_DUE


def days_of(rule: str, start: dt.date, end: dt.date) -> dict[dt.date, set[str]]:
    """For each day from start to end, who gets a reminder of `rule` (by username)."""
    found = {}
    day = start
    while day <= end:
        ids = {c.recipient_id for c in candidates_for(day) if c.rule == rule}
        names = set(User.objects.filter(pk__in=ids).values_list("username", flat=True))
        if names:
            found[day] = names
        day += dt.timedelta(days=1)
    return found


def test_staff_are_reminded_14_7_3_1_days_before_and_on_the_day(world):
    due = days_of(ReminderRule.EVALUATION_DUE, dt.date(2026, 11, 1), dt.date(2026, 12, 5))
    assert sorted(due) == [dt.date(2026, 11, d) for d in (16, 23, 27, 29, 30)]
    assert all(names == {"alice", "bob", "kadis"} for names in due.values())


def test_the_day_after_the_deadline_staff_are_told_and_the_head_of_dinkominfo_is_escalated_to(world):
    overdue = days_of(ReminderRule.EVALUATION_OVERDUE, dt.date(2026, 11, 1), dt.date(2026, 12, 31))
    escalated = days_of(ReminderRule.OVERDUE_ESCALATION, dt.date(2026, 11, 1), dt.date(2026, 12, 31))
    assert overdue == {dt.date(2026, 12, 1): {"alice", "bob", "kadis"}}
    assert escalated == {dt.date(2026, 12, 1): {"kadis"}}


def test_a_region_without_a_head_of_dinkominfo_gets_no_escalation(world, pekalongan):
    pekalongan.programme.dinkominfo_head = None
    pekalongan.programme.save()
    assert not [c for c in candidates_for(dt.date(2026, 12, 1)) if c.rule == ReminderRule.OVERDUE_ESCALATION]


def test_a_submitted_self_assessment_gets_no_due_reminders(world):
    world.submission.status = SubmissionStatus.SUBMITTED
    world.submission.save()
    assert not days_of(ReminderRule.EVALUATION_DUE, dt.date(2026, 11, 1), dt.date(2026, 12, 5))
    assert not days_of(ReminderRule.EVALUATION_OVERDUE, dt.date(2026, 11, 1), dt.date(2026, 12, 5))


def test_a_closed_period_gets_no_reminders(world):
    world.period.closed_at = timezone.now()
    world.period.save()
    assert not list(candidates_for(dt.date(2026, 11, 27)))


def test_revision_due_is_reminded_three_days_before_the_revision_deadline(world):
    world.submission.status = SubmissionStatus.REVISION_REQUESTED
    world.submission.revision_due_on = dt.date(2026, 12, 10)
    world.submission.save()
    revision = days_of(ReminderRule.REVISION_DUE, dt.date(2026, 12, 1), dt.date(2026, 12, 12))
    assert revision == {dt.date(2026, 12, 7): {"alice", "bob", "kadis"}}


def test_evaluators_are_reminded_7_and_2_days_before_review_due_while_submissions_wait(world):
    world.submission.status = SubmissionStatus.SUBMITTED
    world.submission.save()
    review = days_of(ReminderRule.REVIEW_DUE, dt.date(2026, 12, 1), REVIEW_DUE)
    assert review == {dt.date(2026, 12, 8): {"eva"}, dt.date(2026, 12, 13): {"eva"}}
    world.submission.status = SubmissionStatus.ACCEPTED
    world.submission.save()
    assert not days_of(ReminderRule.REVIEW_DUE, dt.date(2026, 12, 1), REVIEW_DUE)


def test_a_stale_innovation_reminds_its_agency_and_operators_at_most_every_30_days(world, pekalongan):
    agency = AgencyFactory(regency=pekalongan)
    village = pekalongan.villages.first()
    innovation = InnovationFactory(agency=agency)
    innovation.villages.add(village)
    fresh = InnovationFactory(agency=agency)
    old = timezone.now() - dt.timedelta(days=200)
    type(innovation).objects.filter(pk=innovation.pk).update(updated_at=old)
    UserFactory(username="opd", role=Role.AGENCY_STAFF, agency=agency, regency=pekalongan)
    UserFactory(username="lurah", role=Role.KELURAHAN_OPERATOR, village=village)

    today = timezone.localdate()
    result = plan_reminders(today)
    stale = Reminder.objects.filter(rule=ReminderRule.STALE_INNOVATION)
    assert result.by_rule.get(ReminderRule.STALE_INNOVATION) == 2
    assert {r.recipient.username for r in stale} == {"opd", "lurah"}
    assert {r.subject_id for r in stale} == {str(innovation.pk)}
    assert str(fresh.pk) not in {r.subject_id for r in stale}
    assert "200" in stale.first().title
    for later in (1, 15, 29):
        plan_reminders(today + dt.timedelta(days=later))
        assert stale.all().count() == 2
    plan_reminders(today + dt.timedelta(days=30))
    assert stale.all().count() == 4


def test_planning_twice_adds_nothing(world):
    day = dt.date(2026, 11, 27)
    first = plan_reminders(day)
    second = plan_reminders(day)
    assert first.created == 3
    assert second.created == 0
    assert Reminder.objects.count() == 3


def test_a_dry_run_plans_nothing(world):
    result = plan_reminders(dt.date(2026, 11, 27), dry_run=True)
    assert result.candidates == 3
    assert not Reminder.objects.exists()


def test_what_is_missing_is_counted_per_dimension(world):
    missing = missing_for([world.submission])[world.submission.pk]
    assert (missing.total_questions, missing.unanswered, missing.without_evidence) == (5, 3, 1)
    gaps = [(g.dimension.code, g.unanswered, g.without_evidence) for g in missing.by_dimension]
    assert gaps == [("governance", 0, 1), ("living", 3, 0)]
    with translation.override("en"):
        assert missing.summary() == "3 questions unanswered, 1 without required evidence"
    assert missing.summary() == "3 pertanyaan belum dijawab, 1 tanpa bukti dukung yang diwajibkan"
    assert not missing.is_complete


def test_evidence_attached_to_an_answer_counts(world):
    answer = Answer.objects.get(submission=world.submission, question=world.questions[1])
    AnswerEvidence.objects.create(answer=answer, title="SK Tim", url="https://example.org/sk.pdf")
    missing = missing_for([world.submission])[world.submission.pk]
    assert (missing.unanswered, missing.without_evidence) == (3, 0)


def test_planning_queries_do_not_grow_with_regions(world, pontianak):
    day = dt.date(2026, 11, 27)
    with CaptureQueriesContext(connection) as one_region:
        plan_reminders(day)
    Reminder.objects.all().delete()
    SubmissionFactory(period=world.period, regency=pontianak)
    for n in range(4):
        UserFactory(username=f"ptk{n}", role=Role.REGENCY_STAFF, regency=pontianak)
    with CaptureQueriesContext(connection) as two_regions:
        result = plan_reminders(day)
    assert result.created == 7
    assert len(two_regions) == len(one_region)
