"""The OpenAPI schema and its documentation pages, served from our own static files."""

from __future__ import annotations

import pytest

from tests.api.openapi import schema

pytestmark = pytest.mark.django_db


def test_the_schema_is_served_and_documents_every_error_response(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")
    for path, operations in schema()["paths"].items():
        for method, operation in operations.items():
            documented = set(operation["responses"])
            assert {"400", "401", "403", "404", "429"} <= documented, (method, path)


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_the_docs_pages_load_their_scripts_from_our_own_static_files(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn" not in html.lower()
    assert "googleapis" not in html
    assert "<script>" not in html
    assert "<style" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
