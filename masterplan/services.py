"""Writes to masterplans. A version always has exactly its four books."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dimensions.models import Dimension

from .models import ActionItem, Book, BookNumber, Masterplan, MasterplanVersion


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


@transaction.atomic
def action_item_save(*, item: ActionItem) -> ActionItem:
    """Add or change an action-plan item: validated, its year within the version's period, and any
    linked innovation from the same region as the masterplan."""
    item.full_clean()
    if item.innovation_id is not None:
        regency = item.version.masterplan.regency_id
        if item.innovation.agency.regency_id != regency:
            raise ValidationError({"innovation": _("The linked innovation must belong to the masterplan's region.")})
    item.save()
    return item
