"""Filters of the masterplan lists."""

from __future__ import annotations

import django_filters as filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from api.filters import IntegerFilter
from masterplan.models import ActionItem, Masterplan, MasterplanVersion, VersionStatus


class MasterplanFilter(filters.FilterSet):
    regency = filters.CharFilter(field_name="regency_id", help_text=_("Regency code, e.g. 33.75."))

    class Meta:
        model = Masterplan
        fields = ["regency"]


class MasterplanVersionFilter(filters.FilterSet):
    regency = filters.CharFilter(field_name="masterplan__regency_id", help_text=_("Regency code, e.g. 33.75."))
    masterplan = IntegerFilter(field_name="masterplan_id", min_value=1)
    status = filters.ChoiceFilter(choices=VersionStatus.choices)
    year = IntegerFilter(
        method="filter_year", min_value=2000, max_value=2100, help_text=_("Versions whose period includes this year.")
    )

    class Meta:
        model = MasterplanVersion
        fields = ["regency", "masterplan", "status", "year"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(Q(start_year__lte=value) & Q(end_year__gte=value))


class ActionItemFilter(filters.FilterSet):
    regency = filters.CharFilter(field_name="version__masterplan__regency_id", help_text=_("Regency code, e.g. 33.75."))
    version = IntegerFilter(field_name="version_id", min_value=1)
    dimension = filters.CharFilter(field_name="dimension__code", help_text=_("Dimension code, e.g. governance."))
    year = IntegerFilter(min_value=2000, max_value=2100)

    class Meta:
        model = ActionItem
        fields = ["regency", "version", "dimension", "year"]
