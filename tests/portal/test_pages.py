"""The public pages: what a citizen sees, only published content, and a fixed number of queries per page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from dimensions.models import Dimension, Innovation
from kelurahan.models import KelurahanPintar, Programme, Regency

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/wilayah/",
    "/wilayah/kota-pekalongan/",
    "/kecamatan/33.75.02/",
    "/kelurahan/33.75.02.1004/",
    "/dimensi/",
    "/dimensi/governance/",
    "/inovasi/",
    "/inovasi/?region=kota-pekalongan&dimension=governance&kind=quick_win&year=2020",
    "/inovasi/sakpore/",
    "/wilayah/kota-pontianak/masterplan/1/",
    "/cari/?q=pekalongan",
    "/cari/?q=kauman&type=villages",
    "/data/",
    "/data/inovasi.csv",
    "/data/wilayah.json",
    "/sitemap.xml",
    "/en/",
    "/en/wilayah/kota-pekalongan/",
]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("url", PAGES)
def test_every_public_page_answers_with_a_constant_number_of_queries(client, demo, no_page_cache, grow_data, url):
    before = _queries(client, url)
    grow_data("33.75", 15)
    grow_data("61.71", 9)

    assert _queries(client, url) == before


def test_the_region_page_shows_programme_facts_kelurahan_pintar_masterplan_and_legal_bases(client, demo):
    html = client.get("/wilayah/kota-pontianak/").content.decode()

    assert "Perwal 25/2019" in html or "25/2019" in html
    assert "Public Safety Center" in html
    assert "Masterplan" in html
    pekalongan = client.get("/wilayah/kota-pekalongan/").content.decode()
    assert "Kelurahan Pintar" in pekalongan
    assert "Kauman" in pekalongan
    assert "Sakpore" in pekalongan


def test_pages_are_in_indonesian_and_english_with_a_switch(client, demo):
    html = client.get("/wilayah/kota-pekalongan/").content.decode()
    assert 'href="/en/wilayah/kota-pekalongan/"' in html
    assert "Dimensi dan inovasi" in html

    english = client.get("/en/wilayah/kota-pekalongan/").content.decode()
    assert '<html lang="en">' in english
    assert "Dimensions and innovations" in english
    assert 'href="/wilayah/kota-pekalongan/"' in english


def test_unpublished_innovations_are_not_shown_and_answer_404(client, demo):
    innovation = Innovation.objects.get(slug="sakpore")
    innovation.is_published = False
    innovation.save()

    assert client.get("/inovasi/sakpore/").status_code == 404
    assert "Sakpore" not in client.get("/wilayah/kota-pekalongan/").content.decode()
    assert "Sakpore" not in client.get("/inovasi/").content.decode()
    assert "sakpore" not in client.get("/data/inovasi.csv").content.decode()


def test_an_unpublished_programme_hides_the_region_and_its_innovations(client, demo):
    Programme.objects.filter(regency_id="61.71").update(is_published=False)

    assert client.get("/wilayah/kota-pontianak/").status_code == 404
    assert client.get("/wilayah/kota-pontianak/masterplan/1/").status_code == 404
    assert "Pionirs" not in client.get("/inovasi/").content.decode()


def test_an_unpublished_enrolment_is_not_highlighted(client, demo):
    KelurahanPintar.objects.filter(village_id="33.75.02.1004").update(is_published=False)

    html = client.get("/kelurahan/33.75.02.1004/").content.decode()

    assert "OPD pembina" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/wilayah/no-such-place/",
        "/kelurahan/99.99.99.9999/",
        "/kecamatan/xx/",
        "/inovasi/no-such-thing/",
        "/dimensi/nothing/",
        "/wilayah/kota-pontianak/masterplan/9/",
        "/inovasi/?page=999999",
        "/inovasi/?page=abc",
        "/data/nothing.csv",
        "/data/inovasi.xml",
    ],
)
def test_unknown_codes_slugs_and_pages_answer_a_friendly_404(client, demo, url):
    response = client.get(url)

    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/inovasi/?year=abc",
        "/inovasi/?region=atlantis",
        "/inovasi/?kind=%3Cscript%3E",
        "/cari/?q=a",
        "/cari/?q=x&type=y",
    ],
)
def test_malformed_filters_answer_400_with_the_page_and_a_message(client, demo, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "<script>" not in response.content.decode()


def test_filters_narrow_the_innovation_list(client, demo):
    html = client.get("/inovasi/?region=kota-pontianak&dimension=living").content.decode()

    assert "Public Safety Center" in html
    assert "Sakpore" not in html


def test_injected_html_in_content_is_escaped(client, demo):
    Innovation.objects.filter(slug="sakpore").update(description='<script>alert("x")</script>', name="<b>Sakpore</b>")

    html = client.get("/inovasi/sakpore/").content.decode()

    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_search_ignores_case_and_accents_and_finds_all_three_kinds(client, demo):
    html = client.get("/cari/?q=KAUMÁN").content.decode()
    assert "Kauman" in html

    html = client.get("/cari/?q=pekalongan").content.decode()
    assert "Kota Pekalongan" in html
    assert "Pembelajaran Daring SMPN 14 Pekalongan" in html


def test_search_name_is_kept_in_step_on_save_and_by_the_import(demo):
    innovation = Innovation.objects.get(slug="sakpore")
    innovation.name = "Sakporé Baru"
    innovation.save(update_fields=["name"])
    innovation.refresh_from_db()

    assert innovation.search_name == "sakpore baru"
    from kelurahan.models import Village

    assert Village.objects.get(code="33.75.02.1004").search_name == "kauman"


def test_open_data_credits_the_area_licence(client, demo):
    data = client.get("/data/wilayah.json").json()

    assert "ODbL" in data["licence"]["areas"]
    assert {row["code"] for row in data["data"]} == {"33.75", "33.26", "61.71"}
    csv = client.get("/data/inovasi.csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "attachment" in csv["Content-Disposition"]


def test_robots_and_sitemap(client, demo):
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots

    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/wilayah/kota-pekalongan/" in sitemap
    assert "/en/inovasi/sakpore/" in sitemap


def test_the_region_page_lists_the_latest_innovations_per_dimension_and_links_to_the_rest(client, demo, grow_data):
    from kelurahan.selectors import REGION_PAGE_LATEST

    grow_data("33.75", 40)
    regency = Regency.objects.get(code="33.75")
    public = Innovation.objects.filter(agency__regency=regency, is_published=True)
    busiest = public.values("dimension").annotate(n=Count("pk")).order_by("-n").first()
    dimension = Dimension.objects.get(pk=busiest["dimension"])
    assert busiest["n"] > REGION_PAGE_LATEST

    html = client.get("/wilayah/kota-pekalongan/").content.decode()

    shown = [i for i in public.filter(dimension=dimension) if f'href="{i.get_absolute_url()}"' in html]
    latest = list(public.filter(dimension=dimension).order_by("-updated_at", "-pk")[:REGION_PAGE_LATEST])
    assert shown
    assert set(shown) == set(latest)
    assert f"/inovasi/?region=kota-pekalongan&amp;dimension={dimension.code}" in html
    assert f"Semua {busiest['n']} inovasi {dimension.display_name}" in html
    assert f"{public.count()} inovasi dipublikasikan" in html
