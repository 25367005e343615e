"""Masterplans, their versions with the four books, and the action plan."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers

from accounts import policy
from api.serializers import PolicyChoicesMixin
from dimensions.models import Dimension
from masterplan.models import ActionItem, Book, Masterplan, MasterplanVersion
from masterplan.services import action_item_save


class BookSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="get_number_display", read_only=True)
    file = serializers.SerializerMethodField()

    class Meta:
        model = Book
        fields = ["number", "title", "status", "file", "updated_at"]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_file(self, book: Book) -> str | None:
        """Absolute link to the book's file, or null while none is uploaded."""
        if not book.file:
            return None
        request = self.context.get("request")
        # The portal's download view, which checks publication (smartcity/files.py), not the storage path.
        url = reverse("book_file", kwargs={"pk": book.pk})
        return request.build_absolute_uri(url) if request is not None else url


class VersionSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = MasterplanVersion
        fields = ["id", "number", "start_year", "end_year", "status", "is_published"]


class MasterplanSerializer(serializers.ModelSerializer):
    regency_name = serializers.CharField(source="regency.name", read_only=True)
    versions = VersionSummarySerializer(source="visible_versions", many=True, read_only=True)

    class Meta:
        model = Masterplan
        fields = ["id", "regency", "regency_name", "title", "versions"]


class MasterplanVersionSerializer(serializers.ModelSerializer):
    regency = serializers.CharField(source="masterplan.regency_id", read_only=True)
    title = serializers.CharField(source="masterplan.title", read_only=True)
    dimensions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    books = BookSerializer(many=True, read_only=True)

    class Meta:
        model = MasterplanVersion
        fields = [
            "id",
            "masterplan",
            "regency",
            "title",
            "number",
            "start_year",
            "end_year",
            "status",
            "revision_reason",
            "legal_basis",
            "dimensions",
            "books",
            "is_published",
            "updated_at",
        ]


class ActionItemSerializer(PolicyChoicesMixin, serializers.ModelSerializer):
    """An entry of a version's action plan; staff of the region add, change and delete them."""

    dimension = serializers.SlugRelatedField(slug_field="code", queryset=Dimension.objects.all())
    regency = serializers.CharField(source="version.masterplan.regency_id", read_only=True)

    class Meta:
        model = ActionItem
        fields = ["id", "version", "regency", "dimension", "year", "title", "target", "innovation", "updated_at"]
        read_only_fields = ["updated_at"]

    def _save(self, item: ActionItem) -> ActionItem:
        if not policy.can_save(self.context["request"].user, item):
            raise exceptions.PermissionDenied(_("You may not save this object with these values."))
        return action_item_save(item=item)

    def create(self, validated_data: dict[str, Any]) -> ActionItem:
        return self._save(ActionItem(**validated_data))

    def update(self, instance: ActionItem, validated_data: dict[str, Any]) -> ActionItem:
        for field, value in validated_data.items():
            setattr(instance, field, value)
        return self._save(instance)
