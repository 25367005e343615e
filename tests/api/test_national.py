"""With all 83,762 villages loaded: one query per village page, first or deep, filtered or not (slow)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def national(db):
    call_command("import_wilayah", "--no-progress", stdout=io.StringIO())


def test_village_pages_cost_one_query_at_any_depth_and_size(api, national):
    url, params = "/api/v1/villages/", {"page_size": 200}
    counts = []
    for page in range(1, 51):  # 10,000 villages deep
        with CaptureQueriesContext(connection) as queries:
            body = api.get(url, params).json()
        if page in (1, 50):
            counts.append(len(queries))
        url, params = body["next"], None
    assert counts == [1, 1]
    for params in ({"page_size": 1}, {"regency": "33.26", "page_size": 200}, {"q": "sari", "kind": "desa"}):
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/api/v1/villages/", params).status_code == 200
        assert len(queries) == 1, params
