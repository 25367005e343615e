"""Admin of official areas (read-only) and of a region's programme, legal bases, agencies and Kelurahan Pintar."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from dimensions.models import Innovation
from smartcity.admin import HistoryAdmin, PolicyAdminMixin, PolicyInlineMixin, PublishActionsMixin

from .models import Agency, District, KelurahanPintar, LegalBasis, Programme, Province, Regency, Village


class AreaAdmin(PolicyAdminMixin, admin.ModelAdmin):
    """Official areas come from `import_wilayah`: every field is read-only."""

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.concrete_fields]


@admin.register(Province)
class ProvinceAdmin(AreaAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Regency)
class RegencyAdmin(AreaAdmin):
    list_display = ["code", "name", "kind", "province"]
    list_filter = ["kind"]
    list_select_related = ["province"]
    search_fields = ["code", "name"]


@admin.register(District)
class DistrictAdmin(AreaAdmin):
    list_display = ["code", "name", "regency"]
    list_select_related = ["regency"]
    search_fields = ["code", "name"]


class KelurahanPintarInline(PolicyInlineMixin, admin.StackedInline):
    model = KelurahanPintar
    extra = 0
    max_num = 1
    autocomplete_fields = ["supervising_agency"]
    filter_horizontal = ["focus_dimensions"]
    fields = ["since", "supervising_agency", "focus_dimensions", "local_strengths", "is_published"]


class PlacedInnovationInline(PolicyInlineMixin, admin.TabularInline):
    """The innovations placed in this kelurahan (the innovation's own page holds the rest)."""

    model = Innovation.villages.through
    extra = 0
    fields = ["innovation"]
    readonly_fields = ["innovation"]  # placed from the innovation's page (kelurahan autocomplete there)
    verbose_name = _("innovation placed here")
    verbose_name_plural = _("innovations placed here")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("innovation")

    def has_add_permission(self, request, obj=None):
        return False


class EnrolledFilter(admin.SimpleListFilter):
    title = _("Kelurahan Pintar")
    parameter_name = "enrolled"

    def lookups(self, request, model_admin):
        return [("yes", _("Enrolled")), ("no", _("Not enrolled"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(kelurahan_pintar__isnull=False)
        if self.value() == "no":
            return queryset.filter(kelurahan_pintar__isnull=True)
        return queryset


@admin.register(Village)
class VillageAdmin(AreaAdmin):
    """83,762 rows nationally: searched by code or name, picked through autocomplete everywhere."""

    list_display = ["code", "name", "kind", "district", "regency"]
    list_filter = ["kind", EnrolledFilter]
    list_select_related = ["district", "regency"]
    search_fields = ["code", "name"]
    inlines = [KelurahanPintarInline, PlacedInnovationInline]
    show_full_result_count = False


class ProgrammeListsMixin:
    """The legal bases and agencies of the programme's region, shown on the programme page with links.

    Whoever may view a programme may view its region's legal bases and agencies (same rules).
    """

    @admin.display(description=_("legal bases"))
    def legal_bases(self, obj):
        return self._links(obj, obj.regency.legal_bases.all() if obj else (), "admin:kelurahan_legalbasis")

    @admin.display(description=_("agencies (OPD)"))
    def agencies(self, obj):
        return self._links(obj, obj.regency.agencies.all() if obj else (), "admin:kelurahan_agency")

    def _links(self, obj, rows, url_name):
        if obj is None or obj.pk is None:
            return "—"
        items = format_html_join(
            "", '<li><a href="{}">{}</a></li>', ((reverse(f"{url_name}_change", args=[row.pk]), row) for row in rows)
        )
        add_url = reverse(f"{url_name}_add")
        add = format_html('<li><a href="{}?regency={}">{}</a></li>', add_url, obj.regency_id, _("Add"))
        return format_html("<ul>{}{}</ul>", items, add)


@admin.register(Programme)
class ProgrammeAdmin(PublishActionsMixin, ProgrammeListsMixin, HistoryAdmin):
    list_display = ["regency", "joined_year", "cohort", "is_published", "updated_at"]
    list_filter = ["is_published", "joined_year"]
    list_select_related = ["regency"]
    search_fields = ["regency__name", "regency__code", "cohort"]
    autocomplete_fields = ["regency", "dinkominfo_head"]
    date_hierarchy = "updated_at"
    readonly_fields = ["legal_bases", "agencies"]
    fields = [
        "regency",
        "joined_year",
        "cohort",
        "summary",
        "website",
        "dinkominfo_head",
        "is_published",
        "legal_bases",
        "agencies",
    ]


@admin.register(LegalBasis)
class LegalBasisAdmin(HistoryAdmin):
    list_display = ["__str__", "title", "regency", "year"]
    list_filter = ["kind", "year"]
    list_select_related = ["regency"]
    search_fields = ["number", "title", "regency__name"]
    autocomplete_fields = ["regency"]


@admin.register(Agency)
class AgencyAdmin(HistoryAdmin):
    list_display = ["name", "acronym", "regency", "innovation_count"]
    ordering = ["regency", "name"]  # explicit: the count annotation drops the model's default ordering
    list_select_related = ["regency"]
    search_fields = ["name", "acronym", "regency__name"]
    autocomplete_fields = ["regency"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(innovation_count=Count("innovations"))

    @admin.display(description=_("innovations"), ordering="innovation_count")
    def innovation_count(self, obj):
        return obj.innovation_count


@admin.register(KelurahanPintar)
class KelurahanPintarAdmin(PublishActionsMixin, HistoryAdmin):
    list_display = ["village", "regency", "supervising_agency", "since", "is_published", "updated_at"]
    list_filter = ["is_published", "supervising_agency"]
    list_select_related = ["village__regency", "supervising_agency"]
    search_fields = ["village__name", "village__code", "supervising_agency__name"]
    autocomplete_fields = ["village", "supervising_agency"]
    filter_horizontal = ["focus_dimensions"]
    date_hierarchy = "since"

    @admin.display(description=_("regency"), ordering="village__regency__code")
    def regency(self, obj):
        return obj.village.regency
