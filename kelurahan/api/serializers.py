"""Public representations of areas and regional programmes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, serializers

from accounts import policy
from api.serializers import PolicyChoicesMixin
from kelurahan.models import Agency, District, KelurahanPintar, LegalBasis, Programme, Province, Regency, Village
from kelurahan.services.programme import legal_basis_save


class ProvinceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["code", "name"]


class ProgrammeFactsSerializer(serializers.ModelSerializer):
    """A region's programme facts, nested in the region: null unless the programme is published."""

    class Meta:
        model = Programme
        fields = ["joined_year", "cohort", "summary", "website", "updated_at"]

    def get_attribute(self, instance: Regency):
        programme = getattr(instance, "programme", None)
        return programme if programme is not None and programme.is_published else None


class RegencySerializer(serializers.ModelSerializer):
    province_name = serializers.CharField(source="province.name", read_only=True)
    # One nested serializer for the whole list, not a new one built for every row.
    programme = ProgrammeFactsSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Regency
        fields = ["code", "name", "kind", "slug", "province", "province_name", "programme"]


class DistrictSerializer(serializers.ModelSerializer):
    regency_name = serializers.CharField(source="regency.name", read_only=True)

    class Meta:
        model = District
        fields = ["code", "name", "regency", "regency_name"]


class VillageSerializer(serializers.ModelSerializer):
    district_name = serializers.CharField(source="district.name", read_only=True)
    regency_name = serializers.CharField(source="regency.name", read_only=True)
    kelurahan_pintar = serializers.BooleanField(
        source="is_kelurahan_pintar",
        read_only=True,
        help_text=gettext_lazy("Enrolled in a published Kelurahan Pintar programme."),
    )

    class Meta:
        model = Village
        fields = ["code", "name", "kind", "district", "district_name", "regency", "regency_name", "kelurahan_pintar"]


class ProgrammeSerializer(serializers.ModelSerializer):
    regency_name = serializers.CharField(source="regency.name", read_only=True)

    class Meta:
        model = Programme
        fields = [
            "regency",
            "regency_name",
            "joined_year",
            "cohort",
            "summary",
            "website",
            "is_published",
            "updated_at",
        ]


class LegalBasisSerializer(PolicyChoicesMixin, serializers.ModelSerializer):
    """A regulation of a region's programme; regency staff add, change and delete their region's."""

    class Meta:
        model = LegalBasis
        fields = ["id", "regency", "kind", "number", "year", "title", "url"]
        # Uniqueness is checked by the model (full_clean) with a translated message.
        validators = []

    def _save(self, legal_basis: LegalBasis) -> LegalBasis:
        if not policy.can_save(self.context["request"].user, legal_basis):
            raise exceptions.PermissionDenied(_("You may not save this object with these values."))
        return legal_basis_save(legal_basis=legal_basis)

    def create(self, validated_data: dict[str, Any]) -> LegalBasis:
        return self._save(LegalBasis(**validated_data))

    def update(self, instance: LegalBasis, validated_data: dict[str, Any]) -> LegalBasis:
        for field, value in validated_data.items():
            setattr(instance, field, value)
        return self._save(instance)


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "regency", "name", "acronym"]


class KelurahanPintarSerializer(serializers.ModelSerializer):
    village_name = serializers.CharField(source="village.name", read_only=True)
    regency = serializers.CharField(source="village.regency_id", read_only=True)
    focus_dimensions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = KelurahanPintar
        fields = [
            "village",
            "village_name",
            "regency",
            "since",
            "supervising_agency",
            "focus_dimensions",
            "local_strengths",
            "is_published",
            "updated_at",
        ]
