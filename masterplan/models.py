"""A region's smart-city masterplan: its versions, four books, action plan and guidance sessions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.models import YEAR_VALIDATORS
from smartcity.uploads import DOCUMENTS, FileCheck, RandomName


class Masterplan(models.Model):
    """The smart-city masterplan of one region (about ten years, revised as versions)."""

    regency = models.OneToOneField(
        "kelurahan.Regency", verbose_name=_("regency"), on_delete=models.PROTECT, related_name="masterplan"
    )
    title = models.CharField(_("title"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["regency__code"]
        verbose_name = _("masterplan")
        verbose_name_plural = _("masterplans")

    def __str__(self) -> str:
        return self.title


class VersionStatus(models.TextChoices):
    DRAFTING = "drafting", _("Being drafted")
    ENACTED = "enacted", _("Enacted")
    SUPERSEDED = "superseded", _("Superseded")


class MasterplanVersion(models.Model):
    """One edition of a masterplan: the original or a revision (new mayor, new RPJMD)."""

    masterplan = models.ForeignKey(
        Masterplan, verbose_name=_("masterplan"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"), validators=[MinValueValidator(1)])
    start_year = models.PositiveSmallIntegerField(_("from year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("to year"), validators=YEAR_VALIDATORS)
    status = models.CharField(_("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFTING)
    revision_reason = models.TextField(_("reason for revision"), blank=True)
    legal_basis = models.ForeignKey(
        "kelurahan.LegalBasis",
        verbose_name=_("enacting regulation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="masterplan_versions",
    )
    dimensions = models.ManyToManyField(
        "dimensions.Dimension", verbose_name=_("dimensions used"), blank=True, related_name="masterplan_versions"
    )
    is_published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["masterplan", "-number"]
        verbose_name = _("masterplan version")
        verbose_name_plural = _("masterplan versions")
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "number"], name="masterplan_version_unique_number"),
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")),
                name="masterplan_version_years_in_order",
                violation_error_message=_("The period must not end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.masterplan} {self.start_year}–{self.end_year} (v{self.number})"

    def get_absolute_url(self) -> str:
        return reverse(
            "masterplan:version",
            kwargs={"slug": self.masterplan.regency.slug, "number": self.number},
        )


class BookNumber(models.IntegerChoices):
    """The four books every masterplan is published as; their meaning is fixed nationally."""

    ANALYSIS = 1, _("Book 1: analysis of the current situation")
    MASTERPLAN = 2, _("Book 2: strategy, action plan and road map")
    FLAGSHIPS = 3, _("Book 3: flagship programmes")
    SUMMARY = 4, _("Book 4: executive summary")


class BookStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class Book(models.Model):
    """One of the four books of a masterplan version (buku 1–4)."""

    version = models.ForeignKey(
        MasterplanVersion, verbose_name=_("masterplan version"), on_delete=models.CASCADE, related_name="books"
    )
    number = models.PositiveSmallIntegerField(_("book"), choices=BookNumber.choices)
    status = models.CharField(_("status"), max_length=12, choices=BookStatus.choices, default=BookStatus.NOT_STARTED)
    file = models.FileField(
        _("file"),
        upload_to=RandomName("masterplan/books"),
        validators=[FileCheck(DOCUMENTS)],
        max_length=200,
        blank=True,
        help_text=_("PDF or office document."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "number"]
        verbose_name = _("book")
        verbose_name_plural = _("books")
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="book_unique_number_per_version"),
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=4), name="book_number_1_to_4"),
        ]

    def __str__(self) -> str:
        return self.get_number_display()


class ActionItem(models.Model):
    """An entry of the action plan / road map (rencana aksi, peta jalan) for one dimension and year."""

    version = models.ForeignKey(
        MasterplanVersion, verbose_name=_("masterplan version"), on_delete=models.CASCADE, related_name="action_items"
    )
    dimension = models.ForeignKey(
        "dimensions.Dimension", verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="action_items"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("action"), max_length=300)
    target = models.TextField(_("target"), blank=True)
    innovation = models.ForeignKey(
        "dimensions.Innovation",
        verbose_name=_("linked innovation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "year", "dimension__order", "pk"]
        verbose_name = _("action-plan item")
        verbose_name_plural = _("action-plan items")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.version_id and self.year and not (self.version.start_year <= self.year <= self.version.end_year):
            raise ValidationError(
                {
                    "year": _("The year must lie within the masterplan period %(start)s–%(end)s.")
                    % {"start": self.version.start_year, "end": self.version.end_year}
                }
            )


class GuidanceSession(models.Model):
    """A technical-guidance session (bimtek) of the ministry, stage 1 to 4 of drafting a masterplan."""

    version = models.ForeignKey(
        MasterplanVersion,
        verbose_name=_("masterplan version"),
        on_delete=models.CASCADE,
        related_name="guidance_sessions",
    )
    stage = models.PositiveSmallIntegerField(_("stage"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    institutions = models.PositiveIntegerField(_("institutions"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "stage", "starts_on"]
        verbose_name = _("guidance session (bimtek)")
        verbose_name_plural = _("guidance sessions (bimtek)")
        constraints = [
            models.CheckConstraint(condition=Q(stage__gte=1, stage__lte=4), name="guidance_stage_1_to_4"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="guidance_dates_in_order",
                violation_error_message=_("A session cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return _("Bimtek stage %(stage)s") % {"stage": self.stage}
