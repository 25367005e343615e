"""Innovations as spreadsheet rows (CSV/XLSX import and export in the admin; see smartcity/spreadsheets.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import policy
from accounts.policy import Action
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


def build(user: Any, values: dict[str, str]):
    problems: dict[str, str] = {}
    slug = values.get("slug", "").strip()
    innovation = None
    if slug:
        innovation = policy.scope(user, Action.CHANGE, Innovation).filter(slug=slug).first()
        if innovation is None and Innovation.objects.filter(slug=slug).exists():
            problems["slug"] = _("This slug belongs to an innovation outside your area of work.")
    if innovation is None:
        innovation = Innovation(slug=slug)
    innovation.name = values.get("nama", "").strip()
    if not innovation.slug and innovation.name:
        base = slugify(innovation.name)[:200] or "inovasi"
        candidate, number = base, 1
        while Innovation.objects.filter(slug=candidate).exists():
            number += 1
            candidate = f"{base}-{number}"
        innovation.slug = candidate
    for column, attribute, choices in (("jenis", "kind", InnovationKind), ("status", "status", InnovationStatus)):
        text = values.get(column, "").strip()
        if text:
            try:
                setattr(innovation, attribute, choice(choices, text))
            except ValueError:
                problems[column] = _("“%(value)s” is not one of the allowed values.") % {"value": text}
    code = values.get("dimensi", "").strip()
    dimension = policy.scope(user, Action.VIEW, Dimension).filter(code=code).first()
    if dimension is None:
        problems["dimensi"] = _("No dimension with the code “%(value)s”.") % {"value": code}
    else:
        innovation.dimension = dimension
    agency_text = values.get("perangkat_daerah", "").strip()
    agencies = policy.choices(user, Innovation, "agency")
    matches = list(agencies.filter(name__iexact=agency_text)[:2]) or list(
        agencies.filter(acronym__iexact=agency_text)[:2]
    )
    if len(matches) != 1 or not agency_text:
        problems["perangkat_daerah"] = _("“%(value)s” is not an agency in your area of work.") % {"value": agency_text}
    else:
        innovation.agency = matches[0]
    codes = [code.strip() for code in values.get("kelurahan", "").replace(",", ";").split(";") if code.strip()]
    villages = list(policy.choices(user, Innovation, "villages").filter(code__in=codes))
    unknown = sorted(set(codes) - {village.code for village in villages})
    if unknown:
        problems["kelurahan"] = _("Not kelurahan/desa of your area of work: %(codes)s.") % {"codes": ", ".join(unknown)}
    for column, attribute in (("mulai", "start_date"), ("selesai", "end_date")):
        try:
            setattr(innovation, attribute, parse_date(values.get(column, "")))
        except ValueError:
            problems[column] = _("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": values.get(column)}
    innovation.description = values.get("deskripsi", "").strip()
    try:
        innovation.is_published = parse_bool(values.get("terbit", ""))
    except ValueError:
        problems["terbit"] = _("Write “ya” or “tidak”.")
    if problems:
        raise RowInvalid(problems)

    def after_save(obj: Innovation) -> None:
        obj.villages.set(villages)

    return innovation, after_save


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
    build=build,
    row=row,
    filename="inovasi",
    field_columns={
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
