"""Filters of the innovation list."""

from __future__ import annotations

import django_filters as filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from api.filters import IntegerFilter
from dimensions.models import Innovation, InnovationKind, InnovationStatus
from smartcity.text import fold


class InnovationFilter(filters.FilterSet):
    dimension = filters.CharFilter(field_name="dimension__code", help_text=_("Dimension code, e.g. governance."))
    regency = filters.CharFilter(field_name="agency__regency_id", help_text=_("Regency code, e.g. 33.75."))
    village = filters.CharFilter(method="filter_village", help_text=_("Village code, e.g. 33.75.02.1004."))
    agency = IntegerFilter(field_name="agency_id", min_value=1)
    kind = filters.ChoiceFilter(choices=InnovationKind.choices)
    status = filters.ChoiceFilter(choices=InnovationStatus.choices)
    year = IntegerFilter(
        method="filter_year",
        min_value=2000,
        max_value=2100,
        help_text=_("Running in this year: started by its end and not ended before its start."),
    )
    updated_since = filters.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", help_text=_("Changed at or after this moment (ISO 8601).")
    )
    q = filters.CharFilter(method="filter_q", help_text=_("Part of the name (case and accents ignored)."))

    class Meta:
        model = Innovation
        fields = ["dimension", "regency", "village", "agency", "kind", "status", "year", "updated_since", "q"]

    def filter_village(self, queryset, name, value):
        # A subquery, not a join: the m2m must not repeat innovations.
        placed = Innovation.villages.through.objects.filter(village_id=value).values("innovation_id")
        return queryset.filter(pk__in=placed)

    def filter_year(self, queryset, name, value):
        return queryset.filter(start_date__year__lte=value).filter(
            Q(end_date__isnull=True) | Q(end_date__year__gte=value)
        )

    def filter_q(self, queryset, name, value):
        return queryset.filter(search_name__contains=fold(value))
