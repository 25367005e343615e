"""Which reminders are due on a day: the rules, turned into `Reminder` rows idempotently.

Every rule yields (rule, recipient, subject, offset) for the day; rows are inserted with
`bulk_create(ignore_conflicts=True)` against the unique key (rule, recipient, subject, day), so planning the
same day twice, or two planners at once, adds nothing. Recipients are planned even when inactive or without
an email address: delivery records why such a reminder was not emailed instead of losing it silently.

Queries do not grow with the number of regions or reminders: each rule reads its candidates in one or two
queries and the inserts go in batches.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation

from accounts.models import Role, User
from dimensions.models import Innovation
from evaluations.models import EvaluationPeriod, Reminder, ReminderRule, Submission, SubmissionStatus

from . import links, texts
from .config import conf

WAITING_FOR_REVIEW = (SubmissionStatus.SUBMITTED, SubmissionStatus.IN_REVIEW, SubmissionStatus.RESUBMITTED)


@dataclass(frozen=True)
class Candidate:
    rule: str
    recipient_id: int
    subject: Submission | Innovation
    offset: int | None
    days: int | None = None  # the number a title shows (defaults to the offset)


@dataclass
class PlanResult:
    day: dt.date
    candidates: int
    created: int
    by_rule: dict[str, int]


def plan_reminders(day: dt.date | None = None, *, dry_run: bool = False) -> PlanResult:
    """Plan every rule's reminders for `day` (today in Asia/Jakarta by default)."""
    day = day or timezone.localdate()
    candidates = list(candidates_for(day))
    by_rule: dict[str, int] = defaultdict(int)
    for candidate in candidates:
        by_rule[candidate.rule] += 1
    created = 0 if dry_run else insert(candidates, day)
    return PlanResult(day=day, candidates=len(candidates), created=created, by_rule=dict(by_rule))


def candidates_for(day: dt.date) -> Iterator[Candidate]:
    yield from evaluation_due(day)
    yield from overdue(day)
    yield from revision_due(day)
    yield from review_due(day)
    yield from stale_innovations(day)


def _staff_by_regency(regency_ids: Iterable[str]) -> dict[str, list[int]]:
    staff: dict[str, list[int]] = defaultdict(list)
    for pk, regency_id in User.objects.filter(role=Role.REGENCY_STAFF, regency_id__in=set(regency_ids)).values_list(
        "pk", "regency_id"
    ):
        staff[regency_id].append(pk)
    return staff


def _drafts(periods: Iterable[EvaluationPeriod]) -> list[Submission]:
    return list(
        Submission.objects.filter(period__in=list(periods), status=SubmissionStatus.DRAFT).select_related(
            "period", "regency", "regency__programme"
        )
    )


def evaluation_due(day: dt.date) -> Iterator[Candidate]:
    """To regency staff while the self-assessment is a draft, N days before it is due and on the day."""
    offsets = sorted(set(conf("DUE_OFFSETS")))
    due_dates = [day + dt.timedelta(days=n) for n in offsets if n >= 0]
    periods = EvaluationPeriod.objects.filter(due_on__in=due_dates, opens_on__lte=day, closed_at__isnull=True)
    submissions = _drafts(periods)
    staff = _staff_by_regency(s.regency_id for s in submissions)
    for submission in submissions:
        offset = (submission.period.due_on - day).days
        for user_id in staff[submission.regency_id]:
            yield Candidate(ReminderRule.EVALUATION_DUE, user_id, submission, offset)


def overdue(day: dt.date) -> Iterator[Candidate]:
    """The day after the deadline: to regency staff, and escalated to the region's head of Dinkominfo."""
    after = conf("OVERDUE_AFTER_DAYS")
    periods = EvaluationPeriod.objects.filter(due_on=day - dt.timedelta(days=after), closed_at__isnull=True)
    submissions = _drafts(periods)
    staff = _staff_by_regency(s.regency_id for s in submissions)
    for submission in submissions:
        for user_id in staff[submission.regency_id]:
            yield Candidate(ReminderRule.EVALUATION_OVERDUE, user_id, submission, -after)
        programme = getattr(submission.regency, "programme", None)
        if programme is not None and programme.dinkominfo_head_id:
            yield Candidate(ReminderRule.OVERDUE_ESCALATION, programme.dinkominfo_head_id, submission, -after)


def revision_due(day: dt.date) -> Iterator[Candidate]:
    """To regency staff N days before the revision deadline an evaluator set."""
    due_dates = [day + dt.timedelta(days=n) for n in conf("REVISION_OFFSETS") if n >= 0]
    submissions = list(
        Submission.objects.filter(
            status=SubmissionStatus.REVISION_REQUESTED, revision_due_on__in=due_dates, period__closed_at__isnull=True
        ).select_related("period", "regency")
    )
    staff = _staff_by_regency(s.regency_id for s in submissions)
    for submission in submissions:
        offset = (submission.revision_due_on - day).days
        for user_id in staff[submission.regency_id]:
            yield Candidate(ReminderRule.REVISION_DUE, user_id, submission, offset)


def revision_requested(submission: Submission, day: dt.date | None = None) -> list[Candidate]:
    """Right away when an evaluator asks for a revision (called from the workflow signal)."""
    staff = _staff_by_regency([submission.regency_id])
    rule = ReminderRule.REVISION_REQUESTED
    return [Candidate(rule, user_id, submission, None) for user_id in staff[submission.regency_id]]


def review_due(day: dt.date) -> Iterator[Candidate]:
    """To each assigned evaluator while submissions still wait for review, N days before review due."""
    due_dates = [day + dt.timedelta(days=n) for n in conf("REVIEW_OFFSETS") if n >= 0]
    submissions = {
        s.pk: s
        for s in Submission.objects.filter(
            status__in=WAITING_FOR_REVIEW, period__review_due_on__in=due_dates, period__closed_at__isnull=True
        ).select_related("period", "regency")
    }
    through = Submission.evaluators.through
    for submission_id, user_id in through.objects.filter(submission_id__in=submissions).values_list(
        "submission_id", "user_id"
    ):
        submission = submissions[submission_id]
        offset = (submission.period.review_due_on - day).days
        yield Candidate(ReminderRule.REVIEW_DUE, user_id, submission, offset)


def stale_innovations(day: dt.date) -> Iterator[Candidate]:
    """To the owning agency's staff and the operators of its kelurahan when a published innovation went
    unchanged for `STALE_AFTER_DAYS`; at most once per person and innovation every `STALE_EVERY_DAYS`."""
    stale_days = conf("STALE_AFTER_DAYS")
    tz = timezone.get_current_timezone()
    cutoff = dt.datetime.combine(day - dt.timedelta(days=stale_days), dt.time.min, tzinfo=tz)
    innovations = {
        i.pk: i for i in Innovation.objects.published().filter(updated_at__lt=cutoff).select_related("agency")
    }
    if not innovations:
        return
    recipients: dict[int, set[int]] = defaultdict(set)
    agency_of = defaultdict(list)
    for innovation in innovations.values():
        agency_of[innovation.agency_id].append(innovation.pk)
    for pk, agency_id in User.objects.filter(role=Role.AGENCY_STAFF, agency_id__in=agency_of).values_list(
        "pk", "agency_id"
    ):
        for innovation_id in agency_of[agency_id]:
            recipients[innovation_id].add(pk)
    through = Innovation.villages.through
    village_of = defaultdict(list)
    for innovation_id, village_id in through.objects.filter(innovation_id__in=innovations).values_list(
        "innovation_id", "village_id"
    ):
        village_of[village_id].append(innovation_id)
    for pk, village_id in User.objects.filter(role=Role.KELURAHAN_OPERATOR, village_id__in=village_of).values_list(
        "pk", "village_id"
    ):
        for innovation_id in village_of[village_id]:
            recipients[innovation_id].add(pk)

    recent = set(
        Reminder.objects.filter(
            rule=ReminderRule.STALE_INNOVATION,
            subject_type=ContentType.objects.get_for_model(Innovation),
            subject_id__in=[str(pk) for pk in innovations],
            send_on__gt=day - dt.timedelta(days=conf("STALE_EVERY_DAYS")),
        )
        .exclude(send_on=day)  # today's own rows are left to the unique key, so re-planning stays idempotent
        .values_list("subject_id", "recipient_id")
    )
    for innovation_id, users in recipients.items():
        innovation = innovations[innovation_id]
        days = (day - timezone.localtime(innovation.updated_at).date()).days
        for user_id in sorted(users):
            if (str(innovation_id), user_id) not in recent:
                yield Candidate(ReminderRule.STALE_INNOVATION, user_id, innovation, None, days)


def describe(candidate: Candidate, language: str) -> tuple[str, str]:
    """Title and link of a reminder in the recipient's language."""
    subject = candidate.subject
    days = candidate.days if candidate.days is not None else candidate.offset
    with translation.override(language):
        if isinstance(subject, Innovation):
            return texts.title(candidate.rule, days, subject.name), links.innovation_link(subject.pk)
        about = f"{subject.regency.name} — {subject.period}"
        evaluator = candidate.rule == ReminderRule.REVIEW_DUE
        return texts.title(candidate.rule, days, about), links.submission_link(subject.pk, evaluator=evaluator)


def insert(candidates: list[Candidate], day: dt.date) -> int:
    """Insert the rows that do not exist yet; returns how many were new (approximate under a race)."""
    if not candidates:
        return 0
    languages = dict(User.objects.filter(pk__in={c.recipient_id for c in candidates}).values_list("pk", "language"))
    types = {model: ContentType.objects.get_for_model(model) for model in (Submission, Innovation)}
    cache: dict[tuple, tuple[str, str]] = {}
    rows = []
    for candidate in candidates:
        language = languages.get(candidate.recipient_id) or "id"
        key = (candidate.rule, candidate.subject.pk, type(candidate.subject), candidate.offset, language)
        if key not in cache:
            cache[key] = describe(candidate, language)
        title, link = cache[key]
        rows.append(
            Reminder(
                rule=candidate.rule,
                recipient_id=candidate.recipient_id,
                subject_type=types[type(candidate.subject)],
                subject_id=str(candidate.subject.pk),
                send_on=day,
                offset_days=candidate.offset,
                title=title[:250],
                link=link,
            )
        )
    before = Reminder.objects.filter(send_on=day).count()
    with transaction.atomic():
        Reminder.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    return Reminder.objects.filter(send_on=day).count() - before
