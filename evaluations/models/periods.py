"""Evaluation periods: one semester stage of the national evaluation, with its component weights."""

from __future__ import annotations

from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kelurahan.models import YEAR_VALIDATORS

from .questionnaires import Component


class Semester(models.IntegerChoices):
    FIRST = 1, _("Semester I")
    SECOND = 2, _("Semester II")


PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class EvaluationPeriodQuerySet(models.QuerySet["EvaluationPeriod"]):
    def open_on(self, day: date) -> EvaluationPeriodQuerySet:
        return self.filter(opens_on__lte=day, due_on__gte=day, closed_at__isnull=True)

    def open_now(self) -> EvaluationPeriodQuerySet:
        return self.open_on(timezone.localdate())


class EvaluationPeriod(models.Model):
    """A stage (tahap) of a semester's evaluation: when it opens, when answers and reviews are due."""

    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    semester = models.PositiveSmallIntegerField(_("semester"), choices=Semester.choices)
    stage = models.PositiveSmallIntegerField(_("stage"), default=1, validators=[MinValueValidator(1)])
    opens_on = models.DateField(_("opens on"))
    due_on = models.DateField(_("answers due on"))
    review_due_on = models.DateField(_("review due on"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    questionnaire = models.ForeignKey(
        "evaluations.Questionnaire", verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="periods"
    )
    weight_baseline = models.PositiveSmallIntegerField(_("weight: baseline (%)"), default=10, validators=PERCENT)
    weight_output = models.PositiveSmallIntegerField(_("weight: output (%)"), default=20, validators=PERCENT)
    weight_outcome = models.PositiveSmallIntegerField(_("weight: outcome (%)"), default=30, validators=PERCENT)
    weight_impact = models.PositiveSmallIntegerField(_("weight: impact (%)"), default=30, validators=PERCENT)
    weight_quick_win = models.PositiveSmallIntegerField(_("weight: quick win (%)"), default=10, validators=PERCENT)

    objects = EvaluationPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-semester", "-stage"]
        verbose_name = _("evaluation period")
        verbose_name_plural = _("evaluation periods")
        constraints = [
            models.UniqueConstraint(fields=["year", "semester", "stage"], name="period_unique_stage"),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("opens_on")) & Q(review_due_on__gte=F("due_on")),
                name="period_dates_in_order",
                violation_error_message=_("Dates must run in order: opens, answers due, review due."),
            ),
            models.CheckConstraint(
                condition=Exact(
                    F("weight_baseline")
                    + F("weight_output")
                    + F("weight_outcome")
                    + F("weight_impact")
                    + F("weight_quick_win"),
                    100,
                ),
                name="period_weights_sum_to_100",
                violation_error_message=_("The component weights must add up to 100."),
            ),
        ]

    def __str__(self) -> str:
        return _("%(semester)s %(year)s, stage %(stage)s") % {
            "semester": self.get_semester_display(),
            "year": self.year,
            "stage": self.stage,
        }

    @property
    def component_weights(self) -> dict[str, int]:
        return {
            Component.BASELINE: self.weight_baseline,
            Component.OUTPUT: self.weight_output,
            Component.OUTCOME: self.weight_outcome,
            Component.IMPACT: self.weight_impact,
            Component.QUICK_WIN: self.weight_quick_win,
        }
