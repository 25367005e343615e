"""Writes to a region's programme records."""

from __future__ import annotations

from django.db import transaction

from kelurahan.models import LegalBasis


@transaction.atomic
def legal_basis_save(*, legal_basis: LegalBasis) -> LegalBasis:
    """Add or change a legal basis, validated (year range, one row per regency, kind, number and year)."""
    legal_basis.full_clean()
    legal_basis.save()
    return legal_basis
