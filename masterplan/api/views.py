"""Masterplans with their published versions and books; the action plan (public reads, staff writes)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view

from api.viewsets import PolicyWriteViewSet, PublicReadViewSet, visible
from masterplan.models import ActionItem, Book, Masterplan, MasterplanVersion

from . import filters, serializers

# The portal's rule (masterplan.selectors.published_versions): published, in a region whose programme is.
PUBLISHED_VERSION = Q(is_published=True, masterplan__regency__programme__is_published=True)


def visible_versions(user) -> QuerySet:
    return visible(user, MasterplanVersion.objects.order_by("-number"), PUBLISHED_VERSION)


@extend_schema_view(
    list=extend_schema(summary="List masterplans that have a published version", tags=["masterplans"]),
    retrieve=extend_schema(summary="One masterplan with its versions", tags=["masterplans"]),
)
class MasterplanViewSet(PublicReadViewSet):
    """A region's smart-city masterplan (about ten years) and its versions."""

    serializer_class = serializers.MasterplanSerializer
    filterset_class = filters.MasterplanFilter
    lookup_value_regex = r"[0-9]{1,9}"
    ordering = ["id"]
    ordering_fields = ["id"]

    def get_queryset(self) -> QuerySet:
        # "Has a published version" through a subquery: a join would repeat the masterplan.
        with_published = MasterplanVersion.objects.filter(PUBLISHED_VERSION).values("masterplan_id")
        base = Masterplan.objects.select_related("regency").prefetch_related(
            Prefetch("versions", queryset=visible_versions(self.request.user), to_attr="visible_versions")
        )
        return visible(self.request.user, base, Q(pk__in=with_published))


@extend_schema_view(
    list=extend_schema(summary="List published masterplan versions with their four books", tags=["masterplans"]),
    retrieve=extend_schema(summary="One masterplan version with its four books", tags=["masterplans"]),
)
class MasterplanVersionViewSet(PublicReadViewSet):
    """An edition of a masterplan: period, status, dimensions used and the four books (buku 1–4)."""

    serializer_class = serializers.MasterplanVersionSerializer
    filterset_class = filters.MasterplanVersionFilter
    lookup_value_regex = r"[0-9]{1,9}"
    published = PUBLISHED_VERSION
    ordering = ["id"]
    ordering_fields = ["id", "start_year"]

    def base_queryset(self) -> QuerySet:
        return MasterplanVersion.objects.select_related("masterplan").prefetch_related(
            "dimensions", Prefetch("books", queryset=Book.objects.order_by("number"))
        )


@extend_schema_view(
    list=extend_schema(summary="List action-plan items of published versions", tags=["masterplans"]),
    retrieve=extend_schema(summary="One action-plan item", tags=["masterplans"]),
    create=extend_schema(summary="Add an action-plan item (regency staff, own region)", tags=["masterplans"]),
    update=extend_schema(summary="Replace an action-plan item (regency staff, own region)", tags=["masterplans"]),
    partial_update=extend_schema(
        summary="Change an action-plan item (regency staff, own region)", tags=["masterplans"]
    ),
    destroy=extend_schema(summary="Delete an action-plan item (regency staff, own region)", tags=["masterplans"]),
)
class ActionItemViewSet(PolicyWriteViewSet):
    """The action plan / road map (rencana aksi) of a masterplan version."""

    serializer_class = serializers.ActionItemSerializer
    filterset_class = filters.ActionItemFilter
    lookup_value_regex = r"[0-9]{1,9}"
    published = Q(version__is_published=True, version__masterplan__regency__programme__is_published=True)
    ordering = ["id"]
    ordering_fields = ["id", "year"]

    def base_queryset(self) -> QuerySet:
        return ActionItem.objects.select_related("version__masterplan", "dimension")


routes = [
    ("masterplans", MasterplanViewSet, "masterplan"),
    ("masterplan-versions", MasterplanVersionViewSet, "masterplan-version"),
    ("action-items", ActionItemViewSet, "action-item"),
]
