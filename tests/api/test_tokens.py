"""API tokens: hashed at rest, shown once, refused when wrong, expired, revoked or of an inactive user."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from api.models import ApiToken
from api.services import api_token_create, api_token_revoke
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_command_prints_a_key_and_stores_only_its_digest():
    alice = UserFactory(username="alice", role="")
    out = io.StringIO()
    call_command("create_api_token", "alice", "--name", "dashboard", stdout=out)
    key = out.getvalue().strip()
    token = ApiToken.objects.get(user=alice)
    assert key.startswith(f"sc_{token.prefix}_")
    assert key.split("_", 2)[2] not in token.digest
    assert token.expires_at is not None


@pytest.mark.parametrize(
    "header",
    ["Bearer sc_nope_nope", "Bearer", "Bearer a b", "Bearer sc_x", "Bearer \u00e9t\u00e9"],
)
def test_a_bad_token_is_a_401_even_for_public_reads(api, header):
    response = api.get("/api/v1/provinces/", HTTP_AUTHORIZATION=header.encode("utf-8").decode("latin-1"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["code"] == "authentication_failed"


def test_expired_revoked_and_inactive_tokens_are_refused(api):
    alice = UserFactory(username="alice", role="")
    _expired, expired_key = api_token_create(user=alice, name="old", expires_at=timezone.now() - dt.timedelta(days=1))
    revoked, revoked_key = api_token_create(user=alice, name="revoked")
    api_token_revoke(token=revoked)
    good, good_key = api_token_create(user=alice, name="good")

    assert api.get("/api/v1/provinces/", **bearer(expired_key)).status_code == 401
    assert api.get("/api/v1/provinces/", **bearer(revoked_key)).status_code == 401
    assert api.get("/api/v1/provinces/", **bearer(good_key)).status_code == 200
    good.refresh_from_db()
    assert good.last_used_at is not None

    alice.is_active = False
    alice.save()
    assert api.get("/api/v1/provinces/", **bearer(good_key)).status_code == 401


def test_a_wrong_secret_with_a_real_prefix_is_refused(api):
    token, _key = api_token_create(user=UserFactory(role=""), name="x")
    assert api.get("/api/v1/provinces/", **bearer(f"sc_{token.prefix}_{'A' * 43}")).status_code == 401
