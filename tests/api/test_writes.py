"""Writes through the API follow the scoping policy exactly: every role × own / sibling / other place.

Expectations are written out by hand (as in tests/accounts/test_policy_matrix.py): 2xx where the
policy allows, 404 where the object is out of the user's view reach (another region, another
agency), 403 where the user may see it but not act (or may not act on the model at all), 401
anonymous. A refused write changes nothing.
"""

from __future__ import annotations

import pytest

from dimensions.models import Innovation
from masterplan.models import ActionItem
from tests.world import PLACES, World, build_world

pytestmark = pytest.mark.django_db

ROLES = ["national_admin", "regency_staff", "agency_staff", "kelurahan_operator", "evaluator", "anonymous"]

# role -> expected status per place (own, sibling, other)
INNOVATION_PATCH = {
    "national_admin": (200, 200, 200),
    "regency_staff": (200, 200, 404),
    "agency_staff": (200, 404, 404),
    "kelurahan_operator": (200, 404, 404),
    "evaluator": (403, 403, 403),
    "anonymous": (401, 401, 401),
}
INNOVATION_DELETE = {
    "national_admin": (204, 204, 204),
    "regency_staff": (204, 204, 404),
    "agency_staff": (204, 404, 404),
    "kelurahan_operator": (403, 403, 403),
    "evaluator": (403, 403, 403),
    "anonymous": (401, 401, 401),
}
# Action items hang off a masterplan version: only regions have them (no sibling place).
ACTION_ITEM_PATCH = {
    "national_admin": (200, None, 200),
    "regency_staff": (200, None, 404),
    "agency_staff": (403, None, 403),
    "kelurahan_operator": (403, None, 403),
    "evaluator": (403, None, 403),
    "anonymous": (401, None, 401),
}


LEGAL_BASIS_PATCH = {
    "national_admin": (200, None, 200),
    "regency_staff": (200, None, 404),
    "agency_staff": (403, None, 403),
    "kelurahan_operator": (403, None, 403),
    "evaluator": (403, None, 403),
    "anonymous": (401, None, 401),
}


@pytest.fixture
def world(areas) -> World:
    return build_world()


@pytest.fixture
def client_as(api_for, api):
    def make(world: World, role: str):
        return api if role == "anonymous" else api_for(world.users[role])

    return make


@pytest.mark.parametrize("role", ROLES)
def test_changing_an_innovation_follows_the_policy(world, client_as, role):
    client = client_as(world, role)
    for place, expected in zip(PLACES, INNOVATION_PATCH[role], strict=True):
        innovation = world.objects["dimensions.innovation"][place]
        response = client.patch(f"/api/v1/innovations/{innovation.pk}/", {"name": "Diubah"}, format="json")
        assert response.status_code == expected, (role, place, response.json())
        innovation.refresh_from_db()
        assert (innovation.name == "Diubah") == (expected == 200), (role, place)


@pytest.mark.parametrize("role", ROLES)
def test_deleting_an_innovation_follows_the_policy(world, client_as, role):
    client = client_as(world, role)
    for place, expected in zip(PLACES, INNOVATION_DELETE[role], strict=True):
        innovation = world.objects["dimensions.innovation"][place]
        response = client.delete(f"/api/v1/innovations/{innovation.pk}/")
        assert response.status_code == expected, (role, place)
        assert Innovation.objects.filter(pk=innovation.pk).exists() == (expected != 204), (role, place)


@pytest.mark.parametrize("role", ROLES)
def test_changing_an_action_item_follows_the_policy(world, client_as, role):
    client = client_as(world, role)
    for place, expected in zip(PLACES, ACTION_ITEM_PATCH[role], strict=True):
        if expected is None:
            continue
        item = world.objects["masterplan.actionitem"][place]
        response = client.patch(f"/api/v1/action-items/{item.pk}/", {"title": "Aksi baru"}, format="json")
        assert response.status_code == expected, (role, place, response.json())
        item.refresh_from_db()
        assert (item.title == "Aksi baru") == (expected == 200), (role, place)


def innovation_payload(world: World, place: str = "own", **extra) -> dict:
    return {
        "name": "Inovasi Baru",
        "kind": "quick_win",
        "dimension": "governance",
        "agency": world.objects["kelurahan.agency"][place].pk,
        "villages": [world.objects["kelurahan.village"][place].code],
        **extra,
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("national_admin", 201),
        ("regency_staff", 201),
        ("agency_staff", 201),
        ("kelurahan_operator", 403),
        ("evaluator", 403),
        ("anonymous", 401),
    ],
)
def test_adding_an_innovation_for_the_own_agency(world, client_as, role, expected):
    response = client_as(world, role).post("/api/v1/innovations/", innovation_payload(world), format="json")
    assert response.status_code == expected, response.json()
    assert Innovation.objects.filter(name="Inovasi Baru").exists() == (expected == 201)
    if expected == 201:
        body = response.json()
        assert body["regency"] == "33.75"
        assert body["villages"] == ["33.75.02.1004"]
        assert body["slug"] == "inovasi-baru"


@pytest.mark.parametrize("role", ["regency_staff", "agency_staff"])
def test_another_regions_agency_or_village_is_a_validation_error_and_nothing_is_written(world, client_as, role):
    client = client_as(world, role)
    other_agency = innovation_payload(world, place="other")
    response = client.post("/api/v1/innovations/", other_agency, format="json")
    assert response.status_code == 400
    assert "agency" in response.json()["errors"]

    other_village = innovation_payload(world, villages=["61.71.01.1002"])
    response = client.post("/api/v1/innovations/", other_village, format="json")
    assert response.status_code == 400
    assert "villages" in response.json()["errors"]
    assert not Innovation.objects.filter(name="Inovasi Baru").exists()


def test_moving_an_innovation_to_another_region_is_refused(world, client_as):
    innovation = world.objects["dimensions.innovation"]["own"]
    response = client_as(world, "regency_staff").patch(
        f"/api/v1/innovations/{innovation.pk}/",
        {"agency": world.objects["kelurahan.agency"]["other"].pk},
        format="json",
    )
    assert response.status_code == 400
    innovation.refresh_from_db()
    assert innovation.agency.regency_id == "33.75"


def test_a_national_admin_cannot_place_an_innovation_outside_its_agencys_region(world, client_as):
    payload = innovation_payload(world, villages=["61.71.01.1002"])
    response = client_as(world, "national_admin").post("/api/v1/innovations/", payload, format="json")
    assert response.status_code == 400
    assert "villages" in response.json()["errors"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"kind": "mega"}, "kind"),
        ({"dimension": "nope"}, "dimension"),
        ({"start_date": "2025-13-01"}, "start_date"),
        ({"start_date": "2025-05-01", "end_date": "2025-01-01"}, "non_field_errors"),
        ({"sub_dimension": "tourism"}, "sub_dimension"),
        ({"villages": "33.75.02.1004"}, "villages"),
        ({"agency": "x"}, "agency"),
    ],
)
def test_invalid_values_are_translated_400s_and_nothing_is_written(world, client_as, body, field):
    response = client_as(world, "regency_staff").post(
        "/api/v1/innovations/", innovation_payload(world, **body), format="json"
    )
    assert response.status_code == 400, response.json()
    assert field in response.json()["errors"], response.json()
    assert not Innovation.objects.filter(name="Inovasi Baru").exists()


def test_malformed_json_is_a_translated_400(world, client_as):
    client = client_as(world, "regency_staff")
    response = client.post("/api/v1/innovations/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Isi permintaan bukan JSON yang valid."
    response = client.post(
        "/api/v1/innovations/", "{not json", content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.json()["detail"] == "The request body is not valid JSON."


def test_a_form_body_is_a_415(world, client_as):
    response = client_as(world, "regency_staff").post("/api/v1/innovations/", {"name": "x"})
    assert response.status_code == 415


def test_a_validation_message_is_in_english_on_request(world, client_as):
    client = client_as(world, "regency_staff")
    payload = innovation_payload(world, name="")
    indonesian = client.post("/api/v1/innovations/", payload, format="json").json()
    english = client.post("/api/v1/innovations/", payload, format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["errors"]["name"] == ["This field may not be blank."]
    assert indonesian["errors"]["name"] == ["Bidang ini tidak boleh kosong."]


def test_an_action_item_year_outside_the_masterplan_period_is_refused(world, client_as):
    item = world.objects["masterplan.actionitem"]["own"]
    response = client_as(world, "regency_staff").patch(
        f"/api/v1/action-items/{item.pk}/", {"year": 2040}, format="json"
    )
    assert response.status_code == 400
    assert "2019–2028" in response.json()["errors"]["year"][0]
    item.refresh_from_db()
    assert item.year == 2020


def test_regency_staff_add_action_items_to_their_own_versions_only(world, client_as):
    client = client_as(world, "regency_staff")
    own = world.objects["masterplan.masterplanversion"]["own"]
    other = world.objects["masterplan.masterplanversion"]["other"]
    body = {"dimension": "governance", "year": 2021, "title": "Aksi API"}
    assert client.post("/api/v1/action-items/", {**body, "version": own.pk}, format="json").status_code == 201
    response = client.post("/api/v1/action-items/", {**body, "version": other.pk}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()["errors"]
    assert not ActionItem.objects.filter(version=other, title="Aksi API").exists()


@pytest.mark.parametrize("role", ROLES)
def test_changing_a_legal_basis_follows_the_policy(world, client_as, role):
    client = client_as(world, role)
    for place, expected in zip(PLACES, LEGAL_BASIS_PATCH[role], strict=True):
        if expected is None:
            continue
        basis = world.objects["kelurahan.legalbasis"][place]
        response = client.patch(f"/api/v1/legal-bases/{basis.pk}/", {"title": "Judul baru"}, format="json")
        assert response.status_code == expected, (role, place, response.json())
        basis.refresh_from_db()
        assert (basis.title == "Judul baru") == (expected == 200), (role, place)


def test_regency_staff_add_legal_bases_for_their_own_region_only_and_duplicates_are_refused(world, client_as):
    client = client_as(world, "regency_staff")
    body = {"kind": "perwal", "number": "7", "year": 2024, "title": "Perwal Smart City"}
    assert client.post("/api/v1/legal-bases/", {**body, "regency": "33.75"}, format="json").status_code == 201
    duplicate = client.post("/api/v1/legal-bases/", {**body, "regency": "33.75"}, format="json")
    assert duplicate.status_code == 400
    assert "non_field_errors" in duplicate.json()["errors"]
    other = client.post("/api/v1/legal-bases/", {**body, "regency": "61.71"}, format="json")
    assert other.status_code == 400
    assert "regency" in other.json()["errors"]
