"""Action-plan items as spreadsheet rows (CSV/XLSX import and export in the admin; see smartcity/spreadsheets.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import policy
from accounts.policy import Action
from dimensions.models import Dimension, Innovation
from smartcity.spreadsheets import Column, RowInvalid, Sheet

from .models import ActionItem, MasterplanVersion

COLUMNS = [
    Column("id", gettext_lazy("number of an existing item to update; empty for a new one")),
    Column("kota_kabupaten", gettext_lazy("regency code, e.g. 33.75"), required=True),
    Column("versi", gettext_lazy("masterplan version number"), required=True),
    Column("dimensi", gettext_lazy("dimension code, e.g. governance"), required=True),
    Column("tahun", gettext_lazy("year"), required=True),
    Column("aksi", gettext_lazy("action"), required=True),
    Column("target", gettext_lazy("target")),
    Column("inovasi", gettext_lazy("slug of the linked innovation")),
]


@dataclass
class Lookup:
    """What the rows of one file refer to, loaded once (one query per model), within the user's reach."""

    items: dict[int, ActionItem]  # existing items the user may change
    versions: dict[tuple[str, int], MasterplanVersion]  # (regency code, number) -> version
    dimensions: dict[str, Dimension]
    innovations: dict[str, Innovation]


def _number(text: str) -> int | None:
    """A whole number as typed in a cell, or None (also for digits a database integer cannot hold)."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def prepare(user: Any, rows: list[dict[str, str]]) -> Lookup:
    ids = {number for values in rows if (number := _number(values.get("id", ""))) is not None}
    items = {item.pk: item for item in policy.scope(user, Action.CHANGE, ActionItem).filter(pk__in=ids)}
    regencies = {values.get("kota_kabupaten", "").strip() for values in rows}
    numbers = {number for values in rows if (number := _number(values.get("versi", ""))) is not None}
    versions = {
        (version.masterplan.regency_id, version.number): version
        for version in policy.choices(user, ActionItem, "version")
        .select_related("masterplan")
        .filter(masterplan__regency_id__in=regencies, number__in=numbers)
    }
    codes = {values.get("dimensi", "").strip() for values in rows}
    dimensions = {d.code: d for d in policy.scope(user, Action.VIEW, Dimension).filter(code__in=codes)}
    slugs = {values.get("inovasi", "").strip() for values in rows} - {""}
    innovations = {i.slug: i for i in policy.choices(user, ActionItem, "innovation").filter(slug__in=slugs)}
    return Lookup(items, versions, dimensions, innovations)


def build(user: Any, values: dict[str, str], lookup: Lookup):
    problems: dict[str, str] = {}
    item = None
    item_id = values.get("id", "").strip()
    if item_id:
        item = lookup.items.get(_number(item_id))  # type: ignore[arg-type]
        if item is None:
            problems["id"] = _("No action-plan item %(value)s in your area of work.") % {"value": item_id}
    item = item or ActionItem()
    regency, number = values.get("kota_kabupaten", "").strip(), values.get("versi", "").strip()
    version = lookup.versions.get((regency, _number(number)))  # type: ignore[arg-type]
    if version is None:
        problems["kota_kabupaten"] = _("No masterplan version %(number)s of %(regency)s in your area of work.") % {
            "number": number,
            "regency": regency,
        }
    else:
        item.version = version
    code = values.get("dimensi", "").strip()
    dimension = lookup.dimensions.get(code)
    if dimension is None:
        problems["dimensi"] = _("No dimension with the code “%(value)s”.") % {"value": code}
    else:
        item.dimension = dimension
    year = values.get("tahun", "").strip()
    if _number(year) is not None and len(year) <= 4:
        item.year = int(year)
    else:
        problems["tahun"] = _("“%(value)s” is not a year.") % {"value": year}
    item.title = values.get("aksi", "").strip()
    item.target = values.get("target", "").strip()
    slug = values.get("inovasi", "").strip()
    item.innovation = None
    if slug:
        innovation = lookup.innovations.get(slug)
        if innovation is None:
            problems["inovasi"] = _("“%(value)s” is not an innovation in your area of work.") % {"value": slug}
        item.innovation = innovation
    if problems:
        raise RowInvalid(problems)
    return item, None


def row(item: ActionItem) -> list[Any]:
    return [
        item.pk,
        item.version.masterplan.regency_id,
        item.version.number,
        item.dimension.code,
        item.year,
        item.title,
        item.target,
        item.innovation.slug if item.innovation else "",
    ]


ACTION_ITEMS = Sheet(
    model=ActionItem,
    columns=COLUMNS,
    prepare=prepare,
    build=build,
    row=row,
    filename="rencana-aksi",
    field_columns={
        "pk": "id",
        "version": "versi",
        "dimension": "dimensi",
        "year": "tahun",
        "title": "aksi",
        "target": "target",
        "innovation": "inovasi",
    },
)


def export_queryset(queryset):
    return queryset.select_related("version__masterplan", "dimension", "innovation")
