"""Requests per second of the public pages, uncached and cached, against a trivial Django view, in one run.

Usage (from the project root):

    .venv/bin/python bench/bench_pages.py                      # demo regions only, SQLite in a temp dir
    .venv/bin/python bench/bench_pages.py --national           # with all 83,762 villages loaded
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sc_bench .venv/bin/python bench/bench_pages.py --national
    .venv/bin/python bench/bench_pages.py --requests 300 --url /inovasi/

It builds a fresh, migrated database (SQLite in a temporary directory unless DATABASE_URL is set, which must name
an empty database), imports the areas (the three demo regions, or the national list with --national), loads the
demo programmes, then for each page sends the requests through Django's full stack (middleware, URL resolving,
templates) with the test client, in-process, one after another:

- trivial: a view that returns a fixed 2-byte response — the floor of this stack on this machine;
- uncached: the page rendered every time (PORTAL_PAGE_CACHE off): every query and the whole template;
- cached: the page cache on, warm (a cache lookup and a copy of the stored body);
- 304: the cache on and the browser's ETag sent back (If-None-Match), as on a repeat visit.

The cache is the in-process LocMemCache unless REDIS_URL is set. Output: a Markdown table (requests/s, mean and
p95 ms per request), and the number of SQL queries each page runs uncached.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAGES = [
    ("home", "/"),
    ("region (Kota Pekalongan)", "/wilayah/kota-pekalongan/"),
    ("kelurahan (Kauman)", "/kelurahan/33.75.02.1004/"),
    ("innovation list", "/inovasi/"),
    ("innovation (Sakpore)", "/inovasi/sakpore/"),
    ("masterplan (Pontianak)", "/wilayah/kota-pontianak/masterplan/1/"),
    ("search “kauman”", "/cari/?q=kauman"),
]


def _setup(national: bool) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings.local")
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-pages-')}/db.sqlite3"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.http import HttpResponse
    from django.urls import path

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    regions = [] if national else ["--regency", "33.75", "33.26", "61.71"]
    call_command("import_wilayah", *regions, "--no-progress", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())

    def trivial(request):
        return HttpResponse("ok")

    import smartcity.urls

    urls = types.ModuleType("bench_pages_urls")
    urls.urlpatterns = [path("bench/trivial", trivial), *smartcity.urls.urlpatterns]
    sys.modules["bench_pages_urls"] = urls
    settings.ROOT_URLCONF = "bench_pages_urls"


def _timed(client, url: str, n: int, **headers: str) -> tuple[float, float, float, int]:
    """(requests/s, mean ms, p95 ms, status) over n sequential requests after 5 warm-ups."""
    for _ in range(5):
        status = client.get(url, headers=headers).status_code
    times = []
    for _ in range(n):
        start = time.perf_counter()
        client.get(url, headers=headers)
        times.append(time.perf_counter() - start)
    total = sum(times)
    p95 = sorted(times)[int(0.95 * (len(times) - 1))]
    return n / total, 1000 * statistics.mean(times), 1000 * p95, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--national", action="store_true", help="load all 83,762 villages first")
    parser.add_argument("--requests", type=int, default=200, help="requests per page and mode (default 200)")
    parser.add_argument("--url", action="append", help="measure only these paths")
    args = parser.parse_args()

    _setup(args.national)
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kelurahan.models import Village

    pages = [(url, url) for url in args.url] if args.url else PAGES
    client = Client()
    rows = []
    floor = _timed(client, "/bench/trivial", args.requests)
    rows.append(("trivial view", "/bench/trivial", "0", floor, None, None))
    for name, url in pages:
        settings.PORTAL_PAGE_CACHE = False
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries = str(len(captured))
        uncached = _timed(client, url, args.requests)
        settings.PORTAL_PAGE_CACHE = True
        cache.clear()
        first = client.get(url)
        cached = _timed(client, url, args.requests)
        etag = first.get("ETag", "")
        not_modified = _timed(client, url, args.requests, if_none_match=etag)
        rows.append((name, url, queries, uncached, cached, not_modified))

    print(
        f"\n{connection.vendor}, {Village.objects.count():,} villages, cache "
        f"{settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}, {args.requests} requests per cell\n"
    )
    print("| page | queries | uncached req/s | ms (p95) | cached req/s | ms (p95) | 304 req/s | ms (p95) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, _url, queries, uncached, cached, not_modified in rows:
        cells = [f"{uncached[0]:,.0f} | {uncached[1]:.1f} ({uncached[2]:.1f})"]
        for mode in (cached, not_modified):
            cells.append(f"{mode[0]:,.0f} | {mode[1]:.1f} ({mode[2]:.1f})" if mode else "— | —")
        print(f"| {name} | {queries} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
