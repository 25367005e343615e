"""The browser harness itself: Chromium reaches the live server in Indonesian, and axe-core finds real problems."""

from __future__ import annotations

from tests.browser.conftest import axe_violations
from tests.factories import UserFactory


def test_chromium_opens_the_home_page_of_the_live_server_in_indonesian(browser_page):
    response = browser_page.goto("/")

    assert response.status == 200
    assert browser_page.locator("html").get_attribute("lang") == "id"
    assert browser_page.evaluate("navigator.language") == "id-ID"


def test_axe_reports_an_image_without_text_alternative_as_critical(browser_page):
    browser_page.set_content('<!DOCTYPE html><html lang="en"><title>t</title><main><img src="x.png"></main></html>')

    assert "image-alt" in {v["id"] for v in axe_violations(browser_page)}


def test_a_user_signed_in_by_cookie_reaches_a_page_that_needs_a_login(browser_page, login_as):
    staff = UserFactory(username="alice", role="national_admin", is_superuser=True)

    login_as(browser_page, staff)
    browser_page.goto("/admin/")

    assert "/admin/login/" not in browser_page.url
    assert browser_page.locator("#user-tools").count() == 1


def test_a_phone_page_is_narrow(phone_page):
    phone_page.goto("/")

    assert phone_page.evaluate("window.innerWidth") == 390
