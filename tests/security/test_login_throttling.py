"""Brute-force protection on the sign-in form (django-axes): by user name and client address, database-backed."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt

from accounts.models import User

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "a-long-unique-passphrase-1"


@pytest.fixture
def staff():
    return User.objects.create_user("staf.uji", "staf@example.id", PASSWORD, is_staff=True)


def attempt(client, username: str, password: str, ip: str = "10.0.0.1", path: str = LOGIN, **headers):
    return client.post(path, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=ip, **headers)


def fail(client, times: int, username: str = "staf.uji", ip: str = "10.0.0.1"):
    response = None
    for _ in range(times):
        response = attempt(client, username, "wrong-password", ip)
    return response


def test_the_fifth_failure_locks_the_account_from_that_address(client, staff, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert attempt(client, "staf.uji", "wrong", "10.0.0.1").status_code == 200  # the form again, with an error
    locked = attempt(client, "staf.uji", "wrong", "10.0.0.1")
    assert locked.status_code == 429
    # Even the right password is refused while locked.
    assert attempt(client, "staf.uji", PASSWORD, "10.0.0.1").status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_translated_and_policy_clean(client, staff):
    fail(client, 5)
    page = attempt(client, "staf.uji", "wrong")
    html = page.content.decode()
    assert page.status_code == 429
    assert "Content-Security-Policy" in page
    assert "Masuk diblokir sementara" in html
    assert "15 menit" in html

    english = attempt(client, "staf.uji", "wrong", path="/en" + LOGIN)
    assert english.status_code == 429
    assert "Sign-in temporarily blocked" in english.content.decode()


def test_another_address_and_another_user_are_not_locked(client, staff):
    User.objects.create_user("staf.lain", "lain@example.id", PASSWORD, is_staff=True)
    fail(client, 5)
    assert attempt(client, "staf.uji", "wrong", "10.0.0.1").status_code == 429

    other_ip = attempt(client, "staf.uji", PASSWORD, "10.0.0.2")
    assert other_ip.status_code == 302
    client.logout()
    other_user = attempt(client, "staf.lain", PASSWORD, "10.0.0.1")
    assert other_user.status_code == 302


def test_a_success_before_the_limit_resets_the_count(client, staff):
    fail(client, 4)
    assert attempt(client, "staf.uji", PASSWORD).status_code == 302
    client.logout()
    fail(client, 4)
    assert attempt(client, "staf.uji", PASSWORD).status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, staff, settings):
    fail(client, 5)
    assert attempt(client, "staf.uji", PASSWORD).status_code == 429
    from datetime import timedelta

    from django.utils import timezone

    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    assert attempt(client, "staf.uji", PASSWORD).status_code == 302


def test_behind_the_proxy_the_forwarded_address_is_counted(client, staff, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        attempt(client, "staf.uji", "wrong", "172.18.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
    # Same proxy, another citizen: not locked.
    response = attempt(client, "staf.uji", PASSWORD, "172.18.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert response.status_code == 302


def test_api_clients_get_json(client, staff):
    fail(client, 5)
    response = attempt(client, "staf.uji", "wrong", HTTP_ACCEPT="application/json")
    assert response.status_code == 429
    assert "detail" in response.json()


def test_login_without_a_request_still_works(client, staff):
    # The test client's login() and management commands authenticate without a request.
    assert client.login(username="staf.uji", password=PASSWORD)
