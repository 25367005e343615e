"""The reminder log: read-only, filterable, with a "send again" action for failed or skipped reminders."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from evaluations.models import Reminder
from evaluations.reminders import delivery
from evaluations.reminders.tasks import enqueue_due
from smartcity.admin import PolicyAdminMixin, ReadOnlyAdminMixin


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdminMixin, PolicyAdminMixin, admin.ModelAdmin):
    deleted_with_parent = True  # goes with its recipient
    list_display = [
        "rule",
        "recipient",
        "title",
        "send_on",
        "offset_days",
        "status",
        "skip_reason",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "error",
    ]
    list_filter = ["status", "rule", "skip_reason", "send_on"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__username", "recipient__email", "title"]
    date_hierarchy = "send_on"
    actions = ["send_again"]

    @admin.display(description=_("last error"))
    def error(self, obj: Reminder) -> str:
        return Truncator(obj.last_error).chars(80)

    @admin.action(description=_("Send the selected reminders again"), permissions=["view"])
    def send_again(self, request, queryset) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        count = delivery.send_again(Reminder.objects.filter(pk__in=ids))
        enqueue_due(ids)  # without a broker they stay planned; the sweeper queues them
        self.message_user(
            request,
            ngettext(
                "%(count)d reminder planned to be sent again.", "%(count)d reminders planned to be sent again.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )
