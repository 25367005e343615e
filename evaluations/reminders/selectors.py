"""Reads of the in-app notifications: a person's delivered reminders and their unread count."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from evaluations.models import Reminder, ReminderStatus, SkipReason

# What a person sees in the portal: reminders that went out, and those that could not be emailed only
# because the person has no address (the portal is then their only channel).
DELIVERED = Q(status=ReminderStatus.SENT) | Q(status=ReminderStatus.SKIPPED, skip_reason=SkipReason.NO_EMAIL)


def notifications_for(user) -> QuerySet[Reminder]:
    return (
        Reminder.objects.filter(DELIVERED, recipient=user)
        .only("pk", "rule", "title", "link", "send_on", "sent_at", "read_at")
        .order_by("-send_on", "-pk")
    )


def unread_count(user) -> int:
    return Reminder.objects.filter(DELIVERED, recipient=user, read_at__isnull=True).count()
