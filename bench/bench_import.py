"""Time the full national area import against a plain bulk insert of the same rows, in one run.

Usage (from the project root, PostgreSQL on 127.0.0.1:5432 with trust auth):

    .venv/bin/python bench/bench_import.py                 # SQLite and PostgreSQL
    .venv/bin/python bench/bench_import.py --backend sqlite
    .venv/bin/python bench/bench_import.py --repeat 5

For each backend it builds a fresh, migrated database, then per round:
1. `import_wilayah` as an operator runs it (read + validate the gzipped CSVs, diff against the
   database, bulk insert), timed end to end;
2. empties the four area tables and inserts exactly the same rows without Django:
   `sqlite3.executemany` on SQLite, `psycopg2.extras.execute_values` (and, for reference, COPY)
   on PostgreSQL, in one transaction;
and reports the best round of each with rows/s and the ratio of the two.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
TABLES = ["kelurahan_village", "kelurahan_district", "kelurahan_regency", "kelurahan_province"]


def child(backend: str, repeat: int) -> dict[str, object]:
    """Runs inside a process whose DATABASE_URL points at a fresh database."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings.local")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from kelurahan.models import RegencyKind, VillageKind
    from kelurahan.services.wilayah import read_area_files

    call_command("migrate", verbosity=0)
    rows = read_area_files()
    total = rows.total

    def truncate() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            for table in TABLES:
                cursor.execute(f"DELETE FROM {table}")

    def plain_rows() -> dict[str, list[tuple]]:
        from django.utils.text import slugify

        return {
            "kelurahan_province": [(code, name) for code, name in rows.provinces.items()],
            "kelurahan_regency": [
                (
                    code,
                    parent,
                    name,
                    (RegencyKind.KOTA if name.startswith("Kota ") else RegencyKind.KABUPATEN).value,
                    slugify(name),
                )
                for code, (parent, name) in rows.regencies.items()
            ],
            "kelurahan_district": [(code, parent, name) for code, (parent, name) in rows.districts.items()],
            "kelurahan_village": [
                (code, parent, code[:5], name, VillageKind.from_code(code).value)
                for code, (parent, name) in rows.villages.items()
            ],
        }

    columns = {
        "kelurahan_province": "code, name",
        "kelurahan_regency": "code, province_id, name, kind, slug",
        "kelurahan_district": "code, regency_id, name",
        "kelurahan_village": "code, district_id, regency_id, name, kind",
    }

    django_times, plain_times, copy_times = [], [], []
    for _round in range(repeat):
        truncate()
        started = time.perf_counter()
        call_command("import_wilayah", "--no-progress", stdout=io.StringIO())
        django_times.append(time.perf_counter() - started)

        truncate()
        data = plain_rows()  # built outside the timed part, as a loader would have them in memory
        raw = connection.connection
        started = time.perf_counter()
        if backend == "sqlite":
            cursor = raw.cursor()
            cursor.execute("BEGIN")  # Django keeps sqlite3 in autocommit: one transaction, as the import has
            for table in reversed(TABLES):
                marks = ", ".join("?" * len(data[table][0]))
                cursor.executemany(f"INSERT INTO {table} ({columns[table]}) VALUES ({marks})", data[table])
            raw.commit()
        else:
            from psycopg2.extras import execute_values

            with raw.cursor() as cursor:
                for table in reversed(TABLES):
                    execute_values(
                        cursor, f"INSERT INTO {table} ({columns[table]}) VALUES %s", data[table], page_size=2000
                    )
            raw.commit()
        plain_times.append(time.perf_counter() - started)

        if backend == "postgresql":
            truncate()
            started = time.perf_counter()
            with raw.cursor() as cursor:
                for table in reversed(TABLES):
                    buffer = io.StringIO()
                    for row in data[table]:
                        buffer.write("\t".join(row) + "\n")
                    buffer.seek(0)
                    cursor.copy_expert(f"COPY {table} ({columns[table]}) FROM STDIN", buffer)
            raw.commit()
            copy_times.append(time.perf_counter() - started)

    result: dict[str, object] = {
        "backend": backend,
        "rows": total,
        "import_wilayah_s": round(min(django_times), 3),
        "plain_insert_s": round(min(plain_times), 3),
    }
    if copy_times:
        result["copy_s"] = round(min(copy_times), 3)
    return result


def run_backend(backend: str, repeat: int) -> dict[str, object]:
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    cleanup = None
    if backend == "sqlite":
        tmp = tempfile.NamedTemporaryFile(suffix=".sqlite3", delete=False)  # noqa: SIM115
        tmp.close()
        env["DATABASE_URL"] = f"sqlite:///{tmp.name}"

        def cleanup() -> None:
            Path(tmp.name).unlink(missing_ok=True)

    else:
        import psycopg2

        name = f"smartcity_bench_import_{os.getpid()}"
        admin = psycopg2.connect(PG_ADMIN)
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name}")
            cursor.execute(f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"

        def cleanup() -> None:
            with admin.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {name}")
            admin.close()

    try:
        output = subprocess.run(
            [sys.executable, __file__, "--child", backend, "--repeat", str(repeat)],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return json.loads(output.strip().splitlines()[-1])
    finally:
        cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.repeat)))
        return

    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    print("| backend | rows | import_wilayah | rows/s | plain bulk insert | rows/s | ratio | COPY |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for backend in backends:
        r = run_backend(backend, args.repeat)
        rows, ours, plain = int(r["rows"]), float(r["import_wilayah_s"]), float(r["plain_insert_s"])
        copy = f"{r['copy_s']:.2f} s" if "copy_s" in r else "—"
        print(
            f"| {backend} | {rows:,} | {ours:.2f} s | {rows / ours:,.0f} | {plain:.2f} s | {rows / plain:,.0f} "
            f"| {ours / plain:.2f}× | {copy} |"
        )


if __name__ == "__main__":
    main()
