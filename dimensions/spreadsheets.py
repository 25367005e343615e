"""Innovations as spreadsheet rows (CSV/XLSX import and export in the admin; see smartcity/spreadsheets.py)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import policy
from accounts.policy import Action
from kelurahan.models import Agency, Village
from smartcity.spreadsheets import Column, RowInvalid, Sheet

from .models import Dimension, Innovation, InnovationKind, InnovationStatus

TRUE = {"1", "ya", "y", "yes", "true", "benar"}
FALSE = {"", "0", "tidak", "t", "no", "n", "false", "salah"}


def parse_date(text: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time zone
        except ValueError:
            continue
    raise ValueError(text)


def parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ValueError(text)


def choice(choices: Any, text: str) -> str:
    """A choice given by its code or its label (in either language)."""
    wanted = text.strip().lower()
    for value, label in choices.choices:
        if wanted in {value.lower(), str(label).lower()}:
            return value
    raise ValueError(text)


COLUMNS = [
    Column("slug", gettext_lazy("address name; empty for a new innovation (made from the name)")),
    Column("nama", gettext_lazy("name"), required=True),
    Column("jenis", gettext_lazy("kind: quick_win, flagship or innovation")),
    Column("dimensi", gettext_lazy("dimension code, e.g. governance"), required=True),
    Column("perangkat_daerah", gettext_lazy("owning agency: its name or acronym"), required=True),
    Column("kelurahan", gettext_lazy("kelurahan/desa codes, separated by ;")),
    Column("status", gettext_lazy("status: planned, running, completed or stopped")),
    Column("mulai", gettext_lazy("start date (YYYY-MM-DD)")),
    Column("selesai", gettext_lazy("end date (YYYY-MM-DD)")),
    Column("deskripsi", gettext_lazy("description")),
    Column("terbit", gettext_lazy("published: ya or tidak")),
]


def _villages(values: dict[str, str]) -> list[str]:
    return [code.strip() for code in values.get("kelurahan", "").replace(",", ";").split(";") if code.strip()]


@dataclass
class Lookup:
    """What the rows of one file refer to, loaded once (one query per model), within the user's reach."""

    changeable: dict[str, Innovation]  # slug -> innovation the user may change (with its villages)
    taken_slugs: set[str]  # slugs in use by any innovation, of the file's slugs and generated slug bases
    dimensions: dict[str, Dimension]
    agencies: dict[str, list[Agency]]  # lower-cased name or acronym -> agencies
    villages: dict[str, Village]
    reserved: set[str]  # the slugs the file names itself
    generated: set[str] = field(default_factory=set)  # slugs made for new rows of this file so far


def prepare(user: Any, rows: list[dict[str, str]]) -> Lookup:
    slugs = {values.get("slug", "").strip() for values in rows} - {""}
    bases = {_slug_base(values.get("nama", "")) for values in rows if not values.get("slug", "").strip()}
    taken = set(Innovation.objects.filter(slug__in=slugs).values_list("slug", flat=True)) if slugs else set()
    if bases:
        # The bases and their numbered forms (base-2, base-3 …), in one query.
        pattern = "^(" + "|".join(re.escape(base) for base in sorted(bases)) + ")(-[0-9]+)?$"
        taken |= set(Innovation.objects.filter(slug__regex=pattern).values_list("slug", flat=True))
    changeable = {
        innovation.slug: innovation
        for innovation in policy.scope(user, Action.CHANGE, Innovation)
        .filter(slug__in=slugs)
        .select_related("sub_dimension")
        .prefetch_related(Prefetch("villages", queryset=Village.objects.only("code")))
    }
    codes = {values.get("dimensi", "").strip() for values in rows}
    dimensions = {d.code: d for d in policy.scope(user, Action.VIEW, Dimension).filter(code__in=codes)}
    names = {values.get("perangkat_daerah", "").strip().lower() for values in rows} - {""}
    agencies: dict[str, list[Agency]] = {}
    for agency in (
        policy.choices(user, Innovation, "agency")
        .annotate(lower_name=Lower("name"), lower_acronym=Lower("acronym"))
        .filter(Q(lower_name__in=names) | Q(lower_acronym__in=names))
    ):
        agencies.setdefault(f"name:{agency.name.lower()}", []).append(agency)
        if agency.acronym:
            agencies.setdefault(f"acronym:{agency.acronym.lower()}", []).append(agency)
    village_codes = {code for values in rows for code in _villages(values)}
    villages = {v.code: v for v in policy.choices(user, Innovation, "villages").filter(code__in=village_codes)}
    return Lookup(changeable, taken, dimensions, agencies, villages, reserved=slugs)


def _slug_base(name: str) -> str:
    return slugify(name.strip())[:200] or "inovasi"


def _new_slug(name: str, lookup: Lookup) -> str:
    """A slug free in the database and in this file: the name's, or with -2, -3 … appended."""
    base = _slug_base(name)
    candidate, number = base, 1
    while candidate in lookup.taken_slugs or candidate in lookup.reserved or candidate in lookup.generated:
        number += 1
        candidate = f"{base}-{number}"
    lookup.generated.add(candidate)
    return candidate


def build(user: Any, values: dict[str, str], lookup: Lookup):
    problems: dict[str, str] = {}
    slug = values.get("slug", "").strip()
    innovation = None
    if slug:
        innovation = lookup.changeable.get(slug)
        if innovation is None and slug in lookup.taken_slugs:
            problems["slug"] = _("This slug belongs to an innovation outside your area of work.")
    if innovation is None:
        innovation = Innovation(slug=slug)
    innovation.name = values.get("nama", "").strip()
    if not innovation.slug and innovation.name:
        innovation.slug = _new_slug(innovation.name, lookup)
    for column, attribute, choices in (("jenis", "kind", InnovationKind), ("status", "status", InnovationStatus)):
        text = values.get(column, "").strip()
        if text:
            try:
                setattr(innovation, attribute, choice(choices, text))
            except ValueError:
                problems[column] = _("“%(value)s” is not one of the allowed values.") % {"value": text}
    code = values.get("dimensi", "").strip()
    dimension = lookup.dimensions.get(code)
    if dimension is None:
        problems["dimensi"] = _("No dimension with the code “%(value)s”.") % {"value": code}
    else:
        innovation.dimension = dimension
        if innovation.sub_dimension_id and innovation.sub_dimension.dimension_id != dimension.pk:
            innovation.sub_dimension = None  # the file changed the dimension; the old sub-dimension no longer fits
    agency_text = values.get("perangkat_daerah", "").strip().lower()
    matches = lookup.agencies.get(f"name:{agency_text}") or lookup.agencies.get(f"acronym:{agency_text}") or []
    if len(matches) != 1 or not agency_text:
        problems["perangkat_daerah"] = _("“%(value)s” is not an agency in your area of work.") % {
            "value": values.get("perangkat_daerah", "").strip()
        }
    else:
        innovation.agency = matches[0]
    codes = _villages(values)
    villages = [lookup.villages[code] for code in dict.fromkeys(codes) if code in lookup.villages]
    unknown = sorted(set(codes) - set(lookup.villages))
    if unknown:
        problems["kelurahan"] = _("Not kelurahan/desa of your area of work: %(codes)s.") % {"codes": ", ".join(unknown)}
    for column, attribute in (("mulai", "start_date"), ("selesai", "end_date")):
        try:
            setattr(innovation, attribute, parse_date(values.get(column, "")))
        except ValueError:
            problems[column] = _("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": values.get(column)}
    if innovation.start_date and innovation.end_date and innovation.end_date < innovation.start_date:
        # The database's check constraint, checked here (model validation would ask the database per row).
        problems.setdefault("selesai", _("The end date cannot be before the start date."))
    innovation.description = values.get("deskripsi", "").strip()
    try:
        innovation.is_published = parse_bool(values.get("terbit", ""))
    except ValueError:
        problems["terbit"] = _("Write “ya” or “tidak”.")
    if problems:
        raise RowInvalid(problems)
    return innovation, villages


def save_related(pairs: list[tuple[Innovation, list[Village]]]) -> None:
    """Each innovation's villages as the file lists them: one delete and one insert for the whole file."""
    through = Innovation.villages.through
    through.objects.filter(innovation_id__in=[innovation.pk for innovation, _villages in pairs]).delete()
    through.objects.bulk_create(
        [
            through(innovation_id=innovation.pk, village_id=village.pk)
            for innovation, villages in pairs
            for village in villages
        ]
    )


def row(innovation: Innovation) -> list[Any]:
    return [
        innovation.slug,
        innovation.name,
        innovation.kind,
        innovation.dimension.code,
        innovation.agency.name,
        ";".join(village.code for village in innovation.villages.all()),
        innovation.status,
        innovation.start_date,
        innovation.end_date,
        innovation.description,
        "ya" if innovation.is_published else "tidak",
    ]


INNOVATIONS = Sheet(
    model=Innovation,
    columns=COLUMNS,
    prepare=prepare,
    build=build,
    save_related=save_related,
    row=row,
    filename="inovasi",
    field_columns={
        "pk": "slug",  # an existing innovation is named by its slug
        "name": "nama",
        "slug": "slug",
        "kind": "jenis",
        "dimension": "dimensi",
        "sub_dimension": "dimensi",
        "agency": "perangkat_daerah",
        "status": "status",
        "start_date": "mulai",
        "end_date": "selesai",
        "description": "deskripsi",
    },
)


def export_queryset(queryset):
    return queryset.select_related("dimension", "agency").prefetch_related(
        # Only the villages' codes are written.
        "villages"
    )


__all__ = ["INNOVATIONS", "export_queryset"]
