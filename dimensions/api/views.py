"""The dimension catalogue (read-only) and innovations (public reads, staff writes)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view

from api.viewsets import PolicyWriteViewSet, PublicReadViewSet
from dimensions.models import Dimension, Innovation, InnovationLink, SubDimension
from kelurahan.models import Programme

from . import filters, serializers


@extend_schema_view(
    list=extend_schema(summary="List the dimension catalogue with sub-dimensions", tags=["dimensions"]),
    retrieve=extend_schema(summary="One dimension (by code)", tags=["dimensions"]),
)
class DimensionViewSet(PublicReadViewSet):
    """The national catalogue: six core dimensions and the extras regions may add."""

    serializer_class = serializers.DimensionSerializer
    lookup_field = "code"
    lookup_value_regex = r"[-a-z0-9_]{1,30}"
    ordering = ["order", "code"]
    ordering_fields = ["order", "code"]

    def base_queryset(self) -> QuerySet:
        return Dimension.objects.prefetch_related(
            Prefetch("sub_dimensions", queryset=SubDimension.objects.order_by("order", "code"))
        )


@extend_schema_view(
    list=extend_schema(summary="List innovations (published; staff also see their own drafts)", tags=["innovations"]),
    retrieve=extend_schema(summary="One innovation", tags=["innovations"]),
    create=extend_schema(summary="Add an innovation (staff, own region)", tags=["innovations"]),
    update=extend_schema(summary="Replace an innovation (staff, own region)", tags=["innovations"]),
    partial_update=extend_schema(summary="Change an innovation (staff, own region)", tags=["innovations"]),
    destroy=extend_schema(summary="Delete an innovation (staff, own region)", tags=["innovations"]),
)
class InnovationViewSet(PolicyWriteViewSet):
    """Quick wins, flagship programmes and innovations of the regions, per dimension."""

    serializer_class = serializers.InnovationSerializer
    filterset_class = filters.InnovationFilter
    lookup_value_regex = r"[0-9]{1,9}"
    # The portal's rule (dimensions.selectors.public_innovations): published, in a region whose programme is. The
    # regions as a subquery, not joins through regency and programme: the planner can then walk the index of the
    # cursor ordering and stop after a page, instead of joining and sorting every published innovation.
    published = Q(
        is_published=True,
        agency__regency_id__in=Programme.objects.filter(is_published=True).values("regency_id"),
    )
    ordering = ["-updated_at", "-id"]
    ordering_fields = ["updated_at", "name", "id"]

    def base_queryset(self) -> QuerySet:
        return Innovation.objects.select_related("dimension", "sub_dimension", "agency").prefetch_related(
            "villages", Prefetch("links", queryset=InnovationLink.objects.order_by("pk"))
        )


routes = [
    ("dimensions", DimensionViewSet, "dimension"),
    ("innovations", InnovationViewSet, "innovation"),
]
