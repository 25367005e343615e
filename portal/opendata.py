"""Open data: published regions, Kelurahan Pintar enrolments, innovations and action-plan items as CSV or JSON.

Each file says where its parts come from: area codes and names are idn-area-data (ODbL 1.0, compiled from
Kemendagri), the programme data is what the participating regions published here (settings.OPEN_DATA_LICENSE).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from dimensions.selectors import public_innovations
from kelurahan.models import Village
from kelurahan.selectors import participating_regencies, published_kelurahan_pintar
from masterplan.models import ActionItem

from .cache import public_page

AREA_CREDIT = "Area codes and names: idn-area-data (ODbL 1.0), compiled from Kemendagri."


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def regions(request: HttpRequest) -> Iterable[dict[str, Any]]:
    for regency in participating_regencies(with_counts=True):
        yield {
            "code": regency.code,
            "name": regency.name,
            "kind": regency.kind,
            "province_code": regency.province_id,
            "province": regency.province.name,
            "joined_year": regency.programme.joined_year,
            "cohort": regency.programme.cohort,
            "published_innovations": regency.innovation_count,
            "url": _absolute(request, regency.get_absolute_url()),
        }


def innovations(request: HttpRequest) -> Iterable[dict[str, Any]]:
    rows = public_innovations().prefetch_related(
        Prefetch("villages", queryset=Village.objects.only("code").order_by("code"))
    )
    for innovation in rows.order_by("agency__regency_id", "dimension__order", "name"):
        yield {
            "slug": innovation.slug,
            "name": innovation.name,
            "kind": innovation.kind,
            "status": innovation.status,
            "dimension": innovation.dimension.code,
            "region_code": innovation.agency.regency_id,
            "region": innovation.agency.regency.name,
            "agency": innovation.agency.name,
            "villages": " ".join(v.code for v in innovation.villages.all()),
            "start_date": innovation.start_date,
            "end_date": innovation.end_date,
            "updated_at": innovation.updated_at,
            "url": _absolute(request, innovation.get_absolute_url()),
        }


def kelurahan_pintar(request: HttpRequest) -> Iterable[dict[str, Any]]:
    for enrolment in published_kelurahan_pintar().order_by("village__code"):
        village = enrolment.village
        yield {
            "village_code": village.code,
            "village": village.name,
            "district": village.district.name,
            "region_code": village.regency_id,
            "region": village.regency.name,
            "since": enrolment.since,
            "opd_pembina": enrolment.supervising_agency.name,
            "focus_dimensions": " ".join(d.code for d in enrolment.focus_dimensions.all()),
            "url": _absolute(request, village.get_absolute_url()),
        }


def action_items(request: HttpRequest) -> Iterable[dict[str, Any]]:
    rows = (
        ActionItem.objects.filter(
            version__is_published=True, version__masterplan__regency__programme__is_published=True
        )
        .select_related("version__masterplan__regency", "dimension", "innovation")
        .order_by("version__masterplan__regency_id", "version__number", "year", "dimension__order", "pk")
    )
    for item in rows:
        regency = item.version.masterplan.regency
        innovation = item.innovation if item.innovation and item.innovation.is_published else None
        yield {
            "region_code": regency.code,
            "region": regency.name,
            "masterplan_version": item.version.number,
            "year": item.year,
            "dimension": item.dimension.code,
            "action": item.title,
            "target": item.target,
            "innovation": innovation.slug if innovation else "",
        }


DATASETS: dict[str, Callable[[HttpRequest], Iterable[dict[str, Any]]]] = {
    "wilayah": regions,
    "kelurahan-pintar": kelurahan_pintar,
    "inovasi": innovations,
    "rencana-aksi": action_items,
}


def _licence() -> dict[str, str]:
    return {"areas": AREA_CREDIT, "content": settings.OPEN_DATA_LICENSE}


@public_page
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/open_data.html", {"datasets": list(DATASETS), "licence": _licence()})


@public_page
def download(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    if name not in DATASETS or fmt not in ("csv", "json"):
        raise Http404
    rows = list(DATASETS[name](request))
    filename = f"kota-cerdas-{name}.{fmt}"
    if fmt == "json":
        body = json.dumps(
            {"dataset": name, "licence": _licence(), "count": len(rows), "data": rows},
            cls=DjangoJSONEncoder,
            ensure_ascii=False,
            indent=1,
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        buffer = io.StringIO()
        fields = list(rows[0]) if rows else ["no_rows"]
        writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
