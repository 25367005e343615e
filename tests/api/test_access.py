"""Throttling, CORS for read-only requests, submissions per evaluator, and token revocation."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from accounts.models import Role
from accounts.services import user_set_role
from api.models import ApiToken
from api.services import api_token_create
from tests.factories import UserFactory
from tests.world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(areas) -> World:
    return build_world()


def test_anonymous_clients_are_throttled_with_a_translated_429_and_retry_after(api, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "2/minute"})
    assert api.get("/api/v1/dimensions/").status_code == 200
    assert api.get("/api/v1/dimensions/").status_code == 200
    response = api.get("/api/v1/dimensions/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["detail"].startswith("Terlalu banyak permintaan. Coba lagi dalam")
    english = api.get("/api/v1/dimensions/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["detail"].startswith("Too many requests. Try again in")


def test_signed_in_users_are_not_counted_against_the_anonymous_rate(api_for, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "1/minute"})
    client = api_for(UserFactory(role=""))
    assert [client.get("/api/v1/dimensions/").status_code for _ in range(3)] == [200, 200, 200]


@override_settings(API_CORS_ALLOW_ALL=True)
def test_with_cors_enabled_reads_may_come_from_any_origin_but_writes_may_not(api):
    response = api.get("/api/v1/dimensions/", HTTP_ORIGIN="https://dashboard.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = api.options(
        "/api/v1/innovations/",
        HTTP_ORIGIN="https://dashboard.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "Access-Control-Allow-Origin" not in preflight
    read_preflight = api.options(
        "/api/v1/innovations/",
        HTTP_ORIGIN="https://dashboard.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert read_preflight["Access-Control-Allow-Origin"] == "*"


def test_without_the_setting_there_are_no_cors_headers(api):
    assert "Access-Control-Allow-Origin" not in api.get("/api/v1/dimensions/", HTTP_ORIGIN="https://x.example.org")


def test_evaluators_read_only_the_submissions_assigned_to_them(world, api_for):
    assigned = {s["id"] for s in api_for(world.users["evaluator"]).get("/api/v1/submissions/").json()["results"]}
    own = world.objects["evaluations.submission"]["own"]
    assert own.pk in assigned
    newcomer = UserFactory(role="")
    user_set_role(user=newcomer, role=Role.EVALUATOR)
    client = api_for(newcomer)
    assert client.get("/api/v1/submissions/").json()["results"] == []
    assert client.get(f"/api/v1/submissions/{own.pk}/").status_code == 404


@pytest.mark.parametrize("role", ["agency_staff", "kelurahan_operator"])
def test_roles_without_submission_access_see_none(world, api_for, role):
    assert api_for(world.users[role]).get("/api/v1/submissions/").json()["results"] == []


def test_staff_read_their_own_drafts_in_detail_but_not_another_regions(world, api_for):
    client = api_for(world.users["regency_staff"])
    own = world.objects["dimensions.innovation"]["own"]
    other = world.objects["dimensions.innovation"]["other"]
    assert client.get(f"/api/v1/innovations/{own.pk}/").status_code == 200
    assert client.get(f"/api/v1/innovations/{other.pk}/").status_code == 404


def test_revoking_a_token_by_prefix(api):
    alice = UserFactory(username="alice", role="")
    token, key = api_token_create(user=alice, name="x")
    call_command("revoke_api_token", token.prefix, stdout=io.StringIO())
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert api.get("/api/v1/dimensions/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
