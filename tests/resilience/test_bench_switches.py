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
