"""Writes to the innovation catalogue."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kelurahan.models import Village

from .models import Innovation


def unique_innovation_slug(name: str, *, exclude_pk: int | None = None) -> str:
    """A slug for URLs: the name, with a number appended when another innovation took it."""
    base = slugify(name)[:200] or "inovasi"
    taken = set(Innovation.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True))
    if base not in taken:
        return base
    suffix = 2
    while f"{base}-{suffix}" in taken:
        suffix += 1
    return f"{base}-{suffix}"


def _check_villages(innovation: Innovation, villages: Iterable[Village]) -> list[Village]:
    villages = list(villages)
    foreign = [v for v in villages if v.regency_id != innovation.agency.regency_id]
    if foreign:
        raise ValidationError(
            {
                "villages": _("These villages are outside the owning agency's region: %(names)s.")
                % {"names": ", ".join(v.name for v in foreign)}
            }
        )
    return villages


@transaction.atomic
def innovation_create(*, villages: Iterable[Village] = (), **fields: object) -> Innovation:
    """Create an innovation (validated, with a unique slug) and place it in its villages."""
    innovation = Innovation(**fields)
    if not innovation.slug:
        innovation.slug = unique_innovation_slug(innovation.name)
    innovation.full_clean()
    checked = _check_villages(innovation, villages)
    innovation.save()
    innovation.villages.set(checked)
    return innovation


@transaction.atomic
def innovation_update(*, innovation: Innovation, villages: Iterable[Village] | None = None) -> Innovation:
    """Save an innovation whose fields the caller has changed (validated), and re-place it if villages are given.

    The villages are checked against the owning agency's region as it is now, so moving an
    innovation to another agency cannot leave it in villages of a region it no longer belongs to.
    """
    innovation.full_clean()
    checked = _check_villages(innovation, innovation.villages.all() if villages is None else villages)
    innovation.save()
    if villages is not None:
        innovation.villages.set(checked)
    return innovation
