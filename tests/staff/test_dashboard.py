"""The staff front page shows what needs attention in the user's own region, with a constant number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dimensions.models import Innovation
from evaluations.models import EvaluationPeriod

pytestmark = pytest.mark.django_db


def test_regency_staff_see_stale_innovations_missing_books_and_the_open_period(client, world):
    own, other = world.objects["dimensions.innovation"]["own"], world.objects["dimensions.innovation"]["other"]
    long_ago = timezone.now() - dt.timedelta(days=400)
    Innovation.objects.filter(pk__in=[own.pk, other.pk]).update(updated_at=long_ago)
    period = world.objects["evaluations.evaluationperiod"]["own"]
    today = timezone.localdate()
    EvaluationPeriod.objects.exclude(pk=period.pk).update(closed_at=timezone.now())
    EvaluationPeriod.objects.filter(pk=period.pk).update(
        opens_on=today - dt.timedelta(days=5), due_on=today + dt.timedelta(days=10), closed_at=None
    )
    client.force_login(world.users["regency_staff"])
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    attention = response.context["attention"]
    assert attention["stale"] == [own]  # not Pontianak's
    assert attention["missing_count"] == 4  # the own version's four books have no file yet
    assert {book.version.masterplan.regency_id for book in attention["missing_books"]} == {"33.75"}
    assert attention["period"] == period
    assert attention["days_left"] == 10
    assert [s.regency_id for s in attention["submissions"]] == ["33.75"]
    text = response.content.decode()
    assert own.name in text
    assert other.name not in text


def test_the_dashboard_runs_a_constant_number_of_queries(client, world):
    client.force_login(world.users["regency_staff"])
    client.get(reverse("admin:index"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("admin:index"))
    own = world.objects["dimensions.innovation"]["own"]
    for number in range(8):
        Innovation.objects.create(
            name=f"Lama {number}", slug=f"lama-{number}", dimension=own.dimension, agency=own.agency
        )
    Innovation.objects.update(updated_at=timezone.now() - dt.timedelta(days=400))
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("admin:index"))
    assert len(large) == len(small)


def test_evaluators_get_no_attention_list(client, world):
    client.force_login(world.users["evaluator"])
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert response.context["attention"] is None


def test_the_stale_count_stops_at_count_up_to(client, world, monkeypatch):
    from smartcity import dashboard

    monkeypatch.setattr(dashboard, "COUNT_UP_TO", 2)
    own = world.objects["dimensions.innovation"]["own"]
    for number in range(3):
        Innovation.objects.create(
            name=f"Lama {number}", slug=f"lama-batas-{number}", dimension=own.dimension, agency=own.agency
        )
    Innovation.objects.update(updated_at=timezone.now() - dt.timedelta(days=400))
    client.force_login(world.users["regency_staff"])

    response = client.get(reverse("admin:index"))

    assert response.context["attention"]["stale_count"] == 2
    assert response.context["attention"]["stale_more"] is True
    assert "Lebih dari 2 inovasi" in response.content.decode()


def test_a_related_filter_with_more_choices_than_fit_is_left_out(client, world, monkeypatch):
    """A national user would get every agency of the country in the side bar; a regency's staff get theirs."""
    from kelurahan.models import Agency
    from smartcity.admin import ScopedRelatedFilter

    own_agencies = Agency.objects.filter(regency_id="33.75").count()
    assert Agency.objects.count() > own_agencies
    monkeypatch.setattr(ScopedRelatedFilter, "MAX_CHOICES", own_agencies)
    url = reverse("admin:dimensions_innovation_changelist")

    client.force_login(world.users["regency_staff"])
    regional = client.get(url)
    client.force_login(world.users["national_admin"])
    national = client.get(url)

    def filter_titles(response):
        return [spec.title for spec in response.context["cl"].filter_specs if spec.has_output()]

    assert "OPD pemilik" in [str(t) for t in filter_titles(regional)]
    assert "OPD pemilik" not in [str(t) for t in filter_titles(national)]
    assert [str(t) for t in filter_titles(national)] == [str(t) for t in filter_titles(regional) if t != "OPD pemilik"]
