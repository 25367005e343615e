"""Reads of the dimension catalogue and published innovations for the public pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from kelurahan.models import Village

from .models import Dimension, Innovation, InnovationEvidence, InnovationLink, SubDimension


def public_innovations() -> QuerySet[Innovation]:
    """Published innovations of regions whose programme is published, with what a list row shows."""
    return Innovation.objects.filter(is_published=True, agency__regency__programme__is_published=True).select_related(
        "dimension", "agency__regency"
    )


def dimensions_with_counts() -> QuerySet[Dimension]:
    """The catalogue with the number of public innovations under each dimension."""
    return Dimension.objects.annotate(
        innovation_count=Count(
            "innovations",
            filter=Q(innovations__is_published=True, innovations__agency__regency__programme__is_published=True),
        )
    ).order_by("order", "code")


def catalogue() -> list[Dimension]:
    return list(
        dimensions_with_counts().prefetch_related(
            Prefetch("sub_dimensions", queryset=SubDimension.objects.order_by("order"))
        )
    )


def dimension_by_code(code: str) -> Dimension:
    return get_object_or_404(
        Dimension.objects.prefetch_related(Prefetch("sub_dimensions", queryset=SubDimension.objects.order_by("order"))),
        code=code,
    )


def filter_innovations(queryset: QuerySet[Innovation], filters: dict[str, Any]) -> QuerySet[Innovation]:
    """Narrow by the cleaned filter form: region (slug), dimension (code), kind, status, year."""
    if filters.get("region"):
        queryset = queryset.filter(agency__regency__slug=filters["region"])
    if filters.get("dimension"):
        queryset = queryset.filter(dimension__code=filters["dimension"])
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("year"):
        queryset = queryset.filter(start_date__year=filters["year"])
    return queryset


def innovation_page(slug: str) -> dict[str, Any]:
    innovation = get_object_or_404(
        public_innovations().select_related("sub_dimension", "agency__regency__province"), slug=slug
    )
    return {
        "innovation": innovation,
        "regency": innovation.agency.regency,
        "villages": list(Village.objects.filter(innovations=innovation).select_related("district").order_by("name")),
        "links": list(InnovationLink.objects.filter(innovation=innovation).order_by("pk")),
        "evidence": list(
            InnovationEvidence.objects.filter(innovation=innovation, is_published=True).order_by("-uploaded_at")
        ),
        "action_items": list(
            innovation.action_items.filter(version__is_published=True)
            .select_related("version__masterplan__regency")
            .order_by("year")
        ),
    }


def published_evidence(slug: str, pk: int) -> InnovationEvidence:
    return get_object_or_404(
        InnovationEvidence.objects.exclude(file=""),
        pk=pk,
        is_published=True,
        innovation__slug=slug,
        innovation__is_published=True,
        innovation__agency__regency__programme__is_published=True,
    )
