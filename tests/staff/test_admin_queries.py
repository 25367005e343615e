"""The admin's changelists and change pages run a constant number of SQL queries, whatever the amount of data."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dimensions.models import Innovation, InnovationEvidence, InnovationLink
from kelurahan.models import Village
from masterplan.models import ActionItem
from masterplan.services import masterplan_version_create
from tests.staff.admin_client import admin_url
from tests.world import OTHER_VILLAGE, OWN_VILLAGE, SIBLING_VILLAGE, World, _place

pytestmark = pytest.mark.django_db

ROLES = ["national_admin", "regency_staff"]
CHANGE_PAGES = [
    "dimensions.innovation",
    "kelurahan.village",
    "kelurahan.programme",
    "masterplan.masterplan",
    "masterplan.masterplanversion",
    "evaluations.submission",
]


def grow(world: World, times: int = 6) -> None:
    """More of every programme object, in both regions (new agencies, enrolments, innovations, links, evidence)."""
    taken = {OWN_VILLAGE, SIBLING_VILLAGE, OTHER_VILLAGE}
    for regency in ("33.75", "61.71"):
        villages = Village.objects.filter(regency_id=regency).exclude(code__in=taken)[:times]
        for number, village in enumerate(villages):
            _place(regency, village.code, f"Dinas Tambahan {regency} {number}", with_region_objects=False)
    own = world.objects["dimensions.innovation"]["own"]
    own_village = world.objects["kelurahan.village"]["own"]
    extra_villages = Village.objects.filter(regency_id="33.75").exclude(code__in=taken)[:times]
    own.villages.add(*extra_villages)
    for number in range(times):
        InnovationLink.objects.create(innovation=own, title=f"Tautan {number}", url=f"https://example.org/{number}")
        InnovationEvidence.objects.create(
            innovation=own, title=f"Bukti {number}", file=f"dimensions/evidence/{number}.pdf"
        )
        placed = Innovation.objects.create(
            name=f"Inovasi tambahan {number}", slug=f"tambahan-{number}", dimension=own.dimension, agency=own.agency
        )
        placed.villages.add(own_village)
        masterplan_version_create(
            masterplan=world.objects["masterplan.masterplan"]["own"], number=10 + number, start_year=2030, end_year=2035
        )
    for place in ("own", "other"):
        version = world.objects["masterplan.masterplanversion"][place]
        for number in range(times):
            ActionItem.objects.create(
                version=version,
                dimension_id=world.objects["masterplan.actionitem"][place].dimension_id,
                year=2021,
                title=f"Aksi {number}",
            )


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def admin_pages(world: World) -> list[str]:
    urls = [admin_url(model, "changelist") for model in admin.site._registry if model._meta.app_label != "axes"]
    urls += [admin_url(world.objects[label]["own"], "change") for label in CHANGE_PAGES]
    return urls


@pytest.mark.parametrize("role", ROLES)
def test_changelists_and_change_pages_run_a_constant_number_of_queries(client, world, role):
    user = world.users[role]
    client.force_login(user)
    pages = [url for url in admin_pages(world) if client.get(url).status_code == 200]
    assert len(pages) > 10
    small = {url: count(client, url) for url in pages}
    grow(world)
    large = {url: count(client, url) for url in pages}
    assert {url: n for url, n in large.items() if n != small[url]} == {}


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
def test_admin_pages_and_village_autocomplete_stay_constant_with_the_national_area_list(client, world, role):
    """The same pages, first with the two demo regions' areas, then with all 83,762 villages loaded."""
    import io

    from django.core.management import call_command
    from django.urls import reverse

    user = world.users[role]
    client.force_login(user)
    autocomplete = (
        reverse("admin:autocomplete") + "?app_label=dimensions&model_name=innovation&field_name=villages&term=kau"
    )
    pages = [url for url in admin_pages(world) if client.get(url).status_code == 200] + [autocomplete]
    small = {url: count(client, url) for url in pages}

    call_command("import_wilayah", "--no-progress", stdout=io.StringIO())
    assert Village.objects.count() == 83_762

    large = {url: count(client, url) for url in pages}
    assert {url: n for url, n in large.items() if n != small[url]} == {}
    # Regency staff are offered only their own region's villages, even with the whole country loaded.
    results = client.get(autocomplete).json()["results"]
    if role == "regency_staff":
        assert results
        assert all(item["id"].startswith("33.75.") for item in results)
