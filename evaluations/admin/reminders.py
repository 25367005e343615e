"""The reminder log: read-only."""

from __future__ import annotations

from django.contrib import admin

from evaluations.models import Reminder
from smartcity.admin import PolicyAdminMixin, ReadOnlyAdminMixin


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdminMixin, PolicyAdminMixin, admin.ModelAdmin):
    deleted_with_parent = True  # goes with its recipient
    list_display = ["rule", "recipient", "send_on", "status", "attempts", "sent_at"]
    list_filter = ["status", "rule"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__username", "rule"]
    date_hierarchy = "send_on"
