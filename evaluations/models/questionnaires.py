"""Questionnaires the ministry builds for a semester evaluation."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Questionnaire(models.Model):
    """A versioned set of questions. Once a closed period used it, it is only copied, never changed."""

    title = models.CharField(_("title"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"), default=1, validators=[MinValueValidator(1)])
    based_on = models.ForeignKey(
        "self", verbose_name=_("copied from"), on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["title", "-version"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.UniqueConstraint(fields=["title", "version"], name="questionnaire_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class ScaleLevel(models.Model):
    """A named level of the questionnaire's 1–5 maturity scale (1 Rintisan … 5 Optimum)."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="scale_levels"
    )
    level = models.PositiveSmallIntegerField(_("level"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    name = models.CharField(_("name"), max_length=100)
    descriptor = models.TextField(_("what the level means"), blank=True)

    class Meta:
        ordering = ["questionnaire", "level"]
        verbose_name = _("scale level")
        verbose_name_plural = _("scale levels")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "level"], name="scale_level_unique"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="scale_level_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.name}"


class Component(models.TextChoices):
    """The evaluation components a question belongs to; each has a weight per period."""

    BASELINE = "baseline", _("Baseline")
    OUTPUT = "output", _("Output (policy, institutions, budget)")
    OUTCOME = "outcome", _("Outcome")
    IMPACT = "impact", _("Impact")
    QUICK_WIN = "quick_win", _("Quick win")


class AnswerType(models.TextChoices):
    SCALE = "scale", _("Maturity level 1–5")
    YES_NO = "yes_no", _("Yes / no")
    NUMBER = "number", _("Number")
    TEXT = "text", _("Text (not scored)")


class Question(models.Model):
    """A question of a questionnaire, placed in a dimension and an evaluation component."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="questions"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("question"))
    dimension = models.ForeignKey(
        "dimensions.Dimension", verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="questions"
    )
    sub_dimension = models.ForeignKey(
        "dimensions.SubDimension",
        verbose_name=_("sub-dimension"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
    )
    component = models.CharField(_("component"), max_length=12, choices=Component.choices)
    answer_type = models.CharField(
        _("answer type"), max_length=10, choices=AnswerType.choices, default=AnswerType.SCALE
    )
    evidence_required = models.BooleanField(_("evidence required"), default=False)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )

    class Meta:
        ordering = ["questionnaire", "number"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="question_unique_number"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="question_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"

    def clean(self) -> None:
        super().clean()
        if self.sub_dimension_id and self.dimension_id and self.sub_dimension.dimension_id != self.dimension_id:
            raise ValidationError({"sub_dimension": _("The sub-dimension must belong to the chosen dimension.")})
