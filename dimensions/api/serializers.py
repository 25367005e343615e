"""The dimension catalogue and innovations: public reads, staff writes through the policy."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers

from accounts import policy
from api.serializers import FirstSlugRelatedField, PolicyChoicesMixin
from dimensions.models import Dimension, Innovation, InnovationLink, SubDimension
from dimensions.services import innovation_create, innovation_update
from kelurahan.models import Village


class SubDimensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = SubDimension
        fields = ["code", "name", "name_en", "order"]


class DimensionSerializer(serializers.ModelSerializer):
    sub_dimensions = SubDimensionSerializer(many=True, read_only=True)

    class Meta:
        model = Dimension
        fields = ["code", "name", "name_en", "description", "description_en", "order", "is_core", "sub_dimensions"]


class InnovationLinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = InnovationLink
        fields = ["title", "url"]


class InnovationSerializer(PolicyChoicesMixin, serializers.ModelSerializer):
    """A quick win, flagship programme or innovation of an agency (OPD), placed in villages of its region.

    Writes: `agency` and `villages` must be ones you may pick (your region; agency staff: your agency);
    the region is the agency's; the slug is made from the name.
    """

    dimension = serializers.SlugRelatedField(slug_field="code", queryset=Dimension.objects.all())
    sub_dimension = FirstSlugRelatedField(
        slug_field="code", queryset=SubDimension.objects.all(), required=False, allow_null=True
    )
    villages = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=Village.objects.none()
    )
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    regency = serializers.CharField(source="agency.regency_id", read_only=True)
    links = InnovationLinkSerializer(many=True, read_only=True)

    class Meta:
        model = Innovation
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "status",
            "dimension",
            "sub_dimension",
            "agency",
            "agency_name",
            "regency",
            "villages",
            "start_date",
            "end_date",
            "description",
            "is_published",
            "links",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["slug", "created_at", "updated_at"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        sub = attrs.get("sub_dimension", getattr(self.instance, "sub_dimension", None))
        dimension = attrs.get("dimension") or getattr(self.instance, "dimension", None)
        if sub is not None and dimension is not None and sub.dimension_id != dimension.pk:
            raise serializers.ValidationError(
                {"sub_dimension": [_("The sub-dimension must belong to the chosen dimension.")]}
            )
        return attrs

    def _user(self):
        return self.context["request"].user

    def _check(self, innovation: Innovation) -> None:
        if not policy.can_save(self._user(), innovation):
            raise exceptions.PermissionDenied(_("You may not save this object with these values."))

    @transaction.atomic
    def create(self, validated_data: dict[str, Any]) -> Innovation:
        villages = validated_data.pop("villages", [])
        self._check(Innovation(**validated_data))
        return innovation_create(villages=villages, **validated_data)

    @transaction.atomic
    def update(self, instance: Innovation, validated_data: dict[str, Any]) -> Innovation:
        villages = validated_data.pop("villages", None)
        for field, value in validated_data.items():
            setattr(instance, field, value)
        self._check(instance)
        return innovation_update(innovation=instance, villages=villages)
