"""Reactions to the evaluation workflow's signals (sent after the workflow's transaction committed).

- revision requested → plan the "revision requested" reminder to the region's staff now and queue it;
- submitted / accepted / published → reminders still waiting about that submission are no longer needed
  (skipped as resolved, so the log says why they never went out).

Nothing here may fail the request that changed the submission: errors are logged, the rows stay planned and the
daily planner or the sweeper picks them up.
"""

from __future__ import annotations

import logging

from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver
from django.utils import timezone

from evaluations import signals
from evaluations.models import Reminder, ReminderRule, ReminderStatus, SkipReason, Submission

from . import planning

log = logging.getLogger("evaluations.reminders")


@receiver(signals.revision_requested, dispatch_uid="reminders_revision_requested")
def on_revision_requested(sender, submission: Submission, **kwargs) -> None:
    from .tasks import enqueue_due

    try:
        day = timezone.localdate()
        planning.insert(planning.revision_requested(submission, day), day)
        ids = list(
            Reminder.objects.filter(
                rule=ReminderRule.REVISION_REQUESTED,
                subject_type=ContentType.objects.get_for_model(Submission),
                subject_id=str(submission.pk),
                send_on=day,
                status=ReminderStatus.PLANNED,
            ).values_list("pk", flat=True)
        )
        enqueue_due(ids)
    except Exception:
        log.exception("reminders: could not plan the revision reminder of submission %s", submission.pk)


def _resolve(submission: Submission, rules: set[str]) -> None:
    resolved = Reminder.objects.filter(
        subject_type=ContentType.objects.get_for_model(Submission),
        subject_id=str(submission.pk),
        rule__in=rules,
        status=ReminderStatus.PLANNED,
    ).update(status=ReminderStatus.SKIPPED, skip_reason=SkipReason.RESOLVED)
    if resolved:
        log.info("reminders: %d planned reminders of submission %s no longer needed", resolved, submission.pk)


@receiver(signals.submission_submitted, dispatch_uid="reminders_submitted")
def on_submitted(sender, submission: Submission, **kwargs) -> None:
    _resolve(
        submission,
        {
            ReminderRule.EVALUATION_DUE,
            ReminderRule.EVALUATION_OVERDUE,
            ReminderRule.OVERDUE_ESCALATION,
            ReminderRule.REVISION_REQUESTED,
            ReminderRule.REVISION_DUE,
        },
    )


@receiver(signals.submission_accepted, dispatch_uid="reminders_accepted")
@receiver(signals.submission_published, dispatch_uid="reminders_published")
def on_reviewed(sender, submission: Submission, **kwargs) -> None:
    _resolve(submission, {ReminderRule.REVIEW_DUE, ReminderRule.REVISION_DUE})
