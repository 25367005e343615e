"""Cost of a cache hit against the framework's floor, in process (no socket): the page cache's own overhead.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sc_national REDIS_URL=redis://127.0.0.1:6379/8 \\
      BENCH_TRIVIAL_VIEW=true .venv/bin/python bench/bench_cached_path.py [--requests 2000] [/wilayah/<slug>/ ...]

Sends each path 50 times to warm it, then `--requests` times through Django's test client (full middleware
stack, local settings) and prints microseconds per request. `/bench/trivial/` is the floor.
"""

# ruff: noqa: E402
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings.local")
os.environ.setdefault("BENCH_TRIVIAL_VIEW", "true")

import django

django.setup()
from django.conf import settings
from django.test import Client


def per_request_us(client: Client, path: str, requests: int) -> tuple[float, int, int]:
    for _ in range(50):
        client.get(path)
    started = time.perf_counter()
    for _ in range(requests):
        response = client.get(path)
    return (time.perf_counter() - started) / requests * 1e6, response.status_code, len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["/wilayah/kota-pekalongan/"])
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    floor, _status, _size = per_request_us(client, "/bench/trivial/", args.requests)
    print(f"{'trivial view':40} {floor:8.0f} us")
    for path in args.paths:
        cost, status, size = per_request_us(client, path, args.requests)
        print(f"{path:40} {cost:8.0f} us  ({status}, {size:,} bytes, {floor / cost:.0%} of the floor's rate)")


if __name__ == "__main__":
    main()
