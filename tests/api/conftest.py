"""API test fixtures: a client whose every response is checked against the published OpenAPI schema."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from .openapi import check_response


class SchemaCheckingClient(APIClient):
    def request(self, **kwargs):
        response = super().request(**kwargs)
        check_response(kwargs["REQUEST_METHOD"], kwargs["PATH_INFO"], response)
        return response


@pytest.fixture
def api() -> SchemaCheckingClient:
    return SchemaCheckingClient()


@pytest.fixture
def api_for():
    """A client acting as the given user (session-less force login, like a valid token)."""

    def make(user) -> SchemaCheckingClient:
        client = SchemaCheckingClient()
        client.force_authenticate(user=user)
        return client

    return make
