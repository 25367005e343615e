"""Staff sessions end after inactivity; oversized requests are refused before they are read."""

from __future__ import annotations

import time

import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = User.objects.create_user(
        "staf.sesi", "sesi@example.id", "a-long-unique-passphrase-1", is_staff=True, role="national_admin"
    )
    client.force_login(user)
    return client


def test_an_active_staff_session_stays_signed_in(staff_client):
    assert staff_client.get("/admin/").status_code == 200
    assert staff_client.get("/admin/").status_code == 200
    assert "_auth_user_id" in staff_client.session


def test_after_the_idle_timeout_the_user_is_signed_out(staff_client, settings):
    staff_client.get("/admin/")
    session = staff_client.session
    session["_last_seen"] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 5
    session.save()

    response = staff_client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert "_auth_user_id" not in staff_client.session


def test_idle_timeout_is_thirty_minutes_and_cookies_end_with_the_browser(settings):
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_visitors_get_no_session(client):
    response = client.get("/")
    assert "sessionid" not in response.cookies


def test_an_oversized_request_is_refused_with_413(client, settings):
    settings.REQUEST_MAX_BYTES = 1000
    response = client.post("/admin/login/", {"username": "x", "password": "y" * 2000})
    assert response.status_code == 413
    assert "MB" in response.content.decode()


def test_a_bad_content_length_is_a_400(client):
    response = client.generic("POST", "/admin/login/", b"", CONTENT_LENGTH="abc")
    assert response.status_code == 400


def test_the_request_limit_leaves_room_for_the_largest_upload(settings):
    assert settings.REQUEST_MAX_BYTES > settings.UPLOAD_MAX_BYTES
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 2_621_440


def test_passwords_need_twelve_characters_and_are_not_common():
    """ASVS 2.1.1: at least 12 characters; 2.1.7: not a known common password."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("short1", "kotacerdas1", "password123", "1234567890123"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("kotacerdas12")  # exactly 12
    validate_password("kelurahan-pintar-2026!")
