"""Reads of areas and regional programmes, with their queries decided here."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Regency


def participating_regencies() -> QuerySet[Regency]:
    """Regions whose programme is published, with what a list of them shows."""
    return Regency.objects.filter(programme__is_published=True).select_related("province", "programme").order_by("name")
