"""Action-plan items as spreadsheet rows (CSV/XLSX import and export in the admin; see smartcity/spreadsheets.py)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import policy
from accounts.policy import Action
from dimensions.models import Dimension
from smartcity.spreadsheets import Column, RowInvalid, Sheet

from .models import ActionItem

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


def build(user: Any, values: dict[str, str]):
    problems: dict[str, str] = {}
    item = None
    item_id = values.get("id", "").strip()
    if item_id:
        item = policy.scope(user, Action.CHANGE, ActionItem).filter(pk=item_id).first() if item_id.isdigit() else None
        if item is None:
            problems["id"] = _("No action-plan item %(value)s in your area of work.") % {"value": item_id}
    item = item or ActionItem()
    regency, number = values.get("kota_kabupaten", "").strip(), values.get("versi", "").strip()
    versions = policy.choices(user, ActionItem, "version").select_related("masterplan")
    version = versions.filter(masterplan__regency_id=regency, number=number).first() if number.isdigit() else None
    if version is None:
        problems["kota_kabupaten"] = _("No masterplan version %(number)s of %(regency)s in your area of work.") % {
            "number": number,
            "regency": regency,
        }
    else:
        item.version = version
    code = values.get("dimensi", "").strip()
    dimension = policy.scope(user, Action.VIEW, Dimension).filter(code=code).first()
    if dimension is None:
        problems["dimensi"] = _("No dimension with the code “%(value)s”.") % {"value": code}
    else:
        item.dimension = dimension
    year = values.get("tahun", "").strip()
    if year.isdigit():
        item.year = int(year)
    else:
        problems["tahun"] = _("“%(value)s” is not a year.") % {"value": year}
    item.title = values.get("aksi", "").strip()
    item.target = values.get("target", "").strip()
    slug = values.get("inovasi", "").strip()
    item.innovation = None
    if slug:
        innovation = policy.choices(user, ActionItem, "innovation").filter(slug=slug).first()
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
    build=build,
    row=row,
    filename="rencana-aksi",
    field_columns={
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
