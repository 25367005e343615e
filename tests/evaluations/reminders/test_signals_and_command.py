"""The workflow signals plan and send at once; `send_reminders` works without a broker."""

from __future__ import annotations

import datetime as dt
import io

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from evaluations import signals
from evaluations.models import Answer, Reminder, ReminderRule, ReminderStatus, SkipReason, Submission, SubmissionStatus
from evaluations.reminders.planning import plan_reminders


def test_a_revision_request_reminds_the_staff_at_once_with_the_evaluators_questions(
    world, django_capture_on_commit_callbacks
):
    answer = Answer.objects.get(submission=world.submission, question=world.questions[1])
    answer.evaluator_comment = "Lampirkan SK tim smart city."
    answer.save()
    world.submission.status = SubmissionStatus.REVISION_REQUESTED
    world.submission.revision_due_on = timezone.localdate() + dt.timedelta(days=10)
    world.submission.save()
    with django_capture_on_commit_callbacks(execute=True):  # the workflow sends it after its commit
        signals.revision_requested.send(sender=Submission, submission=world.submission, actor=world.evaluator)
    assert {m.to[0] for m in mail.outbox} == {"alice@example.org", "bob@example.org", "kadis@example.org"}
    english = next(m for m in mail.outbox if m.to == ["bob@example.org"])
    assert english.subject.startswith("Revision requested: Kota Pekalongan")
    assert "Question 2: Lampirkan SK tim smart city." in english.body
    assert set(Reminder.objects.values_list("rule", "status")) == {
        (ReminderRule.REVISION_REQUESTED, ReminderStatus.SENT)
    }
    with django_capture_on_commit_callbacks(execute=True):
        signals.revision_requested.send(sender=Submission, submission=world.submission, actor=world.evaluator)
    assert len(mail.outbox) == 3


def test_submitting_resolves_the_reminders_still_planned(world):
    plan_reminders(dt.date(2026, 11, 27))
    signals.submission_submitted.send(sender=Submission, submission=world.submission, actor=world.alice)
    assert set(Reminder.objects.values_list("status", "skip_reason")) == {(ReminderStatus.SKIPPED, SkipReason.RESOLVED)}


def test_the_command_plans_and_sends_and_a_dry_run_changes_nothing(world):
    today = timezone.localdate()
    world.period.opens_on = today - dt.timedelta(days=10)
    world.period.due_on = today + dt.timedelta(days=3)
    world.period.review_due_on = today + dt.timedelta(days=20)
    world.period.save()
    out = io.StringIO()
    call_command("send_reminders", "--dry-run", stdout=out)
    assert "would plan 3 reminders (evaluation_due 3)" in out.getvalue()
    assert not Reminder.objects.exists()
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert "planned 3 new of 3" in out.getvalue()
    assert "sent 3" in out.getvalue()
    assert len(mail.outbox) == 3
    call_command("send_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 3


def test_the_command_rejects_a_bad_date(db):
    import pytest
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", "27-11-2026", stdout=io.StringIO())


def test_the_workflow_service_requesting_a_revision_emails_the_questions_to_redo(
    ev, django_capture_on_commit_callbacks
):
    from tests.evaluations.flow import walk

    with django_capture_on_commit_callbacks(execute=True):
        walk(ev.pekalongan, ev.users["staf_pkl"], ev.users["evaluator"], ev.users["nasional"], "revision_requested")
    revision = [m for m in mail.outbox if m.to == [ev.users["staf_pkl"].email]]
    assert len(revision) == 1
    assert revision[0].subject.startswith("Diminta revisi: Kota Pekalongan")
    assert "Catatan evaluator: Lengkapi bukti" in revision[0].body
    assert "- Pertanyaan 1" in revision[0].body
