"""Public pages are cached whole, answer 304 to a repeat visit, and change as soon as content changes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dimensions.models import Innovation
from kelurahan.models import Programme

pytestmark = pytest.mark.django_db

REGION = "/wilayah/kota-pekalongan/"


def test_a_repeat_visit_with_the_etag_gets_304_without_a_body(client, demo):
    first = client.get(REGION)
    assert first.status_code == 200
    assert first["ETag"]
    assert first["Last-Modified"]
    assert "must-revalidate" in first["Cache-Control"]

    again = client.get(REGION, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""


def test_a_repeat_visit_with_last_modified_gets_304(client, demo):
    first = client.get(REGION)

    assert client.get(REGION, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_a_cached_page_runs_no_query(client, demo):
    client.get(REGION)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(REGION)

    assert response.status_code == 200
    assert len(captured) == 0


def test_each_language_is_cached_apart(client, demo):
    client.get(REGION)

    english = client.get("/en" + REGION).content.decode()

    assert "Dimensions and innovations" in english


def test_a_content_change_invalidates_the_cached_page_and_its_etag(client, demo):
    first = client.get(REGION)
    innovation = Innovation.objects.get(slug="sakpore")
    innovation.name = "Sakpore Generasi Dua"
    innovation.save()

    again = client.get(REGION, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert "Sakpore Generasi Dua" in again.content.decode()
    assert again["ETag"] != first["ETag"]


def test_unpublishing_a_programme_removes_the_cached_region_page(client, demo):
    assert client.get(REGION).status_code == 200
    programme = Programme.objects.get(regency_id="33.75")
    programme.is_published = False
    programme.save()

    assert client.get(REGION).status_code == 404


def test_not_found_answers_are_not_cached(client, demo):
    assert client.get("/inovasi/belum-ada/").status_code == 404
    Innovation.objects.filter(slug="sakpore").update(slug="belum-ada")  # no signal: proves 404 was not stored

    assert client.get("/inovasi/belum-ada/").status_code == 200


def test_made_up_query_parameters_are_answered_but_not_cached(client, demo):
    from django.core.cache import cache

    from portal.cache import _page_key

    response = client.get(REGION + "?utm_source=x1")

    assert response.status_code == 200
    assert "ETag" not in response
    request = response.wsgi_request
    assert cache.get(_page_key(request)) is None


def test_while_one_request_renders_a_changed_page_the_others_get_the_previous_rendering(client, demo):
    from django.core.cache import cache

    from portal.cache import _page_key

    first = client.get(REGION)
    innovation = Innovation.objects.get(slug="sakpore")
    innovation.name = "Sakpore Generasi Dua"
    innovation.save()
    lock = _page_key(first.wsgi_request) + ":rebuilding"
    assert cache.add(lock, 1, 30)  # as if another worker were rendering the new version right now

    with CaptureQueriesContext(connection) as captured:
        meanwhile = client.get(REGION)

    assert len(captured) == 0
    assert meanwhile["ETag"] == first["ETag"]
    assert "Sakpore Generasi Dua" not in meanwhile.content.decode()

    cache.delete(lock)
    after = client.get(REGION)

    assert "Sakpore Generasi Dua" in after.content.decode()
    assert after["ETag"] != first["ETag"]
    assert cache.get(lock) is None


def test_a_change_made_by_another_process_shows_within_portal_version_seconds(client, demo, settings):
    import time

    from django.core.cache import cache

    from portal.cache import VERSION_KEY, reset_local

    settings.PORTAL_VERSION_SECONDS = 0.3
    reset_local()  # loading the demo data already remembered a version for the default time
    first = client.get(REGION)
    # Another worker saved a change: the shared version moved, this process has not been told.
    Programme.objects.filter(regency_id="33.75").update(summary="Ringkasan program yang baru")
    cache.set(VERSION_KEY, cache.get(VERSION_KEY) + 10, None)

    soon = client.get(REGION)
    time.sleep(0.35)
    later = client.get(REGION)

    assert soon["ETag"] == first["ETag"]
    assert "Ringkasan program yang baru" not in soon.content.decode()
    assert "Ringkasan program yang baru" in later.content.decode()
    assert later["ETag"] != first["ETag"]


def test_hot_pages_are_answered_from_the_process_without_a_cache_round_trip(client, demo, settings):
    from django.core.cache import cache

    client.get(REGION)
    cache.clear()  # the shared copy is gone; this process still has the page and the version

    with CaptureQueriesContext(connection) as captured:
        again = client.get(REGION)

    assert again.status_code == 200
    assert len(captured) == 0
    assert "Sakpore" in again.content.decode()
