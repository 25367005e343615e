"""The reminder log: one row per reminder, so each goes out exactly once."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")


class Reminder(models.Model):
    """A reminder of one rule, to one recipient, about one object, for one day.

    The unique key makes planning idempotent: planning the same day twice, or
    from two schedulers at once, inserts nothing new and so sends nothing twice.
    """

    rule = models.CharField(_("rule"), max_length=40)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="reminders"
    )
    subject_type = models.ForeignKey(ContentType, verbose_name=_("about (type)"), on_delete=models.CASCADE)
    subject_id = models.CharField(_("about (id)"), max_length=40)
    subject = GenericForeignKey("subject_type", "subject_id")
    send_on = models.DateField(_("send on"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.PLANNED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("planned at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-send_on", "rule"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "recipient", "subject_type", "subject_id", "send_on"], name="reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} → {self.recipient} ({self.send_on})"
