"""Staff pages under /evaluasi/ and the public results under /hasil-evaluasi/."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from evaluations.models import Answer, AnswerEvidence, Finding, Submission, SubmissionStatus
from tests.evaluations.conftest import EvalWorld, build_eval_world
from tests.evaluations.flow import assess_all, walk
from tests.files import EXE, PDF, upload

pytestmark = pytest.mark.django_db
S = SubmissionStatus


def url(view: str, submission: Submission, **kwargs) -> str:
    return reverse(f"evaluations:{view}", kwargs={"pk": submission.pk, **kwargs})


def answers_post(ev: EvalWorld, level: int = 3, then: str = "save") -> dict:
    data = {"then": then}
    for q in ev.questions:
        data[f"present-{q.pk}"] = "1"
        if q.answer_type == "yes_no":
            data[f"value-{q.pk}"] = "yes"
        else:
            data[f"level-{q.pk}"] = str(level)
        data[f"explanation-{q.pk}"] = "Penjelasan"
    return data


def test_regency_staff_fill_save_and_submit_through_the_pages(client, ev: EvalWorld):
    client.force_login(ev.users["staf_pkl"])
    page = client.get(url("fill", ev.pekalongan))
    assert page.status_code == 200
    assert "Rintisan" in page.content.decode()

    response = client.post(url("fill", ev.pekalongan), answers_post(ev))
    assert response.status_code == 302
    assert Answer.objects.filter(submission=ev.pekalongan).count() == len(ev.questions)

    # Required evidence is missing: submitting is refused with the reason and a 400.
    response = client.post(url("transition", ev.pekalongan, name="submit"))
    assert response.status_code == 400
    assert "bukti dukung" in response.content.decode()

    for q in ev.questions:
        if q.evidence_required:
            response = client.post(
                url("evidence_add", ev.pekalongan, question_id=q.pk),
                {"title": "Perwal", "file": upload("perwal.pdf", PDF)},
            )
            assert response.status_code == 302
    response = client.post(url("fill", ev.pekalongan), answers_post(ev, then="submit"))
    assert response.status_code == 302
    ev.pekalongan.refresh_from_db()
    assert ev.pekalongan.status == S.SUBMITTED

    # Locked now: a tampered post changes nothing.
    response = client.post(url("fill", ev.pekalongan), answers_post(ev, level=5))
    assert response.status_code == 409
    assert not Answer.objects.filter(submission=ev.pekalongan, self_score=5, question__answer_type="scale").exists()


def test_bad_input_is_a_translated_400_and_nothing_is_half_saved(client, ev: EvalWorld):
    client.force_login(ev.users["staf_pkl"])
    data = answers_post(ev)
    data[f"level-{ev.questions[-2].pk}"] = "9"
    response = client.post(url("fill", ev.pekalongan), data)
    assert response.status_code == 400
    assert "Nilai berkisar dari 1 sampai 5" in response.content.decode()
    assert not Answer.objects.exists()

    response = client.post(
        url("evidence_add", ev.pekalongan, question_id=ev.questions[1].pk), {"title": "x", "file": upload("a.pdf", EXE)}
    )
    assert response.status_code == 400
    assert not AnswerEvidence.objects.exists()


@pytest.mark.parametrize("who", ["staf_ptk", "evaluator_ptk", "opd"])
@pytest.mark.parametrize("page", ["detail", "fill", "review", "report_pdf"])
def test_other_regions_and_unassigned_evaluators_get_404(client, ev: EvalWorld, who, page):
    client.force_login(ev.users[who])
    target = url("report", ev.pekalongan, fmt="pdf") if page == "report_pdf" else url(page, ev.pekalongan)
    assert client.get(target).status_code == 404
    assert client.post(url("transition", ev.pekalongan, name="submit")).status_code == 404


def test_anonymous_users_are_sent_to_log_in(client, ev: EvalWorld):
    response = client.get(url("detail", ev.pekalongan))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_evaluator_reviews_requests_revision_and_accepts_through_the_pages(client, ev: EvalWorld):
    u = ev.users
    walk(ev.pekalongan, u["staf_pkl"], u["evaluator"], u["nasional"], S.SUBMITTED)
    client.force_login(u["evaluator"])
    queue = client.get(reverse("evaluations:list"))
    assert "Kota Pekalongan" in queue.content.decode()
    assert "Kota Pontianak" not in queue.content.decode()

    assert client.post(url("transition", ev.pekalongan, name="start_review")).status_code == 302
    data = {}
    for q in ev.questions:
        data[f"present-{q.pk}"] = "1"
        data[f"assessed-{q.pk}"] = "4"
        data[f"comment-{q.pk}"] = "Sesuai"
    data[f"assessed-{ev.questions[0].pk}"] = "7"
    response = client.post(url("review", ev.pekalongan), data)
    assert response.status_code == 400
    assert not Answer.objects.filter(assessed_score__isnull=False).exists()
    data[f"assessed-{ev.questions[0].pk}"] = "2"
    assert client.post(url("review", ev.pekalongan), data).status_code == 302
    assert Answer.objects.get(submission=ev.pekalongan, question=ev.questions[0]).assessed_score == 2

    governance = ev.questions[0].dimension
    response = client.post(
        url("finding_add", ev.pekalongan), {"dimension": governance.pk, "kind": "recommendation", "text": "Integrasi"}
    )
    assert response.status_code == 302
    assert client.post(url("finding_add", ev.pekalongan), {"dimension": "x", "kind": "strength"}).status_code == 400
    assert Finding.objects.count() == 1

    due = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    response = client.post(
        url("transition", ev.pekalongan, name="request_revision"),
        {"questions": [ev.questions[0].pk], "due_on": due, "note": "Tambahkan bukti"},
    )
    assert response.status_code == 302
    ev.pekalongan.refresh_from_db()
    assert ev.pekalongan.status == S.REVISION_REQUESTED
    assert ev.pekalongan.revision_due_on.isoformat() == due

    # The evaluator cannot accept now (wrong status): 409, unchanged.
    assert client.post(url("transition", ev.pekalongan, name="accept")).status_code == 409


def test_only_the_national_admin_publishes(client, ev: EvalWorld):
    u = ev.users
    walk(ev.pekalongan, u["staf_pkl"], u["evaluator"], u["nasional"], S.ACCEPTED)
    client.force_login(u["evaluator"])
    assert client.post(url("transition", ev.pekalongan, name="publish")).status_code == 403
    client.force_login(u["nasional"])
    assert client.post(url("transition", ev.pekalongan, name="publish")).status_code == 302
    assert client.post(url("transition", ev.pekalongan, name="unknown")).status_code == 404
    ev.pekalongan.refresh_from_db()
    assert ev.pekalongan.status == S.PUBLISHED


def page_queries(client, target: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(target)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("page", ["review", "fill", "detail"])
def test_submission_pages_run_constant_queries_at_two_sizes(client, areas, page):
    counts = []
    for size in (2, 12):
        Submission.objects.all().delete()
        from evaluations.models import EvaluationPeriod, Questionnaire

        EvaluationPeriod.objects.all().delete()
        Questionnaire.objects.all().delete()
        from accounts.models import User

        User.objects.all().delete()
        ev = build_eval_world(areas, questions_per_dimension=size)
        u = ev.users
        status = S.IN_REVIEW if page == "review" else S.DRAFT
        walk(ev.pekalongan, u["staf_pkl"], u["evaluator"], u["nasional"], status)
        if page == "review":
            assess_all(ev.pekalongan, u["evaluator"])
        client.force_login(u["evaluator"] if page == "review" else u["staf_pkl"])
        counts.append(page_queries(client, url(page, ev.pekalongan)))
    assert counts[0] == counts[1]


def publish_both(ev: EvalWorld) -> None:
    u = ev.users
    walk(ev.pekalongan, u["staf_pkl"], u["evaluator"], u["nasional"], S.PUBLISHED)
    walk(ev.pontianak, u["staf_ptk"], u["evaluator_ptk"], u["nasional"], S.PUBLISHED)


def test_public_results_table_csv_and_reports(client, ev: EvalWorld):
    publish_both(ev)
    page = client.get(reverse("results:index"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kota Pekalongan" in html
    assert "Kota Pontianak" in html
    csv_text = client.get(reverse("results:csv")).content.decode()
    assert "Kota Pekalongan" in csv_text
    assert "4.00" in csv_text

    filtered = client.get(reverse("results:index"), {"provinsi": "61"}).content.decode()
    assert "Kota Pontianak" in filtered
    assert "Kota Pekalongan" not in filtered
    assert client.get(reverse("results:index"), {"periode": "99999"}).status_code == 404

    slug = ev.pekalongan.regency.slug
    xlsx = client.get(reverse("results:report", args=[slug, ev.period.pk, "xlsx"]))
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(xlsx.content))
    answers = book.worksheets[1]
    assert answers.max_row == len(ev.questions) + 1
    pdf = client.get(reverse("results:report", args=[slug, ev.period.pk, "pdf"]))
    assert pdf.status_code == 200
    # weasyprint is pinned and its libraries are installed here and in CI: a real PDF, not the HTML fallback.
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert client.get(reverse("results:report", args=[slug, ev.period.pk, "doc"])).status_code == 404


def test_unpublished_results_are_not_public(client, ev: EvalWorld):
    u = ev.users
    walk(ev.pekalongan, u["staf_pkl"], u["evaluator"], u["nasional"], S.ACCEPTED)
    assert "Kota Pekalongan" not in client.get(reverse("results:index")).content.decode()
    slug = ev.pekalongan.regency.slug
    assert client.get(reverse("results:report", args=[slug, ev.period.pk, "xlsx"])).status_code == 404


def test_results_table_runs_constant_queries_at_two_sizes(client, areas, settings):
    settings.PORTAL_PAGE_CACHE = False  # the uncached path
    ev = build_eval_world(areas, questions_per_dimension=2)
    publish_both(ev)
    small = page_queries(client, reverse("results:index"))
    Answer.objects.update(assessed_score=5)
    from tests.evaluations.conftest import make_questionnaire

    _questionnaire, more = make_questionnaire(10, title="Besar")
    for submission in (ev.pekalongan, ev.pontianak):
        Answer.objects.bulk_create(
            Answer(submission=submission, question=q, self_score=3, assessed_score=3) for q in more
        )
    assert page_queries(client, reverse("results:index")) == small


def test_the_region_page_partial_shows_published_scores(ev: EvalWorld):
    template = Template('{% include "kelurahan/_evaluation_results.html" %}')
    empty = template.render(Context({"regency": ev.pekalongan.regency}))
    assert "Belum ada hasil evaluasi" in empty
    publish_both(ev)
    html = template.render(Context({"regency": ev.pekalongan.regency}))
    assert "4,00" in html  # Indonesian decimal comma
    assert "<svg" in html


def test_a_finding_on_a_dimension_outside_the_questionnaire_is_a_translated_400(client, ev: EvalWorld):
    from dimensions.models import Dimension

    walk(ev.pekalongan, ev.users["staf_pkl"], ev.users["evaluator"], ev.users["nasional"], S.IN_REVIEW)
    outside = Dimension.objects.exclude(pk__in={q.dimension_id for q in ev.questions}).first()
    client.force_login(ev.users["evaluator"])
    response = client.post(
        url("finding_add", ev.pekalongan), {"dimension": outside.pk, "kind": "strength", "text": "x"}
    )
    assert response.status_code == 400
    assert "Dimensi ini bukan bagian dari kuesioner pengajuan ini." in response.content.decode()
    assert not Finding.objects.exists()


def test_in_a_closed_period_the_fill_page_offers_no_form_and_a_tampered_post_is_refused(client, ev: EvalWorld):
    from evaluations import services

    staff = ev.users["staf_pkl"]
    client.force_login(staff)
    open_page = client.get(url("fill", ev.pekalongan)).content.decode()
    assert f'name="present-{ev.questions[0].pk}"' in open_page
    assert "Simpan draf" in open_page
    submit_action = f'action="{url("transition", ev.pekalongan, name="submit")}"'
    assert submit_action in client.get(url("detail", ev.pekalongan)).content.decode()
    assert services.can_edit_answers(staff, ev.pekalongan)

    ev.period.closed_at = timezone.now()
    ev.period.save()
    ev.pekalongan.refresh_from_db()

    assert not services.can_edit_answers(staff, ev.pekalongan)
    page = client.get(url("fill", ev.pekalongan))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="present-' not in html
    assert "Simpan draf" not in html
    # No button for what the service refuses in a closed period.
    assert submit_action not in client.get(url("detail", ev.pekalongan)).content.decode()
    assert "submit" not in services.allowed_transitions(staff, ev.pekalongan)
    assert "Periode evaluasi sudah ditutup." in html

    response = client.post(url("fill", ev.pekalongan), answers_post(ev))
    assert response.status_code == 409
    assert "Periode evaluasi sudah ditutup." in response.content.decode()
    assert not Answer.objects.exists()
    with pytest.raises(services.WorkflowError):
        services.answer_save(user=staff, submission=ev.pekalongan, question=ev.questions[0], level=3)


def test_the_review_form_is_offered_exactly_when_the_service_accepts_a_review(client, ev: EvalWorld):
    from evaluations import services

    evaluator = ev.users["evaluator"]
    walk(ev.pekalongan, ev.users["staf_pkl"], evaluator, ev.users["nasional"], S.SUBMITTED)
    assert not services.can_review(evaluator, ev.pekalongan)
    client.force_login(evaluator)
    assert "Simpan penilaian" not in client.get(url("review", ev.pekalongan)).content.decode()

    services.start_review(user=evaluator, submission=ev.pekalongan)
    assert services.can_review(evaluator, ev.pekalongan)
    assert not services.can_review(ev.users["evaluator_ptk"], ev.pekalongan)  # not assigned
    assert not services.can_review(ev.users["staf_pkl"], ev.pekalongan)  # the other side
    assert "Simpan penilaian" in client.get(url("review", ev.pekalongan)).content.decode()


def test_the_submission_list_is_paginated_and_a_bad_page_is_404(client, ev: EvalWorld, monkeypatch):
    from evaluations import views

    monkeypatch.setattr(views, "SUBMISSIONS_PER_PAGE", 1)
    client.force_login(ev.users["nasional"])
    total = Submission.objects.count()
    assert total >= 2

    pages = [client.get(reverse("evaluations:list"), {"page": n}) for n in range(1, total + 1)]

    assert [p.status_code for p in pages] == [200] * total
    shown = [p.context["page_obj"].object_list[0].pk for p in pages]
    assert sorted(shown) == sorted(Submission.objects.values_list("pk", flat=True))
    assert f"Halaman 1 dari {total}" in pages[0].content.decode()
    assert client.get(reverse("evaluations:list"), {"page": total + 1}).status_code == 404
    assert client.get(reverse("evaluations:list"), {"page": "x"}).status_code == 404


def test_the_review_queue_shows_the_first_due_with_their_answer_counts_and_says_how_many_wait(
    client, ev: EvalWorld, monkeypatch
):
    from evaluations import views

    u = ev.users
    walk(ev.pekalongan, u["staf_pkl"], u["evaluator"], u["nasional"], S.SUBMITTED)
    walk(ev.pontianak, u["staf_ptk"], u["evaluator_ptk"], u["nasional"], S.SUBMITTED)
    monkeypatch.setattr(views, "QUEUE_SHOWN", 1)
    client.force_login(u["nasional"])

    response = client.get(reverse("evaluations:list"))

    queue = response.context["queue"]
    assert len(queue) == 1
    assert response.context["queue_total"] == 2
    assert queue[0].answer_count == Answer.objects.filter(submission=queue[0]).count() > 0
    assert "1 yang jatuh tempo lebih dulu dari 2" in response.content.decode()
