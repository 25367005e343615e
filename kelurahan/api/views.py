"""Areas (read-only, from the official list) and regional programmes (published ones)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view

from api.viewsets import PolicyWriteViewSet, PublicReadViewSet
from kelurahan.models import Agency, District, KelurahanPintar, LegalBasis, Programme, Province, Regency, Village

from . import filters, serializers

PUBLISHED_REGION = Q(regency__programme__is_published=True)


@extend_schema_view(
    list=extend_schema(summary="List provinces", tags=["areas"]),
    retrieve=extend_schema(summary="One province", tags=["areas"]),
)
class ProvinceViewSet(PublicReadViewSet):
    serializer_class = serializers.ProvinceSerializer
    lookup_field = "code"
    lookup_value_regex = r"[0-9]{2}"
    ordering = ["code"]
    ordering_fields = ["code", "name"]

    def base_queryset(self) -> QuerySet:
        return Province.objects.all()


@extend_schema_view(
    list=extend_schema(summary="List kota and kabupaten, with their programme facts", tags=["areas"]),
    retrieve=extend_schema(summary="One kota or kabupaten", tags=["areas"]),
)
class RegencyViewSet(PublicReadViewSet):
    serializer_class = serializers.RegencySerializer
    filterset_class = filters.RegencyFilter
    lookup_field = "code"
    lookup_value_regex = r"[0-9]{2}\.[0-9]{2}"
    ordering = ["code"]
    ordering_fields = ["code", "name"]

    def base_queryset(self) -> QuerySet:
        return Regency.objects.select_related("province", "programme")


@extend_schema_view(
    list=extend_schema(summary="List kecamatan", tags=["areas"]),
    retrieve=extend_schema(summary="One kecamatan", tags=["areas"]),
)
class DistrictViewSet(PublicReadViewSet):
    serializer_class = serializers.DistrictSerializer
    filterset_class = filters.DistrictFilter
    lookup_field = "code"
    lookup_value_regex = r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}"
    ordering = ["code"]
    ordering_fields = ["code", "name"]

    def base_queryset(self) -> QuerySet:
        return District.objects.select_related("regency")


@extend_schema_view(
    list=extend_schema(summary="List kelurahan and desa (83,762 nationally; cursor-paginated)", tags=["areas"]),
    retrieve=extend_schema(summary="One kelurahan or desa", tags=["areas"]),
)
class VillageViewSet(PublicReadViewSet):
    serializer_class = serializers.VillageSerializer
    filterset_class = filters.VillageFilter
    lookup_field = "code"
    lookup_value_regex = r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}"
    ordering = ["code"]
    ordering_fields = ["code", "name"]

    def base_queryset(self) -> QuerySet:
        return Village.objects.select_related("district", "regency").annotate(
            is_kelurahan_pintar=filters.published_enrolment()
        )


@extend_schema_view(
    list=extend_schema(summary="List published regional programmes", tags=["programmes"]),
    retrieve=extend_schema(summary="One regional programme (by regency code)", tags=["programmes"]),
)
class ProgrammeViewSet(PublicReadViewSet):
    serializer_class = serializers.ProgrammeSerializer
    filterset_class = filters.ProgrammeFilter
    lookup_field = "regency"
    lookup_value_regex = r"[0-9]{2}\.[0-9]{2}"
    published = Q(is_published=True)
    ordering = ["regency"]
    ordering_fields = ["regency", "joined_year"]

    def base_queryset(self) -> QuerySet:
        return Programme.objects.select_related("regency")


@extend_schema_view(
    list=extend_schema(summary="List the legal bases of published programmes", tags=["programmes"]),
    retrieve=extend_schema(summary="One legal basis", tags=["programmes"]),
    create=extend_schema(summary="Add a legal basis (regency staff, own region)", tags=["programmes"]),
    update=extend_schema(summary="Replace a legal basis (regency staff, own region)", tags=["programmes"]),
    partial_update=extend_schema(summary="Change a legal basis (regency staff, own region)", tags=["programmes"]),
    destroy=extend_schema(summary="Delete a legal basis (regency staff, own region)", tags=["programmes"]),
)
class LegalBasisViewSet(PolicyWriteViewSet):
    serializer_class = serializers.LegalBasisSerializer
    filterset_class = filters.LegalBasisFilter
    lookup_value_regex = r"[0-9]{1,9}"
    published = PUBLISHED_REGION
    ordering = ["id"]
    ordering_fields = ["id", "year"]

    def base_queryset(self) -> QuerySet:
        return LegalBasis.objects.all()


@extend_schema_view(
    list=extend_schema(summary="List the agencies (OPD) of participating regions", tags=["programmes"]),
    retrieve=extend_schema(summary="One agency (OPD)", tags=["programmes"]),
)
class AgencyViewSet(PublicReadViewSet):
    serializer_class = serializers.AgencySerializer
    filterset_class = filters.AgencyFilter
    lookup_value_regex = r"[0-9]{1,9}"
    published = PUBLISHED_REGION
    ordering = ["id"]
    ordering_fields = ["id", "name"]

    def base_queryset(self) -> QuerySet:
        return Agency.objects.all()


@extend_schema_view(
    list=extend_schema(summary="List published Kelurahan Pintar enrolments", tags=["programmes"]),
    retrieve=extend_schema(summary="One Kelurahan Pintar enrolment (by village code)", tags=["programmes"]),
)
class KelurahanPintarViewSet(PublicReadViewSet):
    serializer_class = serializers.KelurahanPintarSerializer
    filterset_class = filters.KelurahanPintarFilter
    lookup_field = "village"
    lookup_value_regex = r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}"
    published = Q(is_published=True, village__regency__programme__is_published=True)
    ordering = ["village"]
    ordering_fields = ["village", "since"]

    def base_queryset(self) -> QuerySet:
        return KelurahanPintar.objects.select_related("village").prefetch_related("focus_dimensions")


routes = [
    ("provinces", ProvinceViewSet, "province"),
    ("regencies", RegencyViewSet, "regency"),
    ("districts", DistrictViewSet, "district"),
    ("villages", VillageViewSet, "village"),
    ("programmes", ProgrammeViewSet, "programme"),
    ("legal-bases", LegalBasisViewSet, "legal-basis"),
    ("agencies", AgencyViewSet, "agency"),
    ("kelurahan-pintar", KelurahanPintarViewSet, "kelurahan-pintar"),
]
