"""With the full national area list loaded (83,762 villages): search and area pages stay constant in queries."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def national(db):
    call_command("import_wilayah", "--no-progress", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())


def _count(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/wilayah/kota-pekalongan/",
        "/kelurahan/33.75.02.1004/",
        "/kecamatan/33.75.02/",
        "/cari/?q=sukamaju",
        "/cari/?q=sukamaju&type=villages&page=2",
        "/inovasi/",
    ],
)
def test_pages_run_the_same_queries_with_the_national_list_as_with_the_demo_regions(client, settings, url, national):
    settings.PORTAL_PAGE_CACHE = False
    queries, _html = _count(client, url)

    from tests.portal.conftest import grow

    grow("33.75", 10)
    assert _count(client, url)[0] == queries


def test_search_finds_villages_anywhere_in_the_country_ignoring_case(client, national):
    _queries, html = _count(client, "/cari/?q=SUKAMAJU")

    assert "Sukamaju" in html
    assert "Semua kelurahan dan desa yang cocok" in html
