"""Regency staff in a real browser: sign in, add an innovation with autocomplete, publish it, see it listed."""

from __future__ import annotations

import importlib
import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_data(live_server):
    from django.apps import apps as django_apps

    from dimensions.models import Dimension

    if not Dimension.objects.exists():
        importlib.import_module("dimensions.migrations.0003_catalogue").load_catalogue(django_apps, None)
    call_command("sync_role_groups", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())


def pick(page, field: str, term: str, option: str) -> None:
    """Choose from an admin autocomplete (select2) field by typing, as a person would."""
    page.locator(f".field-{field} .select2-selection").first.click()
    page.locator(".select2-search__field").last.fill(term)
    page.locator(".select2-results__option", has_text=option).first.click()


def test_regency_staff_add_an_innovation_with_autocomplete_publish_it_and_see_it_listed(
    browser_page, demo_data, log_in_with_form
):
    page = browser_page
    log_in_with_form(page, "staf.kotapekalongan", "kota-cerdas-demo")
    assert "/admin/login/" not in page.url

    page.goto("/admin/dimensions/innovation/add/")
    page.fill("#id_name", "Parkir Pintar Kauman")
    page.fill("#id_slug", "parkir-pintar-kauman")
    page.select_option("#id_dimension", label="Smart Governance")
    pick(page, "agency", "Dinkominfo", "Dinkominfo")
    pick(page, "villages", "Kauman", "Kauman")
    # A Pontianak kelurahan is never offered to Pekalongan's staff.
    page.locator(".field-villages .select2-selection").first.click()
    page.locator(".select2-search__field").last.fill("Benuamelayu")
    page.wait_for_timeout(500)
    assert page.locator(".select2-results__option", has_text="Benuamelayu").count() == 0
    page.keyboard.press("Escape")
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()

    assert page.locator(".messagelist .success").count() == 1
    # Back on the list (the page itself is checked: the live server's database connection is its own).
    page.fill("#searchbar", "Parkir Pintar")
    page.locator("#changelist-search [type=submit]").click()
    page.wait_for_url("**q=Parkir*")
    row = page.locator("#result_list tbody tr", has_text="Parkir Pintar Kauman")
    assert row.count() == 1
    assert row.locator("img[alt=False]").count() == 1  # not published yet
    assert "Dinkominfo" in row.inner_text()

    row.locator("input[name=_selected_action]").check()
    page.select_option("select[name=action]", "publish")
    page.locator("button[name=index]").click()
    page.wait_for_load_state()

    assert page.locator(".messagelist .success").count() == 1
    row = page.locator("#result_list tbody tr", has_text="Parkir Pintar Kauman")
    assert row.count() == 1
    assert row.locator("img[alt=True]").count() == 1  # published

    row.get_by_role("link", name="Parkir Pintar Kauman").click()
    assert "Kauman" in page.locator(".field-villages").inner_text()
