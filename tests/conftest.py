"""Shared fixtures: the real official areas of the demo regions, and named users per role."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from kelurahan.models import Regency


@pytest.fixture
def areas(db):
    """Kota Pekalongan (33.75) and Kota Pontianak (61.71) from the shipped official list."""
    call_command("import_wilayah", "--regency", "33.75", "61.71", "--no-progress", stdout=io.StringIO())
    return {code: Regency.objects.get(code=code) for code in ("33.75", "61.71")}


@pytest.fixture
def pekalongan(areas) -> Regency:
    return areas["33.75"]


@pytest.fixture
def pontianak(areas) -> Regency:
    return areas["61.71"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (with REDIS_URL set, that is Redis database 15 in CI)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
