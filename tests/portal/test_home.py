"""The home page lists the participating regions, in Indonesian by default."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def test_home_lists_the_three_regions_in_indonesian(client, demo):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    for name in ("Kota Pekalongan", "Kabupaten Pekalongan", "Kota Pontianak"):
        assert name in html
    assert "Daerah peserta" in html


def test_home_in_english_under_the_en_prefix(client, demo):
    html = client.get("/en/").content.decode()

    assert '<html lang="en">' in html
    assert "Participating regions" in html


def test_a_region_link_leads_to_its_page(client, demo):
    response = client.get("/wilayah/kota-pontianak/")

    assert response.status_code == 200
    assert "Kota Pontianak" in response.content.decode()


def test_an_unpublished_or_unknown_region_is_not_found(client, demo):
    assert client.get("/wilayah/kota-bandung/").status_code == 404
    assert client.get("/wilayah/no-such-place/").status_code == 404


def test_the_health_endpoint_reports_database_and_cache(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}
    assert "no-cache" in response["Cache-Control"]
