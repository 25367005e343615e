"""Serializer pieces shared by the apps' API modules."""

from __future__ import annotations

from rest_framework import serializers

from accounts import policy


class FirstSlugRelatedField(serializers.SlugRelatedField):
    """A code that is unique in practice but not by constraint: never a 500 on a duplicate."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        found = self.get_queryset().filter(**{self.slug_field: data}).order_by("pk").first()
        if found is None:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return found


class PolicyChoicesMixin:
    """Relation fields offer only what the requesting user may pick (`policy.choices`)."""

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        request = self.context.get("request")
        if request is None or request.method in ("GET", "HEAD", "OPTIONS"):
            return fields
        user = request.user
        model = self.Meta.model
        for name, field in fields.items():
            target = getattr(field, "child_relation", field)
            if isinstance(target, serializers.RelatedField) and not target.read_only:
                target.queryset = policy.choices(user, model, name)
        return fields
