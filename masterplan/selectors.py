"""Reads of masterplans for the public pages: published versions only."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from dimensions.models import Dimension
from kelurahan.models import Regency

from .models import ActionItem, Book, MasterplanVersion, VersionStatus


def published_versions() -> QuerySet[MasterplanVersion]:
    """Published versions of published regions, with their books and dimensions."""
    return (
        MasterplanVersion.objects.filter(is_published=True, masterplan__regency__programme__is_published=True)
        .select_related("masterplan__regency", "legal_basis")
        .prefetch_related(
            Prefetch("books", queryset=Book.objects.order_by("number")),
            Prefetch("dimensions", queryset=Dimension.objects.order_by("order")),
        )
    )


def current_version(versions: list[MasterplanVersion]) -> MasterplanVersion | None:
    """The version in force: the newest enacted one, else the newest at all."""
    enacted = [v for v in versions if v.status == VersionStatus.ENACTED]
    pool = enacted or versions
    return max(pool, key=lambda v: v.number) if pool else None


def region_masterplan(regency: Regency) -> dict[str, Any]:
    versions = list(published_versions().filter(masterplan__regency=regency).order_by("-number"))
    return {
        "masterplan_versions": versions,
        "current_version": current_version(versions),
    }


def version_page(slug: str, number: int) -> dict[str, Any]:
    version = get_object_or_404(published_versions(), masterplan__regency__slug=slug, number=number)
    items = list(
        ActionItem.objects.filter(version=version)
        .select_related("dimension", "innovation")
        .order_by("dimension__order", "year", "pk")
    )
    years = list(range(version.start_year, version.end_year + 1))
    # The road map: one row per dimension, one cell per year of the period.
    by_dimension: dict[int, dict[str, Any]] = {}
    cells: dict[tuple[int, int], list[ActionItem]] = defaultdict(list)
    for item in items:
        by_dimension.setdefault(item.dimension_id, {"dimension": item.dimension})
        cells[(item.dimension_id, item.year)].append(item)
    road_map = [
        {"dimension": row["dimension"], "years": [cells.get((dimension_id, year), []) for year in years]}
        for dimension_id, row in by_dimension.items()
    ]
    other_versions = list(
        MasterplanVersion.objects.filter(masterplan_id=version.masterplan_id, is_published=True)
        .exclude(pk=version.pk)
        .order_by("-number")
    )
    return {
        "version": version,
        "masterplan": version.masterplan,
        "regency": version.masterplan.regency,
        "books": list(version.books.all()),
        "dimensions": list(version.dimensions.all()),
        "years": years,
        "road_map": road_map,
        "action_items": items,
        "guidance_sessions": list(version.guidance_sessions.order_by("stage", "starts_on")),
        "other_versions": other_versions,
    }


def published_book(slug: str, number: int, book: int) -> Book:
    """A book of a published version, for download; 404 when it has no file."""
    return get_object_or_404(
        Book.objects.select_related("version").exclude(file=""),
        version__is_published=True,
        version__masterplan__regency__programme__is_published=True,
        version__masterplan__regency__slug=slug,
        version__number=number,
        number=book,
    )
