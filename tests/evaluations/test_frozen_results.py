"""Published scores are frozen in `Submission.result`: results read them instead of adding up every answer."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluations import selectors
from evaluations.models import Answer, EvaluationPeriod, Submission
from tests.evaluations.test_queries import published_world

pytestmark = pytest.mark.django_db


def _table() -> list[tuple]:
    return [
        (r.submission.pk, r.rank, r.overall, r.self_overall, r.dimensions, r.self_dimensions)
        for r in selectors.published_results()
    ]


def test_freezing_keeps_every_score_and_rank_and_is_idempotent(areas):
    published_world(areas, periods=2, per_dimension=3)
    added_up = _table()

    out = io.StringIO()
    call_command("freeze_results", stdout=out)
    assert Submission.objects.filter(result__isnull=True).count() == 0
    assert _table() == added_up
    assert "4" in out.getvalue()

    again = io.StringIO()
    call_command("freeze_results", stdout=again)
    assert "0" in again.getvalue()


def test_a_frozen_result_does_not_move_when_answers_change_later(areas):
    subs = published_world(areas, periods=1, per_dimension=2)
    call_command("freeze_results", stdout=io.StringIO())
    before = _table()

    Answer.objects.filter(submission=subs[0]).update(assessed_score=5)

    assert _table() == before
    # Adding up again (what publishing does) would see the change.
    (recomputed,) = selectors.computed_results([Submission.objects.select_related("period").get(pk=subs[0].pk)])
    assert recomputed.overall == 5


def test_frozen_results_are_read_in_one_query_at_any_size(areas):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            selectors.published_results()
        return len(captured)

    published_world(areas, periods=1, per_dimension=2)
    call_command("freeze_results", stdout=io.StringIO())
    small = count()
    Submission.objects.all().delete()
    EvaluationPeriod.objects.all().delete()
    published_world(areas, periods=4, per_dimension=10)
    call_command("freeze_results", stdout=io.StringIO())

    assert count() == small == 1
