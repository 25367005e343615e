"""The semester evaluation in a real browser: regency staff fill and submit, the evaluator asks for a revision,
staff resubmit, the evaluator accepts, the ministry publishes, and a citizen sees the scores on the region page."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from evaluations.models import Submission, SubmissionStatus
from tests.browser.conftest import assert_accessible
from tests.evaluations.conftest import build_eval_world


def test_the_full_cycle_through_the_pages(browser_page, login_as, areas):
    page = browser_page
    ev = build_eval_world(areas, questions_per_dimension=5)
    u = ev.users
    submission = ev.pekalongan

    # Regency staff: evidence first (its own small forms), then the answers, then save and submit.
    login_as(page, u["staf_pkl"])
    page.goto(f"/evaluasi/{submission.pk}/isi/")
    assert_accessible(page)
    for q in ev.questions:
        if q.evidence_required:
            page.fill(f"#ev-title-{q.pk}", "Perwal Smart City")
            page.fill(f"#ev-url-{q.pk}", "https://example.org/perwal")
            page.click(f'button[form="ev-add-{q.pk}"]')
            page.wait_for_load_state()
    for q in ev.questions:
        if q.answer_type == "yes_no":
            page.check(f'input[name="value-{q.pk}"][value="yes"]')
        else:
            page.check(f'input[name="level-{q.pk}"][value="3"]')
    page.click('button[name="then"][value="submit"]')
    page.wait_for_load_state()
    assert "Dikirim" in page.inner_text(".ev-nav")

    # Evaluator: start the review, mark question 1 for revision with a due date.
    login_as(page, u["evaluator"])
    page.goto(f"/evaluasi/{submission.pk}/")
    page.click("text=Mulai penilaian")
    page.goto(f"/evaluasi/{submission.pk}/tinjau/")
    assert_accessible(page)
    first = ev.questions[0]
    page.check(f'input[name="questions"][value="{first.pk}"]')
    page.fill("#revision-due", (timezone.localdate() + dt.timedelta(days=7)).isoformat())
    page.fill("#revision-note", "Lengkapi bukti untuk pertanyaan 1.")
    page.click("text=Kembalikan untuk direvisi")
    page.wait_for_load_state()
    assert "Diminta revisi" in page.inner_text(".ev-nav")

    # Staff: only the marked question is open; revise it and resubmit.
    login_as(page, u["staf_pkl"])
    page.goto(f"/evaluasi/{submission.pk}/isi/")
    assert page.locator(f'input[name="level-{ev.questions[2].pk}"]').count() == 0
    page.check(f'input[name="level-{first.pk}"][value="2"]')
    page.click('button[name="then"][value="submit"]')
    page.wait_for_load_state()
    assert "Dikirim ulang" in page.inner_text(".ev-nav")

    # Evaluator: review again, score every answer, accept.
    login_as(page, u["evaluator"])
    page.goto(f"/evaluasi/{submission.pk}/")
    page.click("text=Mulai penilaian")
    page.goto(f"/evaluasi/{submission.pk}/tinjau/")
    for q in ev.questions:
        page.select_option(f"#assessed-{q.pk}", "4")
    page.click("text=Simpan penilaian")
    page.wait_for_load_state()
    page.click("text=Terima pengajuan")
    page.wait_for_load_state()
    assert "Diterima" in page.inner_text(".ev-nav")

    # The ministry publishes.
    login_as(page, u["nasional"])
    page.goto(f"/evaluasi/{submission.pk}/")
    page.click("text=Publikasikan hasil")
    page.wait_for_load_state()
    assert Submission.objects.get(pk=submission.pk).status == SubmissionStatus.PUBLISHED

    # A citizen (signed out) sees the scores on the region page and in the national table.
    page.context.clear_cookies()
    page.goto(submission.regency.get_absolute_url())
    section = page.inner_text(".ev-region")
    assert "Hasil evaluasi" in section
    assert "4,00" in section
    page.goto("/hasil-evaluasi/")
    assert "Kota Pekalongan" in page.inner_text("table")
    assert_accessible(page)
