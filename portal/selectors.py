"""Reads of the site-wide pages: home figures, search, open data."""

from __future__ import annotations

from typing import Any

from django.db.models import Max, QuerySet

from dimensions.models import Innovation
from dimensions.selectors import dimensions_with_counts, public_innovations
from evaluations.models import EvaluationPeriod
from kelurahan.models import KelurahanPintar, Regency, Village
from kelurahan.selectors import participating_regencies
from smartcity.text import fold

LATEST = 6


def home_page() -> dict[str, Any]:
    regencies = list(participating_regencies())
    dimensions = list(dimensions_with_counts())
    return {
        "regencies": regencies,
        "dimensions": dimensions,
        "chart": chart_rows((d, d.innovation_count) for d in dimensions),
        "max_count": max((d.innovation_count for d in dimensions), default=0),
        "innovation_total": sum(d.innovation_count for d in dimensions),
        "pintar_total": KelurahanPintar.objects.filter(
            is_published=True, village__regency__programme__is_published=True
        ).count(),
        "latest": list(public_innovations().order_by("-updated_at")[:LATEST]),
        "open_period": EvaluationPeriod.objects.open_now().first(),
    }


def chart_rows(pairs) -> list[dict[str, Any]]:
    """Rows of the bar chart of innovations per dimension: label, link, count."""
    return [{"label": d.display_name, "url": d.get_absolute_url(), "count": count} for d, count in pairs]


def search_regions(query: str) -> QuerySet[Regency]:
    return (
        Regency.objects.filter(search_name__contains=fold(query))
        .select_related("province", "programme")
        .order_by("name", "code")
    )


def search_villages(query: str) -> QuerySet[Village]:
    return (
        Village.objects.filter(search_name__contains=fold(query))
        .select_related("district", "regency")
        .order_by("name", "code")
    )


def search_innovations(query: str) -> QuerySet[Innovation]:
    return public_innovations().filter(search_name__contains=fold(query)).order_by("name", "pk")


def content_last_modified() -> Any:
    """When public innovations last changed (for the sitemap)."""
    return Innovation.objects.filter(is_published=True).aggregate(latest=Max("updated_at"))["latest"]
