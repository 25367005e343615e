"""Official areas and programmes through the API: filters, cursor pages, errors, constant queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kelurahan.models import KelurahanPintar, Village
from tests.factories import KelurahanPintarFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

VILLAGES = "/api/v1/villages/"


def test_it_lists_provinces_and_regencies_with_published_programme_facts(api, pekalongan, pontianak):
    ProgrammeFactory(regency=pekalongan, joined_year=2018, is_published=True)
    ProgrammeFactory(regency=pontianak, joined_year=2017, is_published=False)

    provinces = api.get("/api/v1/provinces/").json()["results"]
    assert [p["code"] for p in provinces] == ["33", "61"]

    regencies = {r["code"]: r for r in api.get("/api/v1/regencies/").json()["results"]}
    assert regencies["33.75"]["programme"]["joined_year"] == 2018
    assert regencies["61.71"]["programme"] is None
    pontianak.programme.delete()
    assert api.get("/api/v1/regencies/61.71/").json()["programme"] is None

    participating = api.get("/api/v1/regencies/", {"participating": "true"}).json()["results"]
    assert [r["code"] for r in participating] == ["33.75"]


def test_it_filters_villages_by_regency_district_kind_and_name(api, pekalongan, pontianak):
    by_regency = api.get(VILLAGES, {"regency": "61.71", "page_size": 200}).json()["results"]
    assert by_regency
    assert all(v["regency"] == "61.71" for v in by_regency)

    by_district = api.get(VILLAGES, {"district": "33.75.02"}).json()["results"]
    assert by_district
    assert all(v["district"] == "33.75.02" for v in by_district)

    # Kota Pekalongan and Kota Pontianak are cities: all kelurahan, no desa.
    assert api.get(VILLAGES, {"kind": "desa"}).json()["results"] == []
    assert len(api.get(VILLAGES, {"kind": "kelurahan"}).json()["results"]) == 50

    found = api.get(VILLAGES, {"q": "KÁUMAN"}).json()["results"]
    assert [v["code"] for v in found] == ["33.75.02.1004"]


def test_it_filters_villages_in_kelurahan_pintar(api, pekalongan):
    from kelurahan.models import Programme
    from tests.factories import AgencyFactory, ProgrammeFactory

    village = Village.objects.get(code="33.75.02.1004")
    KelurahanPintarFactory(village=village, supervising_agency=AgencyFactory(regency=pekalongan), is_published=True)
    if not Programme.objects.filter(regency=pekalongan).exists():
        ProgrammeFactory(regency=pekalongan)

    # Like the portal: an enrolment counts once the region's programme is published.
    Programme.objects.filter(regency=pekalongan).update(is_published=False)
    assert api.get(VILLAGES, {"kelurahan_pintar": "true"}).json()["results"] == []
    assert api.get(f"{VILLAGES}33.75.02.1004/").json()["kelurahan_pintar"] is False
    not_enrolled = api.get(VILLAGES, {"kelurahan_pintar": "false", "regency": "33.75", "page_size": 200})
    assert "33.75.02.1004" in [v["code"] for v in not_enrolled.json()["results"]]

    Programme.objects.filter(regency=pekalongan).update(is_published=True)
    enrolled = api.get(VILLAGES, {"kelurahan_pintar": "true"}).json()["results"]
    assert [(v["code"], v["kelurahan_pintar"]) for v in enrolled] == [("33.75.02.1004", True)]
    assert api.get(f"{VILLAGES}33.75.02.1004/").json()["kelurahan_pintar"] is True
    assert not any(v["kelurahan_pintar"] for v in api.get(VILLAGES, {"kelurahan_pintar": "false"}).json()["results"])

    # An enrolment that is not published does not count either.
    KelurahanPintar.objects.filter(village=village).update(is_published=False)
    assert api.get(f"{VILLAGES}33.75.02.1004/").json()["kelurahan_pintar"] is False


def test_cursor_pages_follow_each_other_without_overlap(api, pekalongan, pontianak):
    total = Village.objects.count()
    seen: list[str] = []
    url, params = VILLAGES, {"page_size": 7}
    while url:
        page = api.get(url, params).json()
        seen += [v["code"] for v in page["results"]]
        url, params = page["next"], None
    assert len(seen) == total == len(set(seen))
    assert seen == sorted(seen)


def test_it_orders_by_whitelisted_fields_only(api, pekalongan):
    names = [v["name"] for v in api.get(VILLAGES, {"ordering": "-name"}).json()["results"]]
    assert names == sorted(names, reverse=True)

    response = api.get(VILLAGES, {"ordering": "regency__province__name"})
    assert response.status_code == 400
    assert "ordering" in response.json()["errors"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page_size": "1000"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "lots"}, "page_size"),
        ({"kind": "city"}, "kind"),
        ({"kelurahan_pintar": "maybe"}, "kelurahan_pintar"),
        ({"regencyy": "33.75"}, "regencyy"),
    ],
)
def test_bad_query_parameters_are_a_400_naming_the_parameter(api, pekalongan, params, field):
    response = api.get(VILLAGES, params)
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert body["code"] == "invalid"
    assert field in body["errors"]


def test_errors_are_in_indonesian_by_default_and_english_on_request(api, pekalongan):
    indonesian = api.get(VILLAGES, {"regencyy": "33.75"}).json()
    english = api.get(VILLAGES, {"regencyy": "33.75"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert indonesian["errors"]["regencyy"] == ["Parameter kueri tidak dikenal."]
    assert english["errors"]["regencyy"] == ["Unknown query parameter."]
    assert indonesian["detail"] == "Masukan tidak valid."
    assert english["detail"] == "Invalid input."

    big = api.get(VILLAGES, {"page_size": "5000"}).json()
    assert big["errors"]["page_size"] == ["Masukkan bilangan bulat dari 1 sampai 200."]


def test_missing_objects_and_unknown_addresses_are_json_404s(api, pekalongan):
    assert api.get(f"{VILLAGES}99.99.99.9999/").status_code == 404
    assert api.get(VILLAGES, {"cursor": "not-a-cursor"}).status_code == 404
    response = api.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_villages_list_runs_the_same_queries_at_any_page_size_and_region_size(api, pekalongan, pontianak):
    counts = []
    for params in ({"page_size": 2}, {"page_size": 200}, {"page_size": 200, "regency": "61.71"}):
        with CaptureQueriesContext(connection) as queries:
            assert api.get(VILLAGES, params).status_code == 200
        counts.append(len(queries))
    assert counts == [1, 1, 1]


def test_regencies_and_districts_run_one_query_per_page(api, pekalongan, pontianak):
    ProgrammeFactory(regency=pekalongan)
    for url in ("/api/v1/regencies/", "/api/v1/districts/", "/api/v1/provinces/"):
        for size in (1, 200):
            with CaptureQueriesContext(connection) as queries:
                assert api.get(url, {"page_size": size}).status_code == 200
            assert len(queries) == 1, url


def test_a_nul_character_is_a_json_400_and_unknown_addresses_refuse_writes_with_json(api, pekalongan):
    response = api.get(VILLAGES + "?q=%00")
    assert response.status_code == 400
    assert response.json()["status"] == 400
    response = api.delete("/api/v1/villages/not-a-code/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
