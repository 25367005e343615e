"""A region's submissions (read-mostly), answers, findings and the status-change audit (read-only)."""

from __future__ import annotations

from django.contrib import admin

from evaluations.models import Answer, AnswerEvidence, Finding, Submission, SubmissionTransition
from smartcity.admin import PolicyAdminMixin, PolicyInlineMixin, ReadOnlyAdminMixin


class TransitionInline(ReadOnlyAdminMixin, PolicyInlineMixin, admin.TabularInline):
    model = SubmissionTransition
    extra = 0
    fields = ["created_at", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(Submission)
class SubmissionAdmin(PolicyAdminMixin, admin.ModelAdmin):
    """The workflow (issue 5) moves a submission's status; here it is read, and evaluators assigned."""

    list_display = ["__str__", "regency", "period", "status", "submitted_at", "updated_at"]
    list_filter = ["status", "period"]
    list_select_related = ["regency", "period"]
    search_fields = ["regency__name", "regency__code"]
    autocomplete_fields = ["regency", "evaluators"]
    readonly_fields = ["status", "submitted_at"]
    date_hierarchy = "updated_at"
    inlines = [TransitionInline]


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdminMixin, PolicyAdminMixin, admin.ModelAdmin):
    # Answers, evidence and findings change only through the workflow (/evaluasi/), which checks the status,
    # the period, the side and the revision marks; the admin shows them.
    deleted_with_parent = True  # goes with its submission
    list_display = ["__str__", "submission", "question", "self_score", "assessed_score", "updated_at"]
    list_select_related = ["submission__regency", "submission__period", "question"]
    search_fields = ["submission__regency__name", "question__text"]
    autocomplete_fields = ["submission"]
    raw_id_fields = ["question"]


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdminMixin, PolicyAdminMixin, admin.ModelAdmin):
    deleted_with_parent = True  # goes with its submission
    list_display = ["__str__", "submission", "dimension", "kind", "created_by", "created_at"]
    list_filter = ["kind", "dimension"]
    list_select_related = ["submission__regency", "submission__period", "dimension", "created_by"]
    search_fields = ["text", "submission__regency__name"]
    autocomplete_fields = ["submission"]
    readonly_fields = ["created_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(SubmissionTransition)
class SubmissionTransitionAdmin(ReadOnlyAdminMixin, PolicyAdminMixin, admin.ModelAdmin):
    deleted_with_parent = True
    list_display = ["submission", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["to_status"]
    list_select_related = ["submission__regency", "submission__period", "actor"]
    date_hierarchy = "created_at"


@admin.register(AnswerEvidence)
class AnswerEvidenceAdmin(ReadOnlyAdminMixin, PolicyAdminMixin, admin.ModelAdmin):
    deleted_with_parent = True  # goes with its submission
    list_display = ["title", "answer", "file", "url", "created_at"]
    list_select_related = ["answer__submission__regency", "answer__submission__period", "answer__question"]
    search_fields = ["title", "answer__submission__regency__name"]
    autocomplete_fields = ["answer"]
    raw_id_fields = ["reused_from"]
    date_hierarchy = "created_at"
