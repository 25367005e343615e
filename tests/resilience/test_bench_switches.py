"""The benchmark switches are off unless asked for."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_trivial_bench_view_is_not_mounted_by_default(client, settings):
    assert settings.BENCH_TRIVIAL_VIEW is False
    assert client.get("/bench/trivial/").status_code == 404


def test_the_trivial_view_answers_plain_text():
    from django.test import RequestFactory

    from smartcity.bench_views import trivial

    response = trivial(RequestFactory().get("/bench/trivial/"))
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.parametrize(("env", "expected"), [({}, "True"), ({"CACHE_DISABLED": "true"}, "False")])
def test_cache_disabled_turns_off_the_page_cache_too(env, expected):
    """The benchmarks' uncached server must not answer from the page cache's in-process copies."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import django, os; django.setup(); from django.conf import settings; "
        "print(settings.PORTAL_PAGE_CACHE, settings.CACHES['default']['BACKEND'])"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "smartcity.settings.local", **env}
    environment.pop("PORTAL_PAGE_CACHE", None)
    if not env:
        environment.pop("CACHE_DISABLED", None)
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        cwd=Path(__file__).resolve().parents[2],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()

    assert out[0] == expected
    assert (out[1] == "django.core.cache.backends.dummy.DummyCache") == bool(env)
