"""Public reads of innovations, masterplans and results: published only, filters, constant queries."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from accounts.services import user_set_role
from dimensions.models import Dimension, Innovation, InnovationLink
from dimensions.selectors import public_innovations
from evaluations.models import Answer, Submission, SubmissionStatus
from evaluations.selectors import published_results
from kelurahan.models import Village
from masterplan.models import ActionItem
from masterplan.services import masterplan_version_create
from tests.factories import (
    AgencyFactory,
    EvaluationPeriodFactory,
    InnovationFactory,
    MasterplanFactory,
    QuestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

INNOVATIONS = "/api/v1/innovations/"


def _with_published_programme(regency):
    """Public API reads show a region's content once its programme is published (the portal's rule)."""
    from kelurahan.models import Programme
    from tests.factories import ProgrammeFactory

    if not Programme.objects.filter(regency=regency).exists():
        ProgrammeFactory(regency=regency)
    Programme.objects.filter(regency=regency).update(is_published=True)
    return regency


@pytest.fixture
def pekalongan(areas):
    return _with_published_programme(areas["33.75"])


@pytest.fixture
def pontianak(areas):
    return _with_published_programme(areas["61.71"])


def make_innovations(regency, count: int, **fields):
    agency = AgencyFactory(regency=regency)
    village = Village.objects.filter(regency=regency).first()
    made = []
    for _ in range(count):
        innovation = InnovationFactory(agency=agency, **fields)
        innovation.villages.add(village)
        InnovationLink.objects.create(innovation=innovation, title="Situs", url="https://example.org/")
        made.append(innovation)
    return made


def queries_for(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def test_anonymous_visitors_see_published_innovations_only(api, pekalongan):
    published = make_innovations(pekalongan, 2)
    make_innovations(pekalongan, 1, is_published=False)
    results = api.get(INNOVATIONS).json()["results"]
    assert {r["id"] for r in results} == {i.pk for i in published}
    draft = make_innovations(pekalongan, 1, is_published=False)[0]
    assert api.get(f"{INNOVATIONS}{draft.pk}/").status_code == 404


def all_pages(client, url, params) -> list[int]:
    ids = []
    while url:
        body = client.get(url, params).json()
        ids += [r["id"] for r in body["results"]]
        url, params = body["next"], None
    return ids


@pytest.mark.parametrize("ordering", ["-updated_at", "updated_at", "name", "-name", "id"])
def test_innovation_pages_list_exactly_the_portals_public_innovations_in_order(api, pekalongan, pontianak, ordering):
    from kelurahan.models import Programme

    shown = make_innovations(pekalongan, 4)
    make_innovations(pekalongan, 1, is_published=False)
    hidden = make_innovations(pontianak, 2)
    Programme.objects.filter(regency=pontianak).update(is_published=False)
    # Ties on the ordering field (same time, same name) are broken by the id, also across pages.
    Innovation.objects.update(updated_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    Innovation.objects.filter(pk__in=[shown[0].pk, shown[2].pk, hidden[0].pk]).update(name="Sama")

    field = ordering.lstrip("-")
    tiebreak = [f for f in ("-updated_at", "-id") if f.lstrip("-") != field]
    expected = list(public_innovations().order_by(ordering, *tiebreak).values_list("pk", flat=True))
    assert len(expected) == 4
    assert all_pages(api, INNOVATIONS, {"ordering": ordering, "page_size": 1}) == expected
    assert all_pages(api, INNOVATIONS, {"ordering": ordering, "page_size": 3}) == expected


def test_staff_also_see_their_own_regions_drafts_but_not_other_regions(api_for, pekalongan, pontianak):
    own_draft = make_innovations(pekalongan, 1, is_published=False)[0]
    other_draft = make_innovations(pontianak, 1, is_published=False)[0]
    alice = UserFactory(role="")
    user_set_role(user=alice, role=Role.REGENCY_STAFF, regency=pekalongan)
    ids = {r["id"] for r in api_for(alice).get(INNOVATIONS).json()["results"]}
    assert own_draft.pk in ids
    assert other_draft.pk not in ids


def test_innovation_filters(api, pekalongan, pontianak):
    pekalongan_ones = make_innovations(pekalongan, 2, start_date=dt.date(2019, 3, 1))
    pontianak_one = make_innovations(
        pontianak, 1, kind="flagship", start_date=dt.date(2022, 1, 1), end_date=dt.date(2023, 6, 30)
    )[0]
    pontianak_one.dimension = Dimension.objects.get(code="economy")
    pontianak_one.save()

    def ids(**params):
        return {r["id"] for r in api.get(INNOVATIONS, params).json()["results"]}

    assert ids(regency="33.75") == {i.pk for i in pekalongan_ones}
    assert ids(dimension="economy") == {pontianak_one.pk}
    assert ids(kind="flagship") == {pontianak_one.pk}
    assert ids(year=2023) == {pontianak_one.pk, *(i.pk for i in pekalongan_ones)}
    assert ids(year=2024) == {i.pk for i in pekalongan_ones}
    assert ids(year=2018) == set()
    village = pekalongan_ones[0].villages.first()
    assert ids(village=village.code) == {i.pk for i in pekalongan_ones}
    assert ids(q=pontianak_one.name.upper()) == {pontianak_one.pk}
    assert ids(updated_since="2999-01-01T00:00:00Z") == set()
    assert api.get(INNOVATIONS, {"year": "20x"}).status_code == 400
    assert api.get(INNOVATIONS, {"updated_since": "yesterday"}).status_code == 400


def test_innovation_list_queries_do_not_grow_with_rows_or_page_size(api, api_for, pekalongan, pontianak):
    make_innovations(pekalongan, 2)
    small = queries_for(api, INNOVATIONS, {"page_size": 1})
    make_innovations(pontianak, 25)
    assert queries_for(api, INNOVATIONS, {"page_size": 200}) == small
    alice = UserFactory(role="")
    user_set_role(user=alice, role=Role.REGENCY_STAFF, regency=pekalongan)
    staff = api_for(alice)
    assert queries_for(staff, INNOVATIONS, {"page_size": 1}) == queries_for(staff, INNOVATIONS, {"page_size": 200})


def published_masterplan(regency, *, published=True):
    masterplan = MasterplanFactory(regency=regency)
    version = masterplan_version_create(
        masterplan=masterplan,
        number=1,
        start_year=2019,
        end_year=2028,
        dimensions=list(Dimension.objects.filter(is_core=True)),
        is_published=published,
    )
    ActionItem.objects.create(version=version, dimension=Dimension.objects.get(code="governance"), year=2020, title="A")
    return masterplan, version


def test_masterplans_show_published_versions_with_their_four_books(api, pekalongan, pontianak):
    masterplan, version = published_masterplan(pekalongan)
    published_masterplan(pontianak, published=False)

    plans = api.get("/api/v1/masterplans/").json()["results"]
    assert [p["id"] for p in plans] == [masterplan.pk]
    assert [v["id"] for v in plans[0]["versions"]] == [version.pk]

    detail = api.get(f"/api/v1/masterplan-versions/{version.pk}/").json()
    assert [b["number"] for b in detail["books"]] == [1, 2, 3, 4]
    assert all(b["file"] is None for b in detail["books"])
    book = version.books.get(number=1)
    book.file = "masterplan/books/2026/buku1.pdf"
    book.save()
    detail = api.get(f"/api/v1/masterplan-versions/{version.pk}/").json()
    assert detail["books"][0]["file"] == f"http://testserver/berkas/buku/{book.pk}/"
    assert len(detail["dimensions"]) == 6

    items = api.get("/api/v1/action-items/").json()["results"]
    assert [i["regency"] for i in items] == ["33.75"]


def test_masterplan_lists_run_constant_queries(api, pekalongan, pontianak):
    published_masterplan(pekalongan)
    counts = {url: queries_for(api, url) for url in ("/api/v1/masterplans/", "/api/v1/masterplan-versions/")}
    published_masterplan(pontianak)
    for url, small in counts.items():
        assert queries_for(api, url, {"page_size": 200}) == small, url


def publish_result(regency, period, score):
    submission = Submission.objects.create(period=period, regency=regency, status=SubmissionStatus.PUBLISHED)
    question = QuestionFactory(questionnaire=period.questionnaire)
    Answer.objects.create(submission=submission, question=question, self_score=score, assessed_score=score)
    return submission


RESULTS = "/api/v1/evaluation-results/"


def test_published_results_only_ranked_and_filtered(api, pekalongan, pontianak):
    period = EvaluationPeriodFactory()
    publish_result(pekalongan, period, 3)
    publish_result(pontianak, period, 4)
    Submission.objects.create(period=EvaluationPeriodFactory(), regency=pekalongan, status=SubmissionStatus.ACCEPTED)

    body = api.get(RESULTS).json()
    assert body["next"] is None
    results = body["results"]
    assert [(r["regency"], r["rank"]) for r in results] == [("33.75", 2), ("61.71", 1)]
    assert results[1]["dimensions"] == [{"dimension": "governance", "score": 4.0}]
    # A filtered list keeps the national rank in the period.
    assert [(r["regency"], r["rank"]) for r in api.get(RESULTS, {"province": "33"}).json()["results"]] == [("33.75", 2)]
    assert api.get(RESULTS, {"period": period.pk, "regency": "61.71"}).json()["results"][0]["rank"] == 1
    assert api.get(RESULTS, {"year": 1999}).status_code == 400
    assert api.get(RESULTS, {"semester": 3}).status_code == 400
    assert api.get(RESULTS, {"page_size": 201}).status_code == 400
    assert api.get(RESULTS, {"cursor": "nonsense"}).status_code == 404


def test_results_are_paged_and_ranked_over_the_whole_period_frozen_or_not(api, pekalongan, pontianak):
    period, later = EvaluationPeriodFactory(), EvaluationPeriodFactory()
    first = publish_result(pekalongan, period, 3)
    publish_result(pontianak, period, 4)
    publish_result(pekalongan, later, 5)
    publish_result(pontianak, later, 5)
    call_command("freeze_results", stdout=io.StringIO())
    # Published after the freeze: its result is added up from the answers.
    Submission.objects.filter(pk=first.pk).update(result=None)
    expected = {(r.submission.pk, r.rank) for r in published_results()}

    seen, url, params = [], RESULTS, {"page_size": 1}
    while url:
        body = api.get(url, params).json()
        seen += [(r["submission"], r["rank"]) for r in body["results"]]
        url, params = body["next"], None
    assert len(seen) == 4
    assert set(seen) == expected
    assert [rank for _pk, rank in seen] == [2, 1, 1, 1]


def test_results_run_constant_queries(api, pekalongan, pontianak):
    period = EvaluationPeriodFactory()
    publish_result(pekalongan, period, 3)
    small = queries_for(api, RESULTS)
    publish_result(pontianak, period, 4)
    publish_result(pontianak, EvaluationPeriodFactory(), 5)
    assert queries_for(api, RESULTS, {"page_size": 200}) == small
    call_command("freeze_results", stdout=io.StringIO())
    # Frozen results skip adding up the answers.
    assert queries_for(api, RESULTS, {"page_size": 200}) == small - 1


def test_submissions_need_a_sign_in_and_follow_the_policy(api, api_for, pekalongan, pontianak):
    period = EvaluationPeriodFactory()
    own = Submission.objects.create(period=period, regency=pekalongan)
    Submission.objects.create(period=period, regency=pontianak)
    assert api.get("/api/v1/submissions/").status_code == 401

    alice = UserFactory(role="")
    user_set_role(user=alice, role=Role.REGENCY_STAFF, regency=pekalongan)
    client = api_for(alice)
    assert [s["id"] for s in client.get("/api/v1/submissions/").json()["results"]] == [own.pk]
    other = Submission.objects.get(regency=pontianak)
    assert client.get(f"/api/v1/submissions/{other.pk}/").status_code == 404
    assert client.post("/api/v1/submissions/", {}, format="json").status_code == 405


def test_detail_endpoints_run_constant_queries(api, pekalongan, pontianak):
    small = make_innovations(pekalongan, 1)[0]
    big = make_innovations(pontianak, 1)[0]
    big.villages.add(*Village.objects.filter(regency=pontianak)[:20])
    for _ in range(10):
        InnovationLink.objects.create(innovation=big, title="Berita", url="https://example.org/b")
    assert queries_for(api, f"{INNOVATIONS}{small.pk}/") == queries_for(api, f"{INNOVATIONS}{big.pk}/")

    _plan, one = published_masterplan(pekalongan)
    _plan, other = published_masterplan(pontianak)
    other.dimensions.set(Dimension.objects.all())
    assert queries_for(api, f"/api/v1/masterplan-versions/{one.pk}/") == queries_for(
        api, f"/api/v1/masterplan-versions/{other.pk}/"
    )
    assert queries_for(api, "/api/v1/villages/33.75.02.1004/") == 1


def test_a_region_whose_programme_is_not_published_shows_nothing_anonymously(api, pekalongan):
    """The API follows the portal's rule: published content of a region with a published programme."""
    from kelurahan.models import Programme

    innovation = make_innovations(pekalongan, 1)[0]
    _masterplan, version = published_masterplan(pekalongan)
    assert api.get(f"{INNOVATIONS}{innovation.pk}/").status_code == 200

    Programme.objects.filter(regency=pekalongan).update(is_published=False)

    assert api.get(INNOVATIONS).json()["results"] == []
    assert api.get(f"{INNOVATIONS}{innovation.pk}/").status_code == 404
    assert api.get("/api/v1/masterplans/").json()["results"] == []
    assert api.get(f"/api/v1/masterplan-versions/{version.pk}/").status_code == 404
    assert api.get("/api/v1/action-items/").json()["results"] == []
