"""A region's answers to a period's questionnaire, and what evaluators make of them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smartcity.uploads import EVIDENCE, FileCheck, random_name


class SubmissionStatus(models.TextChoices):
    """The review workflow; transitions are made by one service, never by saving a field."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    REVISION_REQUESTED = "revision_requested", _("Revision requested")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    ACCEPTED = "accepted", _("Accepted")
    PUBLISHED = "published", _("Published")


class Submission(models.Model):
    """One region's self-assessment for one evaluation period."""

    period = models.ForeignKey(
        "evaluations.EvaluationPeriod", verbose_name=_("period"), on_delete=models.PROTECT, related_name="submissions"
    )
    regency = models.ForeignKey(
        "kelurahan.Regency", verbose_name=_("regency"), on_delete=models.PROTECT, related_name="submissions"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT, db_index=True
    )
    evaluators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned evaluators"), blank=True, related_name="assigned_submissions"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    revision_due_on = models.DateField(
        _("revision due on"),
        null=True,
        blank=True,
        help_text=_("Set when an evaluator requests a revision; the region is reminded before it."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Written once, when the scores are published (`services.publish`, `manage.py freeze_results`): results pages
    # and the API read it instead of adding up every answer again.
    result = models.JSONField(
        _("published result"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The scores as they were published: overall and per dimension, assessed and self-assessed."),
    )

    class Meta:
        ordering = ["period", "regency"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["period", "regency"], name="submission_unique_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.regency} — {self.period}"


SCORE_RANGE = Q(self_score__isnull=True) | Q(self_score__gte=1, self_score__lte=5)
ASSESSED_RANGE = Q(assessed_score__isnull=True) | Q(assessed_score__gte=1, assessed_score__lte=5)


class Answer(models.Model):
    """The region's answer to one question, with the evaluator's assessed score beside it."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        "evaluations.Question", verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    self_score = models.PositiveSmallIntegerField(_("self-score"), null=True, blank=True)
    value = models.CharField(
        _("answer"), max_length=200, blank=True, help_text=_("For yes/no, number and text questions.")
    )
    explanation = models.TextField(_("explanation"), blank=True)
    assessed_score = models.PositiveSmallIntegerField(_("assessed score"), null=True, blank=True)
    evaluator_comment = models.TextField(_("evaluator's comment"), blank=True)
    needs_revision = models.BooleanField(
        _("to be revised"),
        default=False,
        help_text=_("Marked by the evaluator when requesting a revision; only these answers may then change."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["submission", "question__number"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["submission", "question"], name="answer_unique_per_question"),
            models.CheckConstraint(condition=SCORE_RANGE, name="answer_self_score_1_to_5"),
            models.CheckConstraint(condition=ASSESSED_RANGE, name="answer_assessed_score_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.submission} #{self.question_id}"


class AnswerEvidence(models.Model):
    """Supporting evidence (bukti dukung) of an answer: an uploaded file or a link."""

    answer = models.ForeignKey(Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=random_name("evaluations/evidence"),
        validators=[FileCheck(EVIDENCE)],
        blank=True,
        max_length=200,
    )
    url = models.URLField(_("link"), blank=True, max_length=500)
    reused_from = models.ForeignKey(
        "self",
        verbose_name=_("reused from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The evidence of an earlier semester this one repeats."),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["answer", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=(~Q(file="") & Q(url="")) | (Q(file="") & ~Q(url="")),
                name="answer_evidence_file_or_link",
                violation_error_message=_("Evidence is either a file or a link."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SubmissionTransition(models.Model):
    """Every status change of a submission: who, when, from what to what, and why."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=SubmissionStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=SubmissionStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["submission", "created_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class FindingKind(models.TextChoices):
    STRENGTH = "strength", _("Strength")
    WEAKNESS = "weakness", _("Weakness")
    RECOMMENDATION = "recommendation", _("Recommendation")


class Finding(models.Model):
    """An evaluator's finding on one dimension; recommendations follow the region into the next period."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="findings"
    )
    dimension = models.ForeignKey(
        "dimensions.Dimension", verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="findings"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=FindingKind.choices)
    text = models.TextField(_("finding"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["submission", "dimension__order", "kind", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return self.text[:80]
