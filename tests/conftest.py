"""Shared fixtures: the real official areas of the demo regions, and named users per role."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from kelurahan.models import Regency

TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_serialized_rollback"}


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("serialized_rollback")):
        return True
    return bool(TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


def restore_rows_made_by_migrations() -> None:
    """Put back what the migrations wrote: content types, permissions, the dimension catalogue, the role groups.

    A transactional test (live server, real Celery worker) ends with a flush of every table, which removes them;
    later tests, and the next transactional test's serialized rollback, expect them. Idempotent.
    """
    import importlib

    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes
    from django.db import connections

    from accounts.services import role_groups_sync
    from dimensions.models import Dimension

    # Where the suite serialized the freshly migrated database (any test asks for a serialized rollback), put
    # back exactly those rows, with their primary keys; the next serialized rollback then finds them in place.
    for connection in connections.all(initialized_only=True):
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents and not Dimension.objects.using(connection.alias).exists():
            connection.creation.deserialize_db_from_string(contents)
    for config in apps.get_app_configs():
        create_contenttypes(config, verbosity=0)
        create_permissions(config, verbosity=0)
    if not Dimension.objects.exists():
        importlib.import_module("dimensions.migrations.0003_catalogue").load_catalogue(apps, None)
    role_groups_sync()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After a transactional test's fixtures are torn down (tables flushed), restore the migrations' rows."""
    yield
    # After the last test the session fixtures have destroyed the test database: nothing to restore.
    if nextitem is not None and _is_transactional(item):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            restore_rows_made_by_migrations()


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

    from portal.cache import reset_local

    cache.clear()
    reset_local()
    yield
    cache.clear()
    reset_local()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (Indonesian), whatever an earlier request activated."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
