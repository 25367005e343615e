"""Evaluation periods: dates, component weights, the regions taking part and their evaluators; open and close."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from evaluations import services
from evaluations.models import EvaluationPeriod, Submission
from smartcity.admin import PolicyAdminMixin, PolicyInlineMixin


class SubmissionInline(PolicyInlineMixin, admin.TabularInline):
    """One row per region taking part, with the evaluators assigned to it; the status moves in the workflow."""

    model = Submission
    extra = 0
    fields = ["regency", "evaluators", "status", "submitted_at"]
    readonly_fields = ["status", "submitted_at"]
    autocomplete_fields = ["regency", "evaluators"]
    verbose_name = _("region taking part")
    verbose_name_plural = _("regions taking part and their evaluators")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("regency").prefetch_related("evaluators")


@admin.register(EvaluationPeriod)
class EvaluationPeriodAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "year", "semester", "stage", "opens_on", "due_on", "review_due_on", "closed_at"]
    list_filter = ["year", "semester"]
    list_select_related = ["questionnaire"]
    date_hierarchy = "opens_on"
    autocomplete_fields = ["questionnaire"]
    readonly_fields = ["closed_at"]
    fieldsets = [
        (None, {"fields": [("year", "semester", "stage"), "questionnaire"]}),
        (_("Dates"), {"fields": [("opens_on", "due_on", "review_due_on"), "closed_at"]}),
        (
            _("Component weights (%, must add up to 100)"),
            {
                "fields": [
                    ("weight_baseline", "weight_output", "weight_outcome", "weight_impact", "weight_quick_win"),
                ]
            },
        ),
    ]
    inlines = [SubmissionInline]
    actions = ["close_periods", "reopen_periods"]

    @admin.action(description=_("Close the selected periods (no more answers)"), permissions=["change"])
    def close_periods(self, request, queryset):
        for period in queryset:
            services.period_close(user=request.user, period=period)
        self.message_user(
            request,
            ngettext("Closed %(count)d period.", "Closed %(count)d periods.", queryset.count())
            % {"count": queryset.count()},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reopen the selected periods"), permissions=["change"])
    def reopen_periods(self, request, queryset):
        for period in queryset:
            services.period_reopen(user=request.user, period=period)
        self.message_user(
            request,
            ngettext("Reopened %(count)d period.", "Reopened %(count)d periods.", queryset.count())
            % {"count": queryset.count()},
            messages.SUCCESS,
        )
