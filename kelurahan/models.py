"""Official areas of Indonesia and the smart-city programme of a region.

Areas follow the Ministry of Home Affairs (Kemendagri) codes and use them as
primary keys: provinsi `33` → kabupaten/kota `33.75` → kecamatan `33.75.04` →
kelurahan/desa `33.75.04.1008`. They are loaded by `manage.py import_wilayah`
and never edited by hand; a region's programme data hangs off `Regency`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartcity.text import fold

PROVINCE_CODE = RegexValidator(r"^\d{2}$", _("A province code has two digits, e.g. 33."))
REGENCY_CODE = RegexValidator(r"^\d{2}\.\d{2}$", _("A regency code looks like 33.75."))
DISTRICT_CODE = RegexValidator(r"^\d{2}\.\d{2}\.\d{2}$", _("A district code looks like 33.75.04."))
VILLAGE_CODE = RegexValidator(r"^\d{2}\.\d{2}\.\d{2}\.[123]\d{3}$", _("A village code looks like 33.75.04.1008."))

# Programme years the portal accepts: the movement started in 2017.
YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class SearchNameMixin(models.Model):
    """A `search_name` column: the name folded for case- and accent-insensitive search (`smartcity.text.fold`).

    Kept in step on every save; bulk writes (the area import) fill it themselves.
    """

    search_name = models.CharField(_("search name"), max_length=220, editable=False, db_index=True, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.search_name = fold(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)


class Province(models.Model):
    """Provinsi."""

    code = models.CharField(_("code"), max_length=2, primary_key=True, validators=[PROVINCE_CODE])
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class RegencyKind(models.TextChoices):
    KOTA = "kota", _("City (kota)")
    KABUPATEN = "kabupaten", _("Regency (kabupaten)")


class Regency(SearchNameMixin):
    """A kota or kabupaten: the local government that joins the programme."""

    code = models.CharField(_("code"), max_length=5, primary_key=True, validators=[REGENCY_CODE])
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="regencies"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("Official name, e.g. Kota Pekalongan."))
    kind = models.CharField(_("kind"), max_length=10, choices=RegencyKind.choices)
    slug = models.SlugField(_("slug"), max_length=110, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("city or regency")
        verbose_name_plural = _("cities and regencies")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__startswith=models.F("province_id")),
                name="regency_code_within_province",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("kelurahan:region", kwargs={"slug": self.slug})


class District(SearchNameMixin):
    """Kecamatan."""

    code = models.CharField(_("code"), max_length=8, primary_key=True, validators=[DISTRICT_CODE])
    regency = models.ForeignKey(Regency, verbose_name=_("regency"), on_delete=models.PROTECT, related_name="districts")
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("district (kecamatan)")
        verbose_name_plural = _("districts (kecamatan)")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__startswith=models.F("regency_id")),
                name="district_code_within_regency",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("kelurahan:district", kwargs={"code": self.code})


class VillageKind(models.TextChoices):
    """Told apart by the first digit of the last part of the code."""

    KELURAHAN = "kelurahan", _("Kelurahan")
    DESA = "desa", _("Desa")
    DESA_ADAT = "desa_adat", _("Desa adat")

    @classmethod
    def from_code(cls, code: str) -> VillageKind:
        return {"1": cls.KELURAHAN, "2": cls.DESA, "3": cls.DESA_ADAT}[code.rsplit(".", 1)[-1][0]]


class Village(SearchNameMixin):
    """A kelurahan (urban, run by the city) or desa (with its own government).

    `regency` repeats what the district already says; it is kept so that the
    scoping policy and the region pages filter 83,762 rows on one indexed column.
    """

    code = models.CharField(_("code"), max_length=13, primary_key=True, validators=[VILLAGE_CODE])
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="villages"
    )
    regency = models.ForeignKey(Regency, verbose_name=_("regency"), on_delete=models.PROTECT, related_name="villages")
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=VillageKind.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kelurahan or desa")
        verbose_name_plural = _("kelurahan and desa")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__startswith=models.F("district_id")),
                name="village_code_within_district",
            ),
            models.CheckConstraint(
                condition=Q(code__startswith=models.F("regency_id")),
                name="village_code_within_regency",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=VillageKind.KELURAHAN, code__regex=r"\.1[0-9]{3}$")
                    | Q(kind=VillageKind.DESA, code__regex=r"\.2[0-9]{3}$")
                    | Q(kind=VillageKind.DESA_ADAT, code__regex=r"\.3[0-9]{3}$")
                ),
                name="village_kind_matches_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("kelurahan:village", kwargs={"code": self.code})


class Programme(models.Model):
    """A region's participation in the smart-city movement (Gerakan Menuju 100 Smart City)."""

    regency = models.OneToOneField(
        Regency, verbose_name=_("regency"), on_delete=models.PROTECT, related_name="programme"
    )
    joined_year = models.PositiveSmallIntegerField(
        _("joined the movement in"), validators=YEAR_VALIDATORS, help_text=_("Year the region joined.")
    )
    cohort = models.CharField(
        _("cohort"), max_length=100, blank=True, help_text=_("e.g. Menuju Kota Cerdas 2024 (10 regions).")
    )
    summary = models.TextField(_("summary"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Escalation target of overdue evaluation reminders: one named person per region, not a role
    # flag, so "who is escalated to" has exactly one answer and changes with one edit.
    dinkominfo_head = models.ForeignKey(
        "accounts.User",
        verbose_name=_("head of Dinkominfo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"role": "regency_staff"},
        help_text=_("Receives the escalation when the region's self-assessment is overdue."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["regency__code"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(joined_year__gte=2000, joined_year__lte=2100), name="programme_joined_year_range"
            ),
        ]

    def __str__(self) -> str:
        return str(self.regency)

    def clean(self) -> None:
        super().clean()
        head = self.dinkominfo_head
        if head is not None and (head.role != "regency_staff" or head.regency_id != self.regency_id):
            raise ValidationError(
                {"dinkominfo_head": _("The head of Dinkominfo must be a regency staff member of this region.")}
            )


class LegalBasisKind(models.TextChoices):
    PERDA = "perda", _("Regional regulation (Perda)")
    PERWAL = "perwal", _("Mayor regulation (Perwal)")
    PERBUP = "perbup", _("Regent regulation (Perbup)")
    DECREE = "sk", _("Decree (SK)")
    OTHER = "other", _("Other")


class LegalBasis(models.Model):
    """A regulation that underpins a region's programme, e.g. Perwal 25/2019."""

    regency = models.ForeignKey(
        Regency, verbose_name=_("regency"), on_delete=models.CASCADE, related_name="legal_bases"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=LegalBasisKind.choices)
    number = models.CharField(_("number"), max_length=30)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["regency", "year", "kind", "number"]
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        constraints = [
            models.UniqueConstraint(fields=["regency", "kind", "number", "year"], name="legal_basis_unique"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="legal_basis_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}/{self.year}"


class Agency(models.Model):
    """An OPD (Organisasi Perangkat Daerah): a regional government agency."""

    regency = models.ForeignKey(Regency, verbose_name=_("regency"), on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True, help_text=_("e.g. Dinkominfo, DPMPTSP."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["regency", "name"]
        verbose_name = _("agency (OPD)")
        verbose_name_plural = _("agencies (OPD)")
        constraints = [
            models.UniqueConstraint(fields=["regency", "name"], name="agency_unique_name_per_regency"),
        ]

    def __str__(self) -> str:
        return self.acronym or self.name


class KelurahanPintar(models.Model):
    """A village enrolled in a Kelurahan Pintar (smart kelurahan) programme, guided by one OPD pembina."""

    village = models.OneToOneField(
        Village, verbose_name=_("kelurahan"), on_delete=models.PROTECT, related_name="kelurahan_pintar"
    )
    since = models.DateField(_("enrolled since"))
    supervising_agency = models.ForeignKey(
        Agency, verbose_name=_("OPD pembina"), on_delete=models.PROTECT, related_name="supervised_kelurahan"
    )
    focus_dimensions = models.ManyToManyField(
        "dimensions.Dimension", verbose_name=_("focus dimensions"), blank=True, related_name="+"
    )
    local_strengths = models.TextField(
        _("local strengths"), blank=True, help_text=_("What the kelurahan is known for: batik, culinary, …")
    )
    is_published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["village__code"]
        verbose_name = _("Kelurahan Pintar enrolment")
        verbose_name_plural = _("Kelurahan Pintar enrolments")

    def __str__(self) -> str:
        return str(self.village)

    def clean(self) -> None:
        super().clean()
        if (
            self.village_id
            and self.supervising_agency_id
            and self.supervising_agency.regency_id != self.village.regency_id
        ):
            raise ValidationError(
                {"supervising_agency": _("The OPD pembina must be an agency of the kelurahan's own region.")}
            )
