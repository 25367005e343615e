"""The public page cache: a region's draft and its review leave it alone; publishing invalidates it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluations import services
from evaluations.models import FindingKind, SubmissionStatus
from portal.cache import content_version
from tests.evaluations.conftest import EvalWorld
from tests.evaluations.flow import assess_all, walk

pytestmark = pytest.mark.django_db
S = SubmissionStatus


def test_saving_a_draft_answer_and_its_evidence_keeps_the_content_version(
    ev: EvalWorld, django_capture_on_commit_callbacks
):
    staff = ev.users["staf_pkl"]
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_save(user=staff, submission=ev.pekalongan, question=ev.questions[0], level=3)
        services.answer_save(user=staff, submission=ev.pekalongan, question=ev.questions[0], level=4)
        evidence = services.evidence_add(
            user=staff, submission=ev.pekalongan, question=ev.questions[1], title="Perwal", url="https://example.org/p"
        )
        services.evidence_remove(user=staff, evidence=evidence)
    assert content_version() == before


def test_the_review_keeps_the_content_version_and_publishing_changes_it(
    ev: EvalWorld, django_capture_on_commit_callbacks
):
    staff, evaluator, admin = ev.users["staf_pkl"], ev.users["evaluator"], ev.users["nasional"]
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        submission = walk(ev.pekalongan, staff, evaluator, admin, S.IN_REVIEW)
        finding = services.finding_add(
            user=evaluator,
            submission=submission,
            dimension=ev.questions[0].dimension,
            kind=FindingKind.STRENGTH,
            text="Regulasi ada",
        )
        services.finding_remove(user=evaluator, finding=finding)
        assess_all(submission, evaluator)
        services.accept(user=evaluator, submission=submission)
    assert content_version() == before

    with django_capture_on_commit_callbacks(execute=True):
        services.publish(user=admin, submission=submission)
    assert content_version() != before


def publish(ev: EvalWorld, which: str) -> None:
    u = ev.users
    if which == "pekalongan":
        walk(ev.pekalongan, u["staf_pkl"], u["evaluator"], u["nasional"], S.PUBLISHED)
    else:
        walk(ev.pontianak, u["staf_ptk"], u["evaluator_ptk"], u["nasional"], S.PUBLISHED)


@pytest.mark.parametrize("name", ["results:index", "results:csv"])
def test_the_results_pages_are_served_from_the_cache_until_another_submission_is_published(
    client, ev: EvalWorld, django_capture_on_commit_callbacks, name
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(ev, "pekalongan")
    first = client.get(reverse(name))
    assert first.status_code == 200
    assert "Kota Pekalongan" in first.content.decode()
    assert "Kota Pontianak" not in first.content.decode()

    with CaptureQueriesContext(connection) as captured:
        again = client.get(reverse(name))
    assert again.status_code == 200
    assert len(captured) == 0
    assert again.content == first.content

    with django_capture_on_commit_callbacks(execute=True):
        publish(ev, "pontianak")
    after = client.get(reverse(name)).content.decode()
    assert "Kota Pekalongan" in after
    assert "Kota Pontianak" in after


def test_a_published_report_is_served_from_the_cache(client, ev: EvalWorld, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish(ev, "pekalongan")
    report = reverse("results:report", args=[ev.pekalongan.regency.slug, ev.period.pk, "xlsx"])
    first = client.get(report)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as captured:
        again = client.get(report)
    assert len(captured) == 0
    assert again.content == first.content
    assert again["Content-Disposition"] == first["Content-Disposition"]


def test_the_results_table_reads_the_published_results_once(client, ev: EvalWorld, settings, monkeypatch):
    from evaluations import selectors

    settings.PORTAL_PAGE_CACHE = False
    publish(ev, "pekalongan")
    calls = []
    original = selectors.published_results
    monkeypatch.setattr(selectors, "published_results", lambda *a, **k: calls.append(a) or original(*a, **k))
    page = client.get(reverse("results:index"), {"provinsi": "33"})
    assert page.status_code == 200
    assert "Kota Pekalongan" in page.content.decode()
    assert len(calls) == 1


def test_a_filtered_results_table_is_cached_too(client, ev: EvalWorld, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish(ev, "pekalongan")
    filtered = reverse("results:index") + f"?periode={ev.pekalongan.period_id}&jenis=kota&provinsi=33"
    first = client.get(filtered)
    assert first.status_code == 200

    with CaptureQueriesContext(connection) as captured:
        again = client.get(filtered)

    assert len(captured) == 0
    assert again.content == first.content
