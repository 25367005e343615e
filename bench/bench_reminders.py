"""Plan and send the reminders of a whole national evaluation: 514 regions, about 10,000 reminders.

Usage (from the project root; PostgreSQL on 127.0.0.1:5432 with trust auth for --backend postgres):

    .venv/bin/python bench/bench_reminders.py                      # SQLite and PostgreSQL
    .venv/bin/python bench/bench_reminders.py --backend sqlite --staff 20

For each backend it builds a fresh, migrated database with all official areas, one programme, head of
Dinkominfo and `--staff` regency staff per kota/kabupaten (514), a questionnaire of 30 questions over the six
core dimensions, and a period due in 7 days with one draft self-assessment per region (half the questions
answered, so every reminder lists what is missing). Then it times, with the SQL queries counted:
1. planning the day (`plan_reminders`): one reminder per staff member, ~10,000 rows;
2. planning again (must add nothing);
3. sending everything due (`send_due`, Django's in-memory email backend): claim, render in the recipient's
   language, send, record — in batches of `REMINDERS["BATCH_SIZE"]`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


def child(staff_per_region: int) -> dict[str, object]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings.local")
    import django

    django.setup()
    import datetime as dt
    import io
    import logging

    from django.conf import settings
    from django.core import mail
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import Role, User
    from dimensions.models import Dimension
    from evaluations.models import Answer, EvaluationPeriod, Question, Questionnaire, Reminder, Submission
    from evaluations.reminders import delivery, planning
    from kelurahan.models import Programme, Regency

    logging.getLogger("evaluations.reminders").setLevel(logging.ERROR)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)
    call_command("import_wilayah", "--no-progress", stdout=io.StringIO())
    regencies = list(Regency.objects.order_by("code"))
    users = []
    for regency in regencies:
        for n in range(staff_per_region):
            users.append(
                User(
                    username=f"staf-{regency.code}-{n}",
                    email=f"staf{n}@{regency.slug}.example.id",
                    password="!",  # noqa: S106 - an unusable password
                    role=Role.REGENCY_STAFF,
                    regency=regency,
                    language="en" if n % 5 == 0 else "id",
                )
            )
    User.objects.bulk_create(users, batch_size=2000)
    heads = dict(User.objects.filter(username__endswith="-0", role=Role.REGENCY_STAFF).values_list("regency_id", "pk"))
    Programme.objects.bulk_create(
        Programme(regency=r, joined_year=2020, is_published=True, dinkominfo_head_id=heads[r.code]) for r in regencies
    )
    questionnaire = Questionnaire.objects.create(title="Kuesioner bench")
    dimensions = list(Dimension.objects.filter(is_core=True).order_by("order"))
    Question.objects.bulk_create(
        Question(
            questionnaire=questionnaire,
            number=n + 1,
            text=f"Pertanyaan {n + 1}",
            dimension=dimensions[n % len(dimensions)],
            component="output",
            evidence_required=n % 3 == 0,
        )
        for n in range(30)
    )
    questions = list(questionnaire.questions.order_by("number"))
    today = timezone.localdate()
    period = EvaluationPeriod.objects.create(
        year=today.year,
        semester=2,
        stage=1,
        opens_on=today - dt.timedelta(days=20),
        due_on=today + dt.timedelta(days=7),
        review_due_on=today + dt.timedelta(days=21),
        questionnaire=questionnaire,
    )
    Submission.objects.bulk_create(Submission(period=period, regency=r) for r in regencies)
    Answer.objects.bulk_create(
        (Answer(submission=s, question=q, self_score=3) for s in Submission.objects.all() for q in questions[::2]),
        batch_size=5000,
    )

    result: dict[str, object] = {"regions": len(regencies), "staff": len(users)}
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        plan = planning.plan_reminders(today)
        result["plan_s"] = round(time.perf_counter() - started, 2)
    result["planned"] = plan.created
    result["plan_queries"] = len(queries)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        again = planning.plan_reminders(today)
        result["replan_s"] = round(time.perf_counter() - started, 2)
    result["replanned_new"] = again.created
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        sent = delivery.send_due()
        result["send_s"] = round(time.perf_counter() - started, 2)
    result["sent"] = sent.sent
    result["send_queries"] = len(queries)
    result["emails"] = len(mail.outbox)
    result["send_per_s"] = round(sent.sent / result["send_s"]) if result["send_s"] else None
    result["queries_per_100_reminders"] = round(100 * len(queries) / max(sent.sent, 1), 1)
    result["batch_size"] = settings.REMINDERS["BATCH_SIZE"]
    result["mark_every"] = settings.REMINDERS["MARK_EVERY"]
    result["not_sent"] = Reminder.objects.exclude(status="sent").count()
    return result


def run(backend: str, staff: int) -> dict[str, object]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "smartcity.settings.local"}
    env.pop("REDIS_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    with tempfile.TemporaryDirectory() as tmp:
        if backend == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        else:
            name = "sc_reminders_bench"
            for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
                subprocess.run(["psql", PG_ADMIN, "-qc", sql], check=True)
            env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
        out = subprocess.run(
            [sys.executable, __file__, "--child", "--staff", str(staff)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    return {"backend": backend, **json.loads(out.stdout.strip().splitlines()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--staff", type=int, default=20, help="regency staff per region (20 → 10,280 reminders)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.staff)))
        return
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    for backend in backends:
        print(json.dumps(run(backend, args.staff)))


if __name__ == "__main__":
    main()
