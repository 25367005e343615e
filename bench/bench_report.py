"""Time the evaluation report of one submission: PDF (WeasyPrint), printable HTML and XLSX.

Usage (from the project root):

    .venv/bin/python bench/bench_report.py                    # 100 questions, 5 rounds, a fresh SQLite file
    .venv/bin/python bench/bench_report.py --questions 300 --repeat 3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sc_bench_report .venv/bin/python bench/bench_report.py

It migrates a fresh database (a temporary SQLite file unless DATABASE_URL is set), loads Kota Pekalongan's
official areas, builds a questionnaire of N questions over the six core dimensions (with sub-dimensions, mixed
components and answer types), one accepted submission with every answer scored twice, commented, with two
evidence items each, and four findings per dimension, then renders each format `--repeat` times and prints the
best and median wall time per format, the PDF's size and page count, and the queries per render.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="bench-report-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ["MEDIA_ROOT"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings.local")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import io

    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone, translation

    from dimensions.models import Dimension, SubDimension
    from evaluations import reports
    from evaluations.models import (
        Answer,
        AnswerEvidence,
        AnswerType,
        Component,
        EvaluationPeriod,
        Finding,
        FindingKind,
        Question,
        Questionnaire,
        ScaleLevel,
        Submission,
        SubmissionStatus,
    )

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)
    call_command("import_wilayah", "--regency", "33.75", "--no-progress", stdout=io.StringIO())
    questionnaire = Questionnaire.objects.create(title=f"Bench {args.questions}")
    for level, name in enumerate(["Rintisan", "Terkelola", "Terdefinisi", "Terpadu dan Terukur", "Optimum"], 1):
        ScaleLevel.objects.create(questionnaire=questionnaire, level=level, name=name)
    dimensions = list(Dimension.objects.filter(is_core=True).order_by("order"))
    subs = {d.pk: list(SubDimension.objects.filter(dimension=d)) for d in dimensions}
    components = list(Component.values)
    questions = []
    for n in range(1, args.questions + 1):
        dimension = dimensions[n % len(dimensions)]
        questions.append(
            Question(
                questionnaire=questionnaire,
                number=n,
                text=f"Pertanyaan {n}: seberapa matang penerapan kebijakan, kelembagaan dan anggaran {dimension.name}?",
                dimension=dimension,
                sub_dimension=subs[dimension.pk][n % len(subs[dimension.pk])] if subs[dimension.pk] else None,
                component=components[n % len(components)],
                answer_type=AnswerType.YES_NO if n % 10 == 0 else AnswerType.SCALE,
                evidence_required=n % 2 == 0,
            )
        )
    Question.objects.bulk_create(questions)
    today = timezone.localdate()
    period = EvaluationPeriod.objects.create(
        year=today.year,
        semester=2,
        stage=9,
        opens_on=today,
        due_on=today,
        review_due_on=today,
        questionnaire=questionnaire,
    )
    submission = Submission.objects.create(period=period, regency_id="33.75", status=SubmissionStatus.ACCEPTED)
    answers = Answer.objects.bulk_create(
        Answer(
            submission=submission,
            question=q,
            self_score=(q.number % 5) + 1,
            value="yes" if q.answer_type == AnswerType.YES_NO else "",
            explanation="Sudah diterapkan di seluruh perangkat daerah terkait, dengan SOP dan anggaran tahunan.",
            assessed_score=max(1, (q.number % 5)),
            evaluator_comment="Bukti dukung sesuai; perlu indikator dampak yang terukur.",
        )
        for q in Question.objects.filter(questionnaire=questionnaire)
    )
    AnswerEvidence.objects.bulk_create(
        AnswerEvidence(answer=a, title=f"Bukti {i}", url=f"https://example.org/bukti/{a.pk}/{i}")
        for a in answers
        for i in (1, 2)
    )
    Finding.objects.bulk_create(
        Finding(submission=submission, dimension=d, kind=kind, text=f"Temuan {kind} untuk {d.name}.")
        for d in dimensions
        for kind in (FindingKind.STRENGTH, FindingKind.WEAKNESS, FindingKind.RECOMMENDATION, FindingKind.RECOMMENDATION)
    )
    submission = Submission.objects.select_related("period__questionnaire", "regency__province").get(pk=submission.pk)

    renders = {
        "pdf": lambda: reports.render_pdf(submission),
        "html": lambda: reports.render_html(submission).encode(),
        "xlsx": lambda: reports.render_xlsx(submission),
    }
    figures: dict[str, object] = {
        "questions": args.questions,
        "backend": connection.vendor,
        "python": sys.version.split()[0],
    }
    with translation.override("id"):
        for name, render in renders.items():
            times = []
            output = b""
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    output = render() or b""
                    times.append(time.perf_counter() - start)
            entry = {
                "best_s": round(min(times), 3),
                "median_s": round(statistics.median(times), 3),
                "bytes": len(output),
                "queries": len(queries.captured_queries),
            }
            if name == "pdf" and output:
                import weasyprint
                from django.contrib.staticfiles import finders

                css = weasyprint.CSS(filename=finders.find("css/evaluation-report.css"))
                html = weasyprint.HTML(string=reports.render_html(submission, pdf=True))
                entry["pages"] = len(html.render(stylesheets=[css]).pages)
            figures[name] = entry
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
