"""Writes to masterplans. A version always has exactly its four books."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from dimensions.models import Dimension

from .models import Book, BookNumber, Masterplan, MasterplanVersion


@transaction.atomic
def masterplan_version_create(
    *,
    masterplan: Masterplan,
    number: int,
    start_year: int,
    end_year: int,
    dimensions: Iterable[Dimension] = (),
    **fields: object,
) -> MasterplanVersion:
    """Create a version together with its four books (buku 1–4), validated first."""
    version = MasterplanVersion(
        masterplan=masterplan, number=number, start_year=start_year, end_year=end_year, **fields
    )
    version.full_clean()
    version.save()
    version.dimensions.set(dimensions)
    Book.objects.bulk_create([Book(version=version, number=book) for book in BookNumber.values])
    return version
