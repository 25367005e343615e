"""Filter backends that say no: unknown query parameters and unknown orderings are a 400."""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.filters import OrderingFilter


class StrictOrderingFilter(OrderingFilter):
    """`?ordering=` must name one whitelisted field (optionally with `-`); anything else is a 400.

    One field only: cursor pagination pages on the first ordering field.
    """

    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get(self.ordering_param)
        if raw is None:
            return self.get_default_ordering(view)
        allowed = [name for name, _label in self.get_valid_fields(queryset, view, {"request": request})]
        wanted = raw.strip()
        if wanted.lstrip("-") not in allowed:
            choices = ", ".join(f"{name}, -{name}" for name in allowed)
            raise exceptions.ValidationError(
                {self.ordering_param: [_("Order by one of: %(choices)s.") % {"choices": choices}]}
            )
        # Ties on the chosen field are broken by the default ordering, so pages never overlap.
        default = [field for field in self.get_default_ordering(view) or () if field.lstrip("-") != wanted.lstrip("-")]
        return [wanted, *default]

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        fields = getattr(view, "ordering_fields", ()) or ()
        for parameter in parameters:
            parameter["schema"] = {"type": "string", "enum": [v for f in fields for v in (f, f"-{f}")]}
        return parameters


class IntegerFilter(filters.NumberFilter):
    """A whole number (ids, years): `1.5`, `1e30` or a number the database cannot hold is a 400."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2**31 - 1)
        super().__init__(*args, **kwargs)


class StrictBooleanField(forms.ChoiceField):
    """Only `true` or `false`: django-filter's own boolean field quietly ignores `maybe`."""

    def __init__(self, *args, **kwargs):
        kwargs["choices"] = [("true", "true"), ("false", "false")]
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return None if value in (None, "") else value == "true"


class BooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField
