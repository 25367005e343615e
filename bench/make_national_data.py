"""Build the national-scale dataset for load tests: every region of Indonesia taking part at once.

On top of the official areas (38 provinces, 514 kota/kabupaten, 7,285 kecamatan, 83,762 villages) it writes:

- a published programme and 12 agencies (OPD) for each of the 514 regions;
- 300,000 innovations (about 584 per region), 90 % published, each placed in one village of its region;
- 4 Kelurahan Pintar villages per region;
- one 100-question questionnaire, 20 semester periods (2016–2025), one submission per region and period
  (10,280), and an answer to every question (1,028,000 answers), published except the last period;
- staff accounts for the load test (password from BENCH_PASSWORD, default below; bench database only).

Bulk inserts throughout: COPY on PostgreSQL (psycopg2 `copy_expert`), `bulk_create` on SQLite. Columns are taken
from the models, so fields that other apps add later are filled with their defaults. Each step is timed.

Usage (a database of its own, never the tests' or a real one):

    createdb -h 127.0.0.1 -U postgres sc_national
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sc_national .venv/bin/python bench/make_national_data.py
    ... --innovations 30000 --semesters 4     # a smaller set
    ... --reset                                # delete the generated rows first (areas stay)

It migrates the database and imports the official areas when they are missing. Refuses to run with production
settings.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings.local")

BENCH_PASSWORD = os.environ.get("BENCH_PASSWORD", "bench-national-2026")
QUESTIONNAIRE_TITLE = "Instrumen Evaluasi Kota Cerdas (data uji nasional)"
AGENCIES = [
    ("Dinas Komunikasi dan Informatika", "Dinkominfo"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    ("Dinas Kesehatan", "Dinkes"),
    ("Dinas Pendidikan", "Disdik"),
    ("Dinas Perhubungan", "Dishub"),
    ("Dinas Lingkungan Hidup", "DLH"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("Dinas Penanaman Modal dan PTSP", "DPMPTSP"),
    ("Dinas Pariwisata", "Dispar"),
    ("Dinas Sosial", "Dinsos"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD"),
    ("Dinas Koperasi dan UMKM", "Dinkop UMKM"),
]
WORDS = [
    "Layanan",
    "Aplikasi",
    "Sistem",
    "Portal",
    "Gerakan",
    "Program",
    "Pusat",
    "Jaringan",
    "Ruang",
    "Sensor",
]
TOPICS = [
    "Antrean Puskesmas",
    "Perizinan Daring",
    "Parkir Pintar",
    "Pengaduan Warga",
    "Bank Sampah",
    "Data Terpadu",
    "Transportasi Umum",
    "Pasar Digital",
    "Sekolah Ramah Anak",
    "Peringatan Dini Banjir",
    "Wisata Batik",
    "Lampu Jalan",
    "Air Bersih",
    "Kas Desa",
    "UMKM Naik Kelas",
]


def setup() -> None:
    import django

    django.setup()
    from django.conf import settings

    if settings.SETTINGS_MODULE.endswith("production"):
        sys.exit("refusing to generate bench data with production settings")


# -- bulk insert ------------------------------------------------------------------------------------


def columns_and_defaults(model, given: set[str]) -> tuple[list, dict]:
    from django.db import models
    from django.utils import timezone

    now = timezone.now()
    fields, defaults = [], {}
    for field in model._meta.concrete_fields:
        if field.attname in given:
            fields.append(field)
        elif isinstance(field, models.AutoField) or field.primary_key:
            continue
        else:
            fields.append(field)
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                defaults[field.attname] = now
            else:
                defaults[field.attname] = field.get_default()
    return fields, defaults


def bulk_insert(model, rows: list[dict], batch: int = 50_000) -> int:
    """Insert plain rows (attname → value) as fast as the backend allows; other columns get their defaults."""
    from django.db import connection

    if not rows:
        return 0
    fields, defaults = columns_and_defaults(model, set(rows[0]))
    if connection.vendor != "postgresql":
        objs = [model(**{**defaults, **row}) for row in rows]
        model.objects.bulk_create(objs, batch_size=2000)
        return len(rows)
    table = connection.ops.quote_name(model._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        raw = cursor.cursor if hasattr(cursor, "cursor") else cursor
        for start in range(0, len(rows), batch):
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            for row in rows[start : start + batch]:
                out = []
                for field in fields:
                    value = row[field.attname] if field.attname in row else defaults[field.attname]
                    if value is None:
                        out.append("\\N")
                    elif isinstance(value, bool):
                        out.append("t" if value else "f")
                    elif isinstance(value, (datetime, date)):
                        out.append(value.isoformat())
                    else:
                        out.append(value)
                writer.writerow(out)
            buffer.seek(0)
            raw.copy_expert(f"COPY {table} ({cols}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buffer)
    return len(rows)


# -- steps ------------------------------------------------------------------------------------------


class Timer:
    def __init__(self) -> None:
        self.steps: list[tuple[str, int, float]] = []

    def step(self, name: str, fn, *args, **kwargs):
        started = time.perf_counter()
        count = fn(*args, **kwargs)
        seconds = time.perf_counter() - started
        self.steps.append((name, count or 0, seconds))
        rate = f"{count / seconds:,.0f} rows/s" if count and seconds > 0 else ""
        print(f"  {name:<42} {count or 0:>10,} rows  {seconds:7.1f} s  {rate}", flush=True)
        return count


def ensure_schema_and_areas() -> int:
    from django.core.management import call_command

    from kelurahan.models import Regency

    call_command("migrate", "--noinput", verbosity=0)
    if Regency.objects.count() < 514:
        call_command("import_wilayah", "--no-progress", verbosity=0)
    return Regency.objects.count()


def reset() -> int:
    from django.db import transaction

    from accounts.models import User
    from dimensions.models import Innovation
    from evaluations.models import Answer, EvaluationPeriod, Question, Questionnaire, ScaleLevel, Submission
    from kelurahan.models import Agency, KelurahanPintar, Programme

    deleted = 0
    with transaction.atomic():
        questionnaires = Questionnaire.objects.filter(title=QUESTIONNAIRE_TITLE)
        periods = EvaluationPeriod.objects.filter(questionnaire__in=questionnaires)
        deleted += Answer.objects.filter(submission__period__in=periods)._raw_delete(Answer.objects.db)
        for model in ("SubmissionTransition", "Finding"):
            from django.apps import apps

            related = apps.get_model("evaluations", model)
            deleted += related.objects.filter(submission__period__in=periods).delete()[0]
        deleted += Submission.objects.filter(period__in=periods).delete()[0]
        deleted += periods.delete()[0]
        deleted += Question.objects.filter(questionnaire__in=questionnaires).delete()[0]
        deleted += ScaleLevel.objects.filter(questionnaire__in=questionnaires).delete()[0]
        deleted += questionnaires.delete()[0]
        bench_agencies = Agency.objects.filter(acronym__startswith="bench:")
        through = Innovation.villages.through
        deleted += through.objects.filter(innovation__agency__in=bench_agencies)._raw_delete(through.objects.db)
        deleted += Innovation.objects.filter(agency__in=bench_agencies)._raw_delete(Innovation.objects.db)
        deleted += KelurahanPintar.objects.filter(supervising_agency__in=bench_agencies).delete()[0]
        deleted += bench_agencies.delete()[0]
        deleted += Programme.objects.filter(cohort="bench").delete()[0]
        deleted += User.objects.filter(username__startswith="bench.").delete()[0]
    return deleted


def programmes_and_agencies(rng: random.Random) -> int:
    from kelurahan.models import Agency, Programme, Regency

    have = set(Programme.objects.values_list("regency_id", flat=True))
    regencies = list(Regency.objects.order_by("code").values_list("code", "name"))
    rows = [
        {
            "regency_id": code,
            "joined_year": rng.randint(2017, 2024),
            "cohort": "bench",
            "summary": f"{name} mengikuti Gerakan Menuju Smart City dengan rencana induk enam dimensi.",
            "is_published": True,
        }
        for code, name in regencies
        if code not in have
    ]
    count = bulk_insert(Programme, rows)
    existing = set(Agency.objects.values_list("regency_id", "name"))
    agency_rows = [
        {"regency_id": code, "name": name, "acronym": f"bench:{acronym}"}
        for code, _n in regencies
        for name, acronym in AGENCIES
        if (code, name) not in existing
    ]
    return count + bulk_insert(Agency, agency_rows)


def innovations(rng: random.Random, total: int) -> int:
    from dimensions.models import Dimension, Innovation, InnovationKind, InnovationStatus, SubDimension
    from kelurahan.models import Agency, Regency, Village

    dimensions = list(Dimension.objects.values_list("id", flat=True))
    subs: dict[int, list[int]] = {}
    for sub_id, dim_id in SubDimension.objects.values_list("id", "dimension_id"):
        subs.setdefault(dim_id, []).append(sub_id)
    agencies: dict[str, list[int]] = {}
    for agency_id, regency_id in Agency.objects.filter(acronym__startswith="bench:").values_list("id", "regency_id"):
        agencies.setdefault(regency_id, []).append(agency_id)
    slugs = dict(Regency.objects.values_list("code", "slug"))
    regencies = sorted(agencies)
    kinds = [InnovationKind.INNOVATION] * 6 + [InnovationKind.QUICK_WIN] * 3 + [InnovationKind.FLAGSHIP]
    statuses = [InnovationStatus.RUNNING] * 6 + [InnovationStatus.COMPLETED] * 2 + [InnovationStatus.PLANNED]
    from smartcity.text import fold

    rows = []
    first, now = datetime(2018, 1, 1, tzinfo=UTC), datetime.now(UTC)
    for i in range(total):
        regency = regencies[i % len(regencies)]
        dimension = rng.choice(dimensions)
        start = date(2018, 1, 1) + timedelta(days=rng.randint(0, 2500))
        # Entered over the years and edited since, as real records are (a single timestamp would make every
        # "latest first" list sort the whole table).
        created = first + timedelta(seconds=rng.randint(0, 8 * 365 * 86400))
        name = f"{rng.choice(WORDS)} {rng.choice(TOPICS)} {i // len(regencies) + 1}"
        rows.append(
            {
                "name": name,
                "search_name": fold(name),
                "created_at": created,
                "updated_at": min(created + timedelta(seconds=rng.randint(0, 400 * 86400)), now),
                "slug": f"{slugs[regency]}-inovasi-{i // len(regencies) + 1}",
                "kind": rng.choice(kinds),
                "dimension_id": dimension,
                "sub_dimension_id": rng.choice(subs[dimension]) if subs.get(dimension) and rng.random() < 0.7 else None,
                "agency_id": rng.choice(agencies[regency]),
                "status": rng.choice(statuses),
                "start_date": start,
                "end_date": None,
                "description": "Inovasi daerah untuk meningkatkan layanan publik. " * 3,
                "is_published": rng.random() < 0.9,
            }
        )
    count = bulk_insert(Innovation, rows)
    fill_search_names(Innovation)
    # One village per innovation, from the innovation's region.
    villages: dict[str, list[str]] = {}
    for code, regency_id in Village.objects.values_list("code", "regency_id"):
        villages.setdefault(regency_id, []).append(code)
    through = Innovation.villages.through
    links = [
        {"innovation_id": innovation_id, "village_id": rng.choice(villages[regency_id])}
        for innovation_id, regency_id in Innovation.objects.filter(agency__acronym__startswith="bench:").values_list(
            "id", "agency__regency_id"
        )
        if villages.get(regency_id)
    ]
    return count + bulk_insert(through, links)


def fill_search_names(model) -> None:
    """Fill the portal's accent/case-folded `search_name` column (bulk inserts skip the model's save())."""
    if "search_name" not in {field.name for field in model._meta.concrete_fields}:
        return
    from smartcity.text import fold

    pending = list(model.objects.filter(search_name="").values_list("pk", "name"))
    for start in range(0, len(pending), 5000):
        objs = [model(pk=pk, search_name=fold(name)) for pk, name in pending[start : start + 5000]]
        model.objects.bulk_update(objs, ["search_name"], batch_size=5000)


def kelurahan_pintar(rng: random.Random) -> int:
    from dimensions.models import Dimension
    from kelurahan.models import Agency, KelurahanPintar, Village

    dimensions = list(Dimension.objects.values_list("id", flat=True))
    taken = set(KelurahanPintar.objects.values_list("village_id", flat=True))
    agencies: dict[str, list[int]] = {}
    for agency_id, regency_id in Agency.objects.filter(acronym__startswith="bench:").values_list("id", "regency_id"):
        agencies.setdefault(regency_id, []).append(agency_id)
    villages: dict[str, list[str]] = {}
    for code, regency_id in Village.objects.order_by("code").values_list("code", "regency_id"):
        villages.setdefault(regency_id, []).append(code)
    rows = []
    for regency_id, codes in villages.items():
        if regency_id not in agencies:
            continue
        for code in codes[:: max(1, len(codes) // 4)][:4]:
            if code not in taken:
                rows.append(
                    {
                        "village_id": code,
                        "since": date(2022, 1, 1) + timedelta(days=rng.randint(0, 900)),
                        "supervising_agency_id": rng.choice(agencies[regency_id]),
                        "local_strengths": "Kerajinan, kuliner dan wisata lokal.",
                        "is_published": True,
                    }
                )
    count = bulk_insert(KelurahanPintar, rows)
    through = KelurahanPintar.focus_dimensions.through
    links = [
        {"kelurahanpintar_id": pk, "dimension_id": dimension}
        for pk in KelurahanPintar.objects.filter(supervising_agency__acronym__startswith="bench:").values_list(
            "pk", flat=True
        )
        for dimension in rng.sample(dimensions, 2)
    ]
    return count + bulk_insert(through, links)


def evaluations(rng: random.Random, semesters: int, questions: int) -> int:
    from django.utils import timezone

    from dimensions.models import Dimension, SubDimension
    from evaluations.models import (
        Answer,
        EvaluationPeriod,
        Question,
        Questionnaire,
        ScaleLevel,
        Submission,
    )
    from evaluations.models.questionnaires import AnswerType, Component
    from evaluations.models.submissions import SubmissionStatus
    from kelurahan.models import Programme

    questionnaire = Questionnaire.objects.create(title=QUESTIONNAIRE_TITLE, version=1)
    ScaleLevel.objects.bulk_create(
        ScaleLevel(questionnaire=questionnaire, level=level, name=f"Tingkat {level}") for level in range(1, 6)
    )
    core = list(Dimension.objects.filter(is_core=True).order_by("order").values_list("id", flat=True))
    subs: dict[int, list[int]] = {}
    for sub_id, dim_id in SubDimension.objects.values_list("id", "dimension_id"):
        subs.setdefault(dim_id, []).append(sub_id)
    components = [Component.BASELINE, Component.OUTPUT, Component.OUTCOME, Component.IMPACT, Component.QUICK_WIN]
    question_rows = []
    for number in range(1, questions + 1):
        dimension = core[(number - 1) % len(core)]
        question_rows.append(
            {
                "questionnaire_id": questionnaire.pk,
                "number": number,
                "text": f"Pertanyaan {number}: sejauh mana daerah telah menerapkan kebijakan ini?",
                "dimension_id": dimension,
                "sub_dimension_id": (subs.get(dimension) or [None])[number % max(1, len(subs.get(dimension) or [1]))],
                "component": components[(number - 1) % len(components)],
                "answer_type": AnswerType.SCALE,
            }
        )
    count = bulk_insert(Question, question_rows)
    question_ids = list(Question.objects.filter(questionnaire=questionnaire).values_list("pk", flat=True))

    taken = set(EvaluationPeriod.objects.values_list("year", "semester", "stage"))
    period_rows = []
    year, semester = 2016, 1
    while len(period_rows) < semesters:
        stage = 1
        while (year, semester, stage) in taken:
            stage += 1
        opens = date(year, 1 if semester == 1 else 7, 1)
        period_rows.append(
            {
                "year": year,
                "semester": semester,
                "stage": stage,
                "opens_on": opens,
                "due_on": opens + timedelta(days=60),
                "review_due_on": opens + timedelta(days=120),
                "closed_at": datetime(opens.year, opens.month, 1, tzinfo=UTC) + timedelta(days=150),
                "questionnaire_id": questionnaire.pk,
            }
        )
        year, semester = (year, 2) if semester == 1 else (year + 1, 1)
    count += bulk_insert(EvaluationPeriod, period_rows)
    periods = list(EvaluationPeriod.objects.filter(questionnaire=questionnaire).order_by("year", "semester"))
    regencies = list(Programme.objects.filter(cohort="bench").values_list("regency_id", flat=True))
    submission_rows = []
    for index, period in enumerate(periods):
        last = index == len(periods) - 1
        for regency in regencies:
            submission_rows.append(
                {
                    "period_id": period.pk,
                    "regency_id": regency,
                    "status": SubmissionStatus.IN_REVIEW if last else SubmissionStatus.PUBLISHED,
                    "submitted_at": timezone.make_aware(datetime.combine(period.due_on, datetime.min.time())),
                }
            )
    count += bulk_insert(Submission, submission_rows)
    submissions = list(Submission.objects.filter(period__in=periods).values_list("pk", "regency_id"))
    level = {regency: rng.randint(1, 4) for regency in regencies}
    answers = 0
    chunk: list[dict] = []
    for submission_id, regency in submissions:
        for question_id in question_ids:
            self_score = min(5, max(1, level[regency] + rng.choice((0, 0, 1, -1))))
            chunk.append(
                {
                    "submission_id": submission_id,
                    "question_id": question_id,
                    "self_score": self_score,
                    "assessed_score": min(5, max(1, self_score + rng.choice((0, 0, -1)))),
                    "explanation": "Sesuai dokumen pendukung.",
                }
            )
        if len(chunk) >= 100_000:
            answers += bulk_insert(Answer, chunk)
            chunk = []
    answers += bulk_insert(Answer, chunk)
    return count + answers


def freeze_results() -> int:
    """Store each published submission's scores, as publishing through the workflow does."""
    from django.core.management import call_command

    from evaluations.models import Submission

    call_command("freeze_results", "--batch", "100", stdout=io.StringIO())
    return Submission.objects.filter(result__isnull=False).count()


def bench_users() -> int:
    from accounts.models import Role, User

    made = 0
    specs = [
        ("bench.admin", Role.NATIONAL_ADMIN, None),
        ("bench.staf.3375", Role.REGENCY_STAFF, "33.75"),
        ("bench.staf.3171", Role.REGENCY_STAFF, "31.71"),
    ]
    for username, role, regency in specs:
        if User.objects.filter(username=username).exists():
            continue
        user = User(username=username, role=role, regency_id=regency, is_staff=True, email=f"{username}@bench.local")
        user.set_password(BENCH_PASSWORD)
        user.save()
        made += 1
    return made


def analyze() -> int:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--innovations", type=int, default=300_000)
    parser.add_argument("--semesters", type=int, default=20)
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--seed", type=int, default=514)
    parser.add_argument("--reset", action="store_true", help="delete previously generated rows first")
    args = parser.parse_args()
    setup()
    from django.db import connection, transaction

    from kelurahan.models import Programme

    rng = random.Random(args.seed)
    timer = Timer()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    started = time.perf_counter()
    timer.step("migrate + official areas (regencies)", ensure_schema_and_areas)
    if args.reset:
        timer.step("reset generated rows", reset)
    if Programme.objects.filter(cohort="bench").exists():
        print("bench data already present (use --reset to rebuild)")
        return
    with transaction.atomic():
        timer.step("programmes + agencies", programmes_and_agencies, rng)
        timer.step("innovations + village links", innovations, rng, args.innovations)
        timer.step("Kelurahan Pintar + focus dimensions", kelurahan_pintar, rng)
        timer.step("questionnaire, periods, submissions, answers", evaluations, rng, args.semesters, args.questions)
        timer.step("freeze published results", freeze_results)
        timer.step("bench staff accounts", bench_users)
    timer.step("ANALYZE", analyze)
    total = time.perf_counter() - started
    rows = sum(count for _name, count, _s in timer.steps)
    print(f"total: {rows:,} rows in {total:.1f} s")


if __name__ == "__main__":
    main()
