"""The national questionnaire: its scale levels and questions."""

from __future__ import annotations

from django.contrib import admin

from evaluations.models import Question, Questionnaire, ScaleLevel
from smartcity.admin import PolicyAdminMixin, PolicyInlineMixin


class ScaleLevelInline(PolicyInlineMixin, admin.TabularInline):
    model = ScaleLevel
    extra = 0


@admin.register(Questionnaire)
class QuestionnaireAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "version", "based_on", "created_at"]
    list_select_related = ["based_on"]
    search_fields = ["title"]
    date_hierarchy = "created_at"
    inlines = [ScaleLevelInline]


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
