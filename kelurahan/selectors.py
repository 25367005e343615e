"""Reads of areas and regional programmes for the public pages, with their queries decided here.

Every function runs a fixed number of queries whatever the data size; the page tests assert it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404

from dimensions.models import Dimension, Innovation

from .models import District, KelurahanPintar, Regency, Village


def participating_regencies(*, with_counts: bool = False) -> QuerySet[Regency]:
    """Regions whose programme is published, with what a list of them shows.

    `with_counts` adds `innovation_count` (published innovations): a join over every innovation of the listed
    regions, so pages that do not show it (home) leave it out.
    """
    regencies = (
        Regency.objects.filter(programme__is_published=True).select_related("province", "programme").order_by("name")
    )
    if with_counts:
        # Each innovation reaches its regency through exactly one agency: no duplicates, no DISTINCT needed.
        regencies = regencies.annotate(
            innovation_count=Count("agencies__innovations", filter=Q(agencies__innovations__is_published=True))
        )
    return regencies


def published_innovations() -> QuerySet[Innovation]:
    """Published innovations of published regions with what a list row shows (dimension, agency, region)."""
    from dimensions.selectors import public_innovations

    return public_innovations()


def published_kelurahan_pintar() -> QuerySet[KelurahanPintar]:
    return (
        KelurahanPintar.objects.filter(is_published=True, village__regency__programme__is_published=True)
        .select_related("village__district", "village__regency", "supervising_agency")
        .prefetch_related(Prefetch("focus_dimensions", queryset=Dimension.objects.order_by("order")))
    )


@dataclass
class DimensionGroup:
    """A dimension and the innovations shown under it."""

    dimension: Dimension
    innovations: list[Innovation] = field(default_factory=list)
    # How many there are in all when `innovations` holds only the first few (the region page).
    total: int | None = None

    @property
    def count(self) -> int:
        return len(self.innovations) if self.total is None else self.total

    @property
    def more(self) -> bool:
        return self.count > len(self.innovations)


def group_by_dimension(innovations: list[Innovation]) -> list[DimensionGroup]:
    """Innovations grouped under their dimension, in catalogue order (no query: dimensions are joined)."""
    groups: dict[int, DimensionGroup] = {}
    for innovation in innovations:
        groups.setdefault(innovation.dimension_id, DimensionGroup(innovation.dimension)).innovations.append(innovation)
    return sorted(groups.values(), key=lambda g: (g.dimension.order, g.dimension.code))


# A participating region has hundreds of innovations (about 580 each at national scale): its page lists the
# latest few per dimension with the count, and links to the filtered innovation list for the rest.
REGION_PAGE_LATEST = 5


def _latest_by_dimension(innovations: QuerySet[Innovation], per_dimension: int) -> list[DimensionGroup]:
    """The `per_dimension` latest innovations under each dimension, with each dimension's total (2 queries)."""
    totals = dict(innovations.order_by().values_list("dimension").annotate(n=Count("pk")))
    latest = innovations.annotate(
        rank=Window(RowNumber(), partition_by=F("dimension"), order_by=[F("updated_at").desc(), F("pk").desc()])
    ).filter(rank__lte=per_dimension)
    groups = group_by_dimension(list(latest.order_by("dimension__order", "-updated_at", "-pk")))
    for group in groups:
        group.total = totals.get(group.dimension.pk, len(group.innovations))
    return groups


def region_page(slug: str) -> dict[str, Any]:
    """Everything the region page shows, in a fixed number of queries (404 unless the programme is published)."""
    from masterplan.selectors import region_masterplan

    regency = get_object_or_404(
        Regency.objects.select_related("province", "programme"), slug=slug, programme__is_published=True
    )
    groups = _latest_by_dimension(published_innovations().filter(agency__regency=regency), REGION_PAGE_LATEST)
    districts = list(
        District.objects.filter(regency=regency).annotate(village_count=Count("villages")).order_by("name")
    )
    return {
        "regency": regency,
        "programme": regency.programme,
        "legal_bases": list(regency.legal_bases.all()),
        "agencies": list(
            regency.agencies.annotate(
                innovation_count=Count("innovations", filter=Q(innovations__is_published=True))
            ).order_by("name")
        ),
        "dimension_groups": groups,
        "chart": [
            {"label": g.dimension.display_name, "url": g.dimension.get_absolute_url(), "count": g.count} for g in groups
        ],
        "max_count": max((g.count for g in groups), default=0),
        "innovation_count": sum(g.count for g in groups),
        "kelurahan_pintar": list(published_kelurahan_pintar().filter(village__regency=regency)),
        "districts": districts,
        "village_count": sum(d.village_count for d in districts),
        **region_masterplan(regency),
    }


def district_page(code: str) -> dict[str, Any]:
    district = get_object_or_404(District.objects.select_related("regency__province"), code=code)
    villages = list(
        district.villages.annotate(
            pintar=Count("kelurahan_pintar", filter=Q(kelurahan_pintar__is_published=True)),
        ).order_by("name")
    )
    return {
        "district": district,
        "regency": district.regency,
        "participating": _is_participating(district.regency_id),
        "villages": villages,
    }


def _is_participating(regency_code: str) -> bool:
    return Regency.objects.filter(code=regency_code, programme__is_published=True).exists()


def village_page(code: str) -> dict[str, Any]:
    village = get_object_or_404(Village.objects.select_related("district", "regency__province"), code=code)
    innovations = list(published_innovations().filter(villages=village).order_by("dimension__order", "name"))
    pintar = published_kelurahan_pintar().filter(village=village).first()
    return {
        "village": village,
        "regency": village.regency,
        "participating": _is_participating(village.regency_id),
        "kelurahan_pintar": pintar,
        "dimension_groups": group_by_dimension(innovations),
        "innovation_count": len(innovations),
    }
