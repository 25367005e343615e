"""A submission's report: PDF (WeasyPrint, A4, page numbers, SVG chart), printable HTML, and XLSX.

WeasyPrint needs Pango on the machine; where it is missing the PDF link answers with the printable HTML
(the browser's "print to PDF" gives the same A4 layout), so `make run` works everywhere.
"""

from __future__ import annotations

import io
from typing import Any

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from . import selectors
from .models import Submission

FORMATS = ("pdf", "html", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def report_context(submission: Submission) -> dict[str, Any]:
    scores = selectors.submission_scores(submission)
    findings = selectors.findings_of(submission)
    by_dimension: dict[int, list] = {}
    for finding in findings:
        by_dimension.setdefault(finding.dimension_id, []).append(finding)
    chart = []
    for index, dimension in enumerate(scores.dimensions):
        chart.append(
            {
                "label": dimension.dimension.name,
                "y": 10 + index * 34,
                "self_width": _bar(dimension.self_score),
                "assessed_width": _bar(dimension.assessed_score),
                "self": dimension.self_score,
                "assessed": dimension.assessed_score,
            }
        )
    return {
        "submission": submission,
        "scores": scores,
        "findings": findings,
        "findings_by_dimension": [(d.dimension, by_dimension.get(d.dimension.pk, [])) for d in scores.dimensions],
        "chart": chart,
        "chart_height": 20 + 34 * len(chart),
        "generated": timezone.now(),
    }


def _bar(score: Any) -> int:
    """Bar length in the 300-unit wide chart for a score on the 0–5 axis."""
    return int(float(score) * 60) if score is not None else 0


def filename(submission: Submission, extension: str) -> str:
    period = submission.period
    return f"evaluasi-{slugify(submission.regency.name)}-{period.year}-s{period.semester}-t{period.stage}.{extension}"


def render_html(submission: Submission, *, pdf: bool = False, context: dict[str, Any] | None = None) -> str:
    context = context or report_context(submission)
    return render_to_string("evaluations/report.html", {**context, "pdf": pdf})


def render_pdf(submission: Submission) -> bytes | None:
    """The PDF bytes, or None when WeasyPrint cannot run here."""
    try:
        import weasyprint
    except (ImportError, OSError):
        return None
    stylesheet = finders.find("css/evaluation-report.css")
    html = weasyprint.HTML(string=render_html(submission, pdf=True))
    return html.write_pdf(stylesheets=[weasyprint.CSS(filename=stylesheet)] if stylesheet else None)


def render_xlsx(submission: Submission) -> bytes:
    """Every question with both scores, comments and evidence; the dimension scores; the findings."""
    context = report_context(submission)
    scores: selectors.SubmissionScores = context["scores"]
    book = Workbook()
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE7F3")

    summary = book.active
    summary.title = _("Summary")[:31]
    summary.append([_("Region"), str(submission.regency)])
    summary.append([_("Period"), str(submission.period)])
    summary.append([_("Status"), submission.get_status_display()])
    summary.append([_("Overall index (assessed)"), scores.assessed_total])
    summary.append([_("Overall index (self-assessment)"), scores.self_total])
    summary.append([])
    summary.append([_("Dimension"), _("Assessed score"), _("Self-score"), _("Answered"), _("Questions")])
    for dimension in scores.dimensions:
        summary.append(
            [
                dimension.dimension.name,
                dimension.assessed_score,
                dimension.self_score,
                dimension.answered,
                dimension.total,
            ]
        )
        for sub in dimension.sub_dimensions:
            summary.append([f"  {sub.sub_dimension.name}", sub.assessed_score, sub.self_score])
    for row in (1, 2, 3, 4, 5, 7):
        summary.cell(row=row, column=1).font = bold

    answers = book.create_sheet(_("Answers")[:31])
    headers = [
        _("No."),
        _("Dimension"),
        _("Sub-dimension"),
        _("Component"),
        _("Question"),
        _("Answer"),
        _("Self-score"),
        _("Assessed score"),
        _("Differs"),
        _("Explanation"),
        _("Evaluator's comment"),
        _("Evidence"),
    ]
    answers.append(headers)
    for row in scores.rows:
        q = row.question
        answer = row.answer
        answers.append(
            [
                q.number,
                q.dimension.name,
                q.sub_dimension.name if q.sub_dimension else "",
                q.get_component_display(),
                q.text,
                answer.value if answer else "",
                row.self_score,
                row.assessed_score,
                _("yes") if row.differs else "",
                answer.explanation if answer else "",
                answer.evaluator_comment if answer else "",
                "\n".join(f"{e.title}: {e.url or e.file.name}" for e in row.evidence),
            ]
        )
    for sheet in (answers,):
        for cell in sheet[1]:
            cell.font = bold
            cell.fill = header_fill
        sheet.freeze_panes = "A2"
    for column, width in zip(range(1, len(headers) + 1), (6, 20, 24, 18, 60, 14, 10, 10, 8, 50, 50, 40), strict=True):
        answers.column_dimensions[get_column_letter(column)].width = width
    for row in answers.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    findings = book.create_sheet(_("Findings")[:31])
    findings.append([_("Dimension"), _("Kind"), _("Finding"), _("By")])
    for finding in context["findings"]:
        findings.append(
            [finding.dimension.name, finding.get_kind_display(), finding.text, str(finding.created_by or "")]
        )
    for cell in findings[1]:
        cell.font = bold
        cell.fill = header_fill
    findings.column_dimensions["C"].width = 80

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def response(submission: Submission, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404(_("Unknown report format."))
    if fmt == "xlsx":
        result = HttpResponse(render_xlsx(submission), content_type=XLSX)
        result["Content-Disposition"] = f'attachment; filename="{filename(submission, "xlsx")}"'
        return result
    if fmt == "pdf":
        pdf = render_pdf(submission)
        if pdf is not None:
            result = HttpResponse(pdf, content_type="application/pdf")
            result["Content-Disposition"] = f'inline; filename="{filename(submission, "pdf")}"'
            return result
    return HttpResponse(render_html(submission))
