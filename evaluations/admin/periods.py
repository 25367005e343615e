"""Evaluation periods (semesters) and their due dates."""

from __future__ import annotations

from django.contrib import admin

from evaluations.models import EvaluationPeriod
from smartcity.admin import PolicyAdminMixin


@admin.register(EvaluationPeriod)
class EvaluationPeriodAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "year", "semester", "stage", "opens_on", "due_on", "review_due_on", "closed_at"]
    list_filter = ["year", "semester"]
    list_select_related = ["questionnaire"]
    date_hierarchy = "opens_on"
