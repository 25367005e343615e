"""First page vs deep cursor page of the national village list (83,762 rows) through the REST API.

Usage (from the project root; PostgreSQL on 127.0.0.1:5432 with trust auth for the PostgreSQL run):

    .venv/bin/python bench/bench_api_cursor.py                    # SQLite and PostgreSQL
    .venv/bin/python bench/bench_api_cursor.py --backend sqlite --pages 1000 --repeat 20

For each backend it builds a fresh database (SQLite in a temporary folder; PostgreSQL database
`sc_api_bench`, dropped and recreated), imports all official areas (`import_wilayah`), then, in
process with Django's test client (no network, no throttling):
1. times `GET /api/v1/villages/?page_size=50` (best and median of --repeat);
2. follows `next` links to page --pages (1,000 by default: rows 49,951–50,000) and times that page
   the same way, plus the last page;
3. for contrast, times the same page fetched with OFFSET (what page-number pagination would run),
   and the COUNT(*) page-number pagination adds on every page.
(The number of queries per page, one, is asserted by tests/api/test_areas.py.)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_DB = "sc_api_bench"


def timed(fn, repeat: int) -> dict[str, float]:
    fn()  # warm up (connection, caches, query plan)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return {"best_ms": round(min(samples), 2), "median_ms": round(statistics.median(samples), 2)}


def child(pages: int, repeat: int) -> dict[str, object]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings.local")
    os.environ["API_THROTTLE_ANON"] = "100000000/minute"
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from kelurahan.models import Village

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("import_wilayah", "--no-progress", verbosity=0)
    setup_s = time.perf_counter() - started
    villages = Village.objects.count()

    client = Client(HTTP_HOST="127.0.0.1")

    def get(url: str) -> dict:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:200])
        return response.json()

    first_url = "/api/v1/villages/?page_size=50"
    url = first_url
    walk_start = time.perf_counter()
    for _ in range(pages - 1):
        url = get(url)["next"]
    walk_s = time.perf_counter() - walk_start
    deep_url = url
    deep_first_code = get(deep_url)["results"][0]["code"]
    last_url = deep_url
    while True:
        following = get(last_url)["next"]
        if following is None:
            break
        last_url = following

    offset = (pages - 1) * 50

    def offset_page() -> None:
        list(Village.objects.select_related("district", "regency").order_by("code")[offset : offset + 50])

    def count_all() -> None:
        Village.objects.count()

    return {
        "backend": connection.vendor,
        "villages": villages,
        "setup_s": round(setup_s, 1),
        "page_size": 50,
        "first_page": timed(lambda: get(first_url), repeat),
        "deep_page": {"number": pages, "first_code": deep_first_code, **timed(lambda: get(deep_url), repeat)},
        "last_page": timed(lambda: get(last_url), repeat),
        "walk_to_deep_page_s": round(walk_s, 1),
        "offset_query_same_rows": timed(offset_page, repeat),
        "count_query": timed(count_all, repeat),
    }


def run(backend: str, pages: int, repeat: int) -> dict[str, object]:
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    with tempfile.TemporaryDirectory() as folder:
        if backend == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        else:
            import psycopg2

            admin = psycopg2.connect(PG_ADMIN)
            admin.autocommit = True
            with admin.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
                cursor.execute(f"CREATE DATABASE {PG_DB}")
            admin.close()
            env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{PG_DB}"
        out = subprocess.run(
            [sys.executable, __file__, "--child", "--pages", str(pages), "--repeat", str(repeat)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
        )
    if out.returncode != 0:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.pages, args.repeat)))
        return
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    for backend in backends:
        result = run(backend, args.pages, args.repeat)
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
