"""Public pages of the published evaluation results (no login; published submissions only)."""

from __future__ import annotations

import csv

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from kelurahan.models import Province, RegencyKind
from portal.cache import public_page

from . import reports, selectors
from .models import EvaluationPeriod, Submission, SubmissionStatus


def _filters(request: HttpRequest) -> tuple[EvaluationPeriod | None, list[EvaluationPeriod], dict[str, str]]:
    periods = list(selectors.published_periods())
    period = None
    wanted = request.GET.get("periode", "")
    if wanted.isdigit():
        period = next((p for p in periods if p.pk == int(wanted)), None)
        if period is None:
            raise Http404(_("No published results for this period."))
    elif periods:
        period = periods[0]
    filters = {
        "kind": request.GET.get("jenis", "") if request.GET.get("jenis", "") in RegencyKind.values else "",
        "province": request.GET.get("provinsi", "")[:2],
        "cohort": request.GET.get("kohort", "")[:50],
    }
    return period, periods, filters


@public_page
def results(request: HttpRequest) -> HttpResponse:
    """The national table of a period: ranking, overall index and every dimension, filterable."""
    period, periods, filters = _filters(request)
    every = selectors.published_results(period) if period else []
    rows = selectors.filter_results(every, **filters)
    dimensions = selectors.result_dimensions(every)
    provinces = Province.objects.filter(code__in={r.regency.province_id for r in every}).order_by("name")
    cohorts = sorted({selectors._cohort(r.regency) for r in every} - {""})
    return render(
        request,
        "evaluations/results.html",
        {
            "period": period,
            "periods": periods,
            "rows": [(row, [row.dimensions.get(d.pk) for d in dimensions]) for row in rows],
            "dimensions": dimensions,
            "filters": filters,
            "kinds": RegencyKind.choices,
            "provinces": provinces,
            "cohorts": cohorts,
        },
    )


@public_page
def results_csv(request: HttpRequest) -> HttpResponse:
    """The same table as CSV."""
    period, _periods, filters = _filters(request)
    rows = selectors.published_results(period, **filters) if period else []
    dimensions = selectors.result_dimensions(rows)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"hasil-evaluasi-{period.year}-s{period.semester}-t{period.stage}.csv" if period else "hasil-evaluasi.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(
        [_("Rank"), _("Code"), _("Region"), _("Province"), _("Overall index"), _("Self-assessment")]
        + [d.name for d in dimensions]
    )
    for row in rows:
        writer.writerow(
            [row.rank, row.regency.code, row.regency.name, row.regency.province.name, row.overall, row.self_overall]
            + [row.dimensions.get(d.pk, "") for d in dimensions]
        )
    return response


@public_page
def region_report(request: HttpRequest, slug: str, period_id: int, fmt: str) -> HttpResponse:
    """A published submission's report (PDF, printable HTML or XLSX), for everyone."""
    submission = get_object_or_404(
        Submission.objects.select_related("period__questionnaire", "regency__province"),
        regency__slug=slug,
        period_id=period_id,
        status=SubmissionStatus.PUBLISHED,
    )
    return reports.response(submission, fmt)
