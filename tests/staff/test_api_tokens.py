"""API tokens in the admin: the key is shown once after creating, the digest never; revoking stops the key."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from api.models import ApiToken
from api.services import api_token_check
from tests.staff.admin_client import admin_url

pytestmark = pytest.mark.django_db

KEY = re.compile(r"sc_[0-9a-f]{8}_[A-Za-z0-9_-]{43}")


def test_the_key_is_shown_once_after_creating_and_the_digest_never(client, world):
    alice = world.users["regency_staff"]
    operator = world.users["kelurahan_operator"]
    client.force_login(alice)
    with translation.override("id"):
        response = client.post(
            admin_url(ApiToken, "add"), {"user": operator.pk, "name": "Dasbor kota", "expires_at": ""}, follow=True
        )
    assert response.status_code == 200
    token = ApiToken.objects.get(name="Dasbor kota")
    assert token.user == operator
    page = response.content.decode()
    keys = KEY.findall(page)
    assert len(keys) == 1
    assert "hanya sekali ini" in page  # the translated warning around the key
    assert token.digest not in page
    checked = api_token_check(keys[0])
    assert checked is not None
    assert checked.pk == token.pk

    for url in (admin_url(ApiToken, "changelist"), admin_url(token, "change"), admin_url(ApiToken, "changelist")):
        again = client.get(url).content.decode()
        assert KEY.findall(again) == []  # the key is not shown a second time
        assert token.digest not in again
        assert token.prefix in again or url == admin_url(ApiToken, "changelist")


def test_regency_staff_may_not_create_a_token_for_another_region(client, world):
    client.force_login(world.users["regency_staff"])
    pontianak = world.objects["api.apitoken"]["other"].user
    before = ApiToken.objects.count()
    response = client.post(admin_url(ApiToken, "add"), {"user": pontianak.pk, "name": "Curian"})
    assert response.status_code == 400
    assert "user" in response.context["adminform"].form.errors
    assert ApiToken.objects.count() == before


def test_the_revoke_action_revokes_the_selected_tokens_of_the_region_only(client, world):
    own, sibling, other = (world.objects["api.apitoken"][place] for place in ("own", "sibling", "other"))
    client.force_login(world.users["regency_staff"])
    with translation.override("id"):
        response = client.post(
            admin_url(ApiToken, "changelist"),
            {"action": "revoke", "_selected_action": [own.pk, sibling.pk, other.pk]},
            follow=True,
        )
    assert response.status_code == 200
    assert "2 token dicabut" in response.content.decode()
    for token in (own, sibling, other):
        token.refresh_from_db()
    assert own.revoked_at is not None
    assert sibling.revoked_at is not None
    assert other.revoked_at is None
