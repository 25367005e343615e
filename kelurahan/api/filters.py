"""Filters of the area and programme lists."""

from __future__ import annotations

import django_filters as filters
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from api.filters import BooleanFilter, IntegerFilter
from kelurahan.models import (
    Agency,
    District,
    KelurahanPintar,
    LegalBasis,
    LegalBasisKind,
    Programme,
    Regency,
    RegencyKind,
    Village,
    VillageKind,
)
from smartcity.text import fold


def search_name(queryset, name, value):
    """On the indexed, case- and accent-folded `search_name` column (smartcity.text.fold)."""
    return queryset.filter(search_name__contains=fold(value))


class RegencyFilter(filters.FilterSet):
    province = filters.CharFilter(field_name="province_id", help_text=_("Province code, e.g. 33."))
    kind = filters.ChoiceFilter(choices=RegencyKind.choices)
    participating = BooleanFilter(
        field_name="programme__is_published", help_text=_("Only regions with a published programme.")
    )
    q = filters.CharFilter(method=search_name, help_text=_("Part of the name (case and accents ignored)."))

    class Meta:
        model = Regency
        fields = ["province", "kind", "participating", "q"]


class DistrictFilter(filters.FilterSet):
    regency = filters.CharFilter(field_name="regency_id", help_text=_("Regency code, e.g. 33.75."))
    q = filters.CharFilter(method=search_name, help_text=_("Part of the name (case and accents ignored)."))

    class Meta:
        model = District
        fields = ["regency", "q"]


def published_enrolment():
    """For a village list: enrolled in Kelurahan Pintar, and both the enrolment and the region's programme published.

    The programme is checked on the listed village's own region, not by joining the enrolment back to its village,
    region and programme: that join made PostgreSQL hash every village of the country for each page.
    """
    published_regions = Programme.objects.filter(is_published=True).values("regency_id")
    enrolled = Exists(KelurahanPintar.objects.filter(village=OuterRef("pk"), is_published=True))
    return ExpressionWrapper(Q(enrolled) & Q(regency_id__in=published_regions), output_field=BooleanField())


class VillageFilter(filters.FilterSet):
    regency = filters.CharFilter(field_name="regency_id", help_text=_("Regency code, e.g. 33.75."))
    district = filters.CharFilter(field_name="district_id", help_text=_("District code, e.g. 33.75.04."))
    kind = filters.ChoiceFilter(choices=VillageKind.choices)
    kelurahan_pintar = BooleanFilter(
        method="filter_kelurahan_pintar", help_text=_("Enrolled in a published Kelurahan Pintar programme.")
    )
    q = filters.CharFilter(method=search_name, help_text=_("Part of the name (case and accents ignored)."))

    class Meta:
        model = Village
        fields = ["regency", "district", "kind", "kelurahan_pintar", "q"]

    def filter_kelurahan_pintar(self, queryset, name, value):
        return queryset.filter(is_kelurahan_pintar=value)


class ProgrammeFilter(filters.FilterSet):
    joined_year = IntegerFilter()
    province = filters.CharFilter(field_name="regency__province_id", help_text=_("Province code, e.g. 33."))

    class Meta:
        model = Programme
        fields = ["joined_year", "province"]


class LegalBasisFilter(filters.FilterSet):
    regency = filters.CharFilter(field_name="regency_id", help_text=_("Regency code, e.g. 33.75."))
    kind = filters.ChoiceFilter(choices=LegalBasisKind.choices)
    year = IntegerFilter()

    class Meta:
        model = LegalBasis
        fields = ["regency", "kind", "year"]


class AgencyFilter(filters.FilterSet):
    regency = filters.CharFilter(field_name="regency_id", help_text=_("Regency code, e.g. 33.75."))
    q = filters.CharFilter(field_name="name", lookup_expr="icontains", help_text=_("Part of the name."))

    class Meta:
        model = Agency
        fields = ["regency", "q"]


class KelurahanPintarFilter(filters.FilterSet):
    regency = filters.CharFilter(field_name="village__regency_id", help_text=_("Regency code, e.g. 33.75."))
    supervising_agency = IntegerFilter(field_name="supervising_agency_id")

    class Meta:
        model = KelurahanPintar
        fields = ["regency", "supervising_agency"]
