"""The national questionnaire: its scale levels and questions, edited together; versioned.

A questionnaire used by a closed period is frozen (read-only here, inlines included); the action
"Copy into a new version" makes an editable copy with the same levels and questions.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from evaluations import services
from evaluations.models import Question, Questionnaire, ScaleLevel
from evaluations.questionnaire_io import export_questionnaire
from evaluations.reports import XLSX
from smartcity.admin import PolicyAdminMixin, PolicyInlineMixin


class _FrozenInlineMixin:
    """Inline rows of a frozen questionnaire are read-only."""

    def has_add_permission(self, request, obj=None):
        if obj is not None and services.questionnaire_is_frozen(obj):
            return False
        return super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is not None and services.questionnaire_is_frozen(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and services.questionnaire_is_frozen(obj):
            return False
        return super().has_delete_permission(request, obj)


class ScaleLevelInline(_FrozenInlineMixin, PolicyInlineMixin, admin.TabularInline):
    model = ScaleLevel
    extra = 0
    fields = ["level", "name", "descriptor"]


class QuestionInline(_FrozenInlineMixin, PolicyInlineMixin, admin.StackedInline):
    model = Question
    extra = 0
    fields = [
        ("number", "component", "answer_type", "weight", "evidence_required"),
        "text",
        ("dimension", "sub_dimension"),
    ]
    autocomplete_fields = ["dimension", "sub_dimension"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("dimension", "sub_dimension")


@admin.register(Questionnaire)
class QuestionnaireAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "version", "question_count", "based_on", "created_at"]
    list_select_related = ["based_on"]
    search_fields = ["title"]
    date_hierarchy = "created_at"
    readonly_fields = ["based_on"]
    inlines = [ScaleLevelInline, QuestionInline]
    actions = ["copy_into_new_version", "export_spreadsheet"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_count=Count("questions"))

    @admin.display(description=_("questions"), ordering="question_count")
    def question_count(self, obj):
        return obj.question_count

    def has_change_permission(self, request, obj=None):
        if obj is not None and services.questionnaire_is_frozen(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and services.questionnaire_is_frozen(obj):
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("Copy into a new version"), permissions=["add"])
    def copy_into_new_version(self, request, queryset):
        copies = [services.questionnaire_copy(user=request.user, questionnaire=q) for q in queryset]
        self.message_user(
            request,
            ngettext("Made %(count)d new version.", "Made %(count)d new versions.", len(copies))
            % {"count": len(copies)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Export as a spreadsheet (XLSX)"), permissions=["view"])
    def export_spreadsheet(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one questionnaire to export."), messages.ERROR)
            return None
        questionnaire = queryset.get()
        response = HttpResponse(export_questionnaire(questionnaire), content_type=XLSX)
        name = f"kuesioner-{slugify(questionnaire.title)}-v{questionnaire.version}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


@admin.register(ScaleLevel)
class ScaleLevelAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "level", "questionnaire"]
    list_filter = ["questionnaire"]
    list_select_related = ["questionnaire"]
    search_fields = ["name"]


@admin.register(Question)
class QuestionAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["number", "text", "questionnaire", "dimension", "component", "answer_type", "weight"]
    list_filter = ["questionnaire", "dimension", "component", "answer_type"]
    list_select_related = ["questionnaire", "dimension"]
    search_fields = ["text"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and services.questionnaire_is_frozen(obj.questionnaire):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and services.questionnaire_is_frozen(obj.questionnaire):
            return False
        return super().has_delete_permission(request, obj)
