"""Real-browser tests: pytest-playwright (sync API) driving Debian's Chromium against Django's live server.

Reusable pieces for every browser test in the project:

- `browser_page`: a fresh Chromium page (locale id-ID, desktop viewport) whose relative URLs go to the live
  server; `page.goto("/wilayah/kota-pekalongan/")` just works. The database is transactional (the live server
  runs in another thread) and the data migrations' rows (the dimension catalogue) are restored for each test.
- `phone_page`: the same at a phone's width (390 × 844, touch, mobile user agent).
- `login_as(page, user)`: signs a user in by putting a real session cookie in the page's browser context.
- `log_in_with_form(page, username, password)`: signs in through the login form, as a person would.
- `axe_violations(page)`: runs axe-core (vendored in `vendor/`, MPL-2.0) on the current page and returns the
  violations of the given impacts; `assert_accessible(page)` fails with a readable list of them.

Chromium is never downloaded: the tests launch /usr/bin/chromium (apt package `chromium`; `.ci/run` installs it).
Where it is missing the tests are skipped, except under CI (CI=true), where that is an error.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API keeps an event loop running in the test thread; Django refuses ORM calls from a thread
# with a running loop unless told that it is safe, which it is here (the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SOURCE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# WCAG 2.1 A and AA rules, plus axe's best practices (landmarks, one h1, headings in order).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test (`-m "not browser"` leaves them out)."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: install Debian's chromium package (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """Relative URLs in `page.goto` go to Django's live server."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "id-ID", "viewport": DESKTOP, "timezone_id": "Asia/Jakarta"}


@pytest.fixture
def browser_page(page, live_server, django_db_serialized_rollback):
    """A desktop-sized page on the live server, with a transactional database holding the catalogue."""
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def phone_page(browser, browser_context_args, live_server, django_db_serialized_rollback):
    """A phone-sized page (390 px wide, touch) on the live server."""
    context = browser.new_context(
        **{
            **browser_context_args,
            "viewport": PHONE,
            "device_scale_factor": 1,
            "is_mobile": True,
            "has_touch": True,
            "user_agent": (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                "Chrome/126.0 Mobile Safari/537.36"
            ),
        }
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def login_as(live_server) -> Callable[[Any, Any], None]:
    """Sign `user` in for `page`: a real session, made by Django's test client, set as the browser's cookie."""
    from django.conf import settings
    from django.test import Client

    def _login(page, user) -> None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])

    return _login


@pytest.fixture
def log_in_with_form() -> Callable[[Any, str, str], None]:
    """Sign in through the login form (the admin's, the project's LOGIN_URL), as a person would."""
    from django.shortcuts import resolve_url

    def _login(page, username: str, password: str) -> None:
        from django.conf import settings

        page.goto(resolve_url(settings.LOGIN_URL))
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("[type=submit]")
        page.wait_for_load_state()

    return _login


def axe_violations(
    page, *, impacts: Iterable[str] = ("serious", "critical"), tags: Iterable[str] = AXE_TAGS
) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now and return the violations of the given impacts.

    The source is evaluated through the DevTools protocol rather than added as a <script> tag, so a Content
    Security Policy without 'unsafe-inline' does not stop it.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    results = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        list(tags),
    )
    wanted = set(impacts)
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [", ".join(map(str, node["target"])) for node in violation["nodes"]][:5],
        }
        for violation in results["violations"]
        if violation["impact"] in wanted
    ]


def assert_accessible(page, **kwargs: Any) -> None:
    """Fail with one line per violation (rule, impact, help, first elements) when axe finds any."""
    violations = axe_violations(page, **kwargs)
    lines = [f"{v['impact']}: {v['id']} — {v['help']} — {'; '.join(v['targets'])}" for v in violations]
    assert not violations, f"axe-core violations on {page.url}:\n" + "\n".join(lines)


@pytest.fixture
def axe() -> Callable[..., list[dict[str, Any]]]:
    """`axe(page)` → serious and critical violations (a fixture, for tests that prefer one to an import)."""
    return axe_violations
