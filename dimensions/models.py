"""The national dimension catalogue and the innovations regions run under it."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.models import SearchNameMixin
from smartcity.uploads import EVIDENCE, FileCheck, RandomName


class BilingualNameMixin(models.Model):
    """Catalogue entries carry their own Indonesian and English names."""

    name = models.CharField(_("name (Indonesian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the language of the current request."""
        return self.name_en if (get_language() or "id").startswith("en") else self.name


class Dimension(BilingualNameMixin):
    """A smart-city dimension: the six core ones and the extras a region may add."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    description = models.TextField(_("description (Indonesian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_core = models.BooleanField(
        _("core dimension"), default=True, help_text=_("One of the six dimensions every region uses.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")

    def get_absolute_url(self) -> str:
        return reverse("dimensions:dimension", kwargs={"code": self.code})

    @property
    def display_description(self) -> str:
        return self.description_en if (get_language() or "id").startswith("en") else self.description


class SubDimension(BilingualNameMixin):
    """One of the three sub-dimensions of a dimension in the national evaluation."""

    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.CASCADE, related_name="sub_dimensions"
    )
    code = models.SlugField(_("code"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["dimension__order", "order", "code"]
        verbose_name = _("sub-dimension")
        verbose_name_plural = _("sub-dimensions")
        constraints = [
            models.UniqueConstraint(fields=["dimension", "code"], name="sub_dimension_unique_code"),
        ]


class InnovationKind(models.TextChoices):
    QUICK_WIN = "quick_win", _("Quick win")
    FLAGSHIP = "flagship", _("Flagship programme")
    INNOVATION = "innovation", _("Innovation")


class InnovationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class InnovationQuerySet(models.QuerySet["Innovation"]):
    def published(self) -> InnovationQuerySet:
        return self.filter(is_published=True)

    def of_regency(self, regency_code: str) -> InnovationQuerySet:
        return self.filter(agency__regency_id=regency_code)


class Innovation(SearchNameMixin):
    """A quick win, flagship programme (program unggulan) or innovation owned by an agency.

    The region is the owning agency's region; there is no second copy of it.
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=InnovationKind.choices, default=InnovationKind.INNOVATION)
    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="innovations"
    )
    sub_dimension = models.ForeignKey(
        SubDimension,
        verbose_name=_("sub-dimension"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="innovations",
    )
    agency = models.ForeignKey(
        "kelurahan.Agency", verbose_name=_("owning agency"), on_delete=models.PROTECT, related_name="innovations"
    )
    villages = models.ManyToManyField(
        "kelurahan.Village", verbose_name=_("kelurahan/desa"), blank=True, related_name="innovations"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=InnovationStatus.choices, default=InnovationStatus.RUNNING
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True, db_index=True)

    objects = InnovationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at", "name"]
        verbose_name = _("innovation")
        verbose_name_plural = _("innovations")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="innovation_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "dimension"], name="innovation_pub_dimension"),
            # The API's cursor orderings (`-updated_at` by default, `name`), ties broken by the id: a page is read
            # from the index instead of sorting every innovation.
            models.Index(fields=["-updated_at", "-id"], name="innovation_updated_id"),
            models.Index(fields=["name", "-updated_at", "-id"], name="innovation_name_updated_id"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dimensions:innovation", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.sub_dimension_id and self.dimension_id and self.sub_dimension.dimension_id != self.dimension_id:
            raise ValidationError({"sub_dimension": _("The sub-dimension must belong to the chosen dimension.")})


class InnovationLink(models.Model):
    """A public link about an innovation: its app, a news report, a document."""

    innovation = models.ForeignKey(
        Innovation, verbose_name=_("innovation"), on_delete=models.CASCADE, related_name="links"
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["innovation", "pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.title


class InnovationEvidence(models.Model):
    """A file that shows an innovation at work (bukti dukung): a report, a decree, a photo.

    Files are checked by content and stored under a random name (`smartcity.uploads`); they are
    served by `dimensions.views.evidence_file`, publicly only once published.
    """

    innovation = models.ForeignKey(
        Innovation, verbose_name=_("innovation"), on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=RandomName("dimensions/evidence"),
        validators=[FileCheck(EVIDENCE)],
        max_length=200,
        help_text=_("PDF, office document or photo (PNG, JPEG, WebP)."),
    )
    original_name = models.CharField(_("original file name"), max_length=200, blank=True, editable=False)
    is_published = models.BooleanField(_("published"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["innovation", "-uploaded_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title
