"""The reminder log: one row per reminder, so each goes out exactly once.

A row moves through a small state machine (see `evaluations.reminders` and
docs/architecture.md, "Reminders"):

    planned ──claim──> sending ──> sent | skipped | failed
       ^                  │
       └── retry (back-off) or sweeper (claim lease expired) ──┘

Only the conditional claim (UPDATE … WHERE status = 'planned') moves a row to
`sending`, so two workers, two beats or a re-delivered task can never both send it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ReminderStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")


class ReminderRule(models.TextChoices):
    """Why a reminder is sent; the logic of each rule lives in `evaluations.reminders.rules`."""

    EVALUATION_DUE = "evaluation_due", _("Self-assessment due")
    EVALUATION_OVERDUE = "evaluation_overdue", _("Self-assessment overdue")
    OVERDUE_ESCALATION = "overdue_escalation", _("Overdue: escalation to the head of Dinkominfo")
    REVISION_REQUESTED = "revision_requested", _("Revision requested")
    REVISION_DUE = "revision_due", _("Revision due")
    REVIEW_DUE = "review_due", _("Review due")
    STALE_INNOVATION = "stale_innovation", _("Innovation not updated")


class SkipReason(models.TextChoices):
    """Why a claimed reminder was not emailed; each ends the row for good (an admin may send it again)."""

    INACTIVE = "inactive", _("Recipient is inactive")
    NO_EMAIL = "no_email", _("Recipient has no email address (shown in the portal only)")
    SUBJECT_GONE = "subject_gone", _("The object it is about was deleted")
    RESOLVED = "resolved", _("No longer needed")


class Reminder(models.Model):
    """A reminder of one rule, to one recipient, about one object, for one day.

    The unique key makes planning idempotent: planning the same day twice, or
    from two schedulers at once, inserts nothing new and so sends nothing twice.
    The same row is the recipient's in-app notification once it has been sent.
    """

    rule = models.CharField(_("rule"), max_length=40, choices=ReminderRule.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="reminders"
    )
    subject_type = models.ForeignKey(ContentType, verbose_name=_("about (type)"), on_delete=models.CASCADE)
    subject_id = models.CharField(_("about (id)"), max_length=40)
    subject = GenericForeignKey("subject_type", "subject_id")
    send_on = models.DateField(_("send on"))
    offset_days = models.SmallIntegerField(
        _("days before the deadline"),
        null=True,
        blank=True,
        help_text=_("Which reminder of the rule this is, e.g. 7 for seven days before; negative after."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.PLANNED, db_index=True
    )
    skip_reason = models.CharField(_("skip reason"), max_length=16, choices=SkipReason.choices, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("planned at"), auto_now_add=True)
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    claim_token = models.UUIDField(_("claim"), null=True, blank=True, db_index=True, editable=False)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    resend_count = models.PositiveSmallIntegerField(_("sent again"), default=0)
    title = models.CharField(_("title"), max_length=250, blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-send_on", "rule"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "recipient", "subject_type", "subject_id", "send_on"], name="reminder_once"
            ),
            models.CheckConstraint(
                condition=~Q(status=ReminderStatus.SENT) | Q(sent_at__isnull=False),
                name="reminder_sent_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReminderStatus.SENDING) | Q(claim_token__isnull=False, claimed_at__isnull=False),
                name="reminder_sending_is_claimed",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "send_on"], name="reminder_due"),
            models.Index(fields=["recipient", "read_at"], name="reminder_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.get_rule_display()} → {self.recipient} ({self.send_on})"
