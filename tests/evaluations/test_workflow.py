"""The workflow service: every transition for every role, illegal transitions, locks on answers, signals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone, translation

from evaluations import selectors, services, signals
from evaluations.models import (
    Answer,
    AnswerType,
    EvaluationPeriod,
    Finding,
    FindingKind,
    Submission,
    SubmissionStatus,
    SubmissionTransition,
)
from tests.evaluations.conftest import EvalWorld
from tests.evaluations.flow import assess_all, fill, walk

pytestmark = pytest.mark.django_db
S = SubmissionStatus

# The status each transition starts from.
SOURCE = {
    "submit": S.DRAFT,
    "start_review": S.SUBMITTED,
    "request_revision": S.IN_REVIEW,
    "resubmit": S.REVISION_REQUESTED,
    "accept": S.IN_REVIEW,
    "publish": S.ACCEPTED,
}
# user -> transition -> "ok" | 403 | 404, for Kota Pekalongan's submission (assigned to "evaluator").
MATRIX = {
    "staf_pkl": {
        "submit": "ok",
        "start_review": 403,
        "request_revision": 403,
        "resubmit": "ok",
        "accept": 403,
        "publish": 403,
    },
    "staf_ptk": dict.fromkeys(SOURCE, 404),
    "opd": dict.fromkeys(SOURCE, 404),
    "evaluator": {
        "submit": 403,
        "start_review": "ok",
        "request_revision": "ok",
        "resubmit": 403,
        "accept": "ok",
        "publish": 403,
    },
    "evaluator_ptk": dict.fromkeys(SOURCE, 404),
    "nasional": {
        "submit": 403,
        "start_review": "ok",
        "request_revision": "ok",
        "resubmit": 403,
        "accept": "ok",
        "publish": "ok",
    },
}


def kwargs_for(name: str, submission: Submission) -> dict:
    if name == "request_revision":
        return {
            "due_on": timezone.localdate() + dt.timedelta(days=5),
            "questions": [submission.answers.order_by("question__number").first().question_id],
            "note": "Perbaiki bukti",
        }
    return {}


@pytest.mark.parametrize("name", list(SOURCE))
@pytest.mark.parametrize("who", list(MATRIX))
def test_who_may_make_each_transition(ev: EvalWorld, who, name):
    u = ev.users
    submission = walk(ev.pekalongan, u["staf_pkl"], u["evaluator"], u["nasional"], SOURCE[name])
    if name == "accept":
        assess_all(submission, u["evaluator"])
    before = SubmissionTransition.objects.count()
    expected = MATRIX[who][name]
    call = lambda: services.transition(name, user=u[who], submission=submission, **kwargs_for(name, submission))  # noqa: E731
    if expected == "ok":
        call()
        submission.refresh_from_db()
        assert submission.status == services.TRANSITIONS[name].target
        last = SubmissionTransition.objects.latest("pk")
        assert (last.from_status, last.to_status, last.actor) == (SOURCE[name], submission.status, u[who])
    else:
        with pytest.raises(Http404 if expected == 404 else PermissionDenied):
            call()
        submission.refresh_from_db()
        assert submission.status == SOURCE[name]
        assert SubmissionTransition.objects.count() == before


ILLEGAL = [
    (status, name) for status in S.values for name, spec in services.TRANSITIONS.items() if status not in spec.sources
]


@pytest.mark.parametrize(("status", "name"), ILLEGAL)
def test_every_illegal_transition_is_refused_with_a_translated_409_and_changes_nothing(ev: EvalWorld, status, name):
    u = ev.users
    submission = walk(ev.pekalongan, u["staf_pkl"], u["evaluator"], u["nasional"], status)
    actor = {"region": u["staf_pkl"], "review": u["evaluator"], "publishing": u["nasional"]}[
        services.TRANSITIONS[name].side
    ]
    before = SubmissionTransition.objects.count()
    with translation.override("id"), pytest.raises(services.WorkflowError) as error:
        services.transition(name, user=actor, submission=submission, **kwargs_for(name, submission))
    assert error.value.status == 409
    assert "tidak dapat" in error.value.messages[0]
    submission.refresh_from_db()
    assert submission.status == status
    assert SubmissionTransition.objects.count() == before


def test_the_full_cycle_for_two_regions_with_a_revision_round_and_findings_carried_into_the_next_period(ev: EvalWorld):
    u = ev.users
    for submission, staff, evaluator in (
        (ev.pekalongan, u["staf_pkl"], u["evaluator"]),
        (ev.pontianak, u["staf_ptk"], u["evaluator_ptk"]),
    ):
        fill(submission, staff, level=3)
        services.submit(user=staff, submission=submission)
        services.start_review(user=evaluator, submission=submission)
        first = ev.questions[0]
        services.request_revision(
            user=evaluator,
            submission=submission,
            due_on=timezone.localdate() + dt.timedelta(days=7),
            questions=[first.pk],
            note="Nilai pertanyaan 1 terlalu tinggi tanpa bukti",
        )
        # Only the marked question may change now.
        services.answer_save(user=staff, submission=submission, question=first, level=2, explanation="Direvisi")
        with pytest.raises(services.WorkflowError):
            services.answer_save(user=staff, submission=submission, question=ev.questions[2], level=5)
        services.resubmit(user=staff, submission=submission)
        assert not submission.answers.filter(needs_revision=True).exists()
        services.start_review(user=evaluator, submission=submission)
        assess_all(submission, evaluator, score=3)
        governance = first.dimension
        services.finding_add(
            user=evaluator, submission=submission, dimension=governance, kind=FindingKind.STRENGTH, text="Regulasi ada"
        )
        services.finding_add(
            user=evaluator,
            submission=submission,
            dimension=governance,
            kind=FindingKind.RECOMMENDATION,
            text="Integrasikan data antar-OPD",
        )
        services.accept(user=evaluator, submission=submission)
        services.publish(user=u["nasional"], submission=submission)
        submission.refresh_from_db()
        assert submission.status == S.PUBLISHED
        assert list(submission.transitions.values_list("to_status", flat=True)) == [
            S.SUBMITTED,
            S.IN_REVIEW,
            S.REVISION_REQUESTED,
            S.RESUBMITTED,
            S.IN_REVIEW,
            S.ACCEPTED,
            S.PUBLISHED,
        ]

    results = selectors.published_results(ev.period)
    assert {r.regency.code for r in results} == {"33.75", "61.71"}
    assert all(r.overall == 3 for r in results)  # every assessed score is 3
    assert [r.rank for r in results] == [1, 1]
    # Publishing froze the scores: what the public reads is what was published.
    for result in results:
        assert result.submission.result["overall"] == "3.00"
        assert set(result.submission.result["dimensions"]) == {str(pk) for pk in result.dimensions}

    # Next semester: the recommendation is the follow-up checklist of Kota Pekalongan's new submission.
    later = EvaluationPeriod.objects.create(
        year=ev.period.year + 1,
        semester=1,
        stage=1,
        opens_on=timezone.localdate(),
        due_on=timezone.localdate() + dt.timedelta(days=30),
        review_due_on=timezone.localdate() + dt.timedelta(days=40),
        questionnaire=ev.questionnaire,
    )
    following = Submission.objects.create(period=later, regency=ev.pekalongan.regency)
    carried = selectors.carried_recommendations(following)
    assert [f.text for f in carried] == ["Integrasikan data antar-OPD"]


def test_the_region_cannot_submit_an_incomplete_self_assessment(ev: EvalWorld):
    staff = ev.users["staf_pkl"]
    fill(ev.pekalongan, staff, evidence=False)
    with translation.override("id"), pytest.raises(services.WorkflowError) as error:
        services.submit(user=staff, submission=ev.pekalongan)
    assert error.value.status == 400
    assert "bukti" in error.value.messages[0]
    Answer.objects.filter(submission=ev.pekalongan, question=ev.questions[0]).delete()
    with pytest.raises(services.WorkflowError, match="1 dari"):
        services.submit(user=staff, submission=ev.pekalongan)
    ev.pekalongan.refresh_from_db()
    assert ev.pekalongan.status == S.DRAFT


def test_answers_are_locked_after_submit_and_double_submit_is_refused(ev: EvalWorld):
    staff = ev.users["staf_pkl"]
    fill(ev.pekalongan, staff)
    services.submit(user=staff, submission=ev.pekalongan)
    with pytest.raises(services.WorkflowError):
        services.submit(user=staff, submission=Submission.objects.get(pk=ev.pekalongan.pk))
    with pytest.raises(services.WorkflowError):
        services.answer_save(user=staff, submission=ev.pekalongan, question=ev.questions[0], level=5)
    assert Answer.objects.get(submission=ev.pekalongan, question=ev.questions[0]).self_score == 3
    assert ev.pekalongan.transitions.count() == 1


@pytest.mark.parametrize("level", [0, 6, "tiga", -1])
def test_scores_outside_the_scale_are_refused(ev: EvalWorld, level):
    with translation.override("id"), pytest.raises(services.BadInput, match="1 sampai 5"):
        services.answer_save(user=ev.users["staf_pkl"], submission=ev.pekalongan, question=ev.questions[0], level=level)
    assert not Answer.objects.exists()


def test_assessed_scores_only_in_review_by_the_assigned_evaluator_and_within_the_scale(ev: EvalWorld):
    u = ev.users
    submission = walk(ev.pekalongan, u["staf_pkl"], u["evaluator"], u["nasional"], S.SUBMITTED)
    answer = submission.answers.select_related("question", "submission").first()
    with pytest.raises(services.WorkflowError):  # not in review yet
        services.answer_assess(user=u["evaluator"], answer=answer, score=4)
    services.start_review(user=u["evaluator"], submission=submission)
    answer = submission.answers.select_related("question", "submission").first()
    with pytest.raises(Http404):
        services.answer_assess(user=u["evaluator_ptk"], answer=answer, score=4)
    with pytest.raises(PermissionDenied):
        services.answer_assess(user=u["staf_pkl"], answer=answer, score=4)
    with pytest.raises(services.BadInput):
        services.answer_assess(user=u["evaluator"], answer=answer, score=9)
    services.answer_assess(user=u["evaluator"], answer=answer, score=4, comment="Bukti lengkap")
    answer.refresh_from_db()
    assert (answer.assessed_score, answer.evaluator_comment) == (4, "Bukti lengkap")


def test_accept_needs_every_scored_question_assessed(ev: EvalWorld):
    u = ev.users
    submission = walk(ev.pekalongan, u["staf_pkl"], u["evaluator"], u["nasional"], S.IN_REVIEW)
    with pytest.raises(services.WorkflowError, match="nilai evaluator"):
        services.accept(user=u["evaluator"], submission=submission)


def test_revision_needs_a_note_a_future_due_date_and_questions(ev: EvalWorld):
    u = ev.users
    submission = walk(ev.pekalongan, u["staf_pkl"], u["evaluator"], u["nasional"], S.IN_REVIEW)
    q = ev.questions[0].pk
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for kwargs in (
        {"due_on": tomorrow, "questions": [q], "note": " "},
        {"due_on": timezone.localdate() - dt.timedelta(days=1), "questions": [q], "note": "x"},
        {"due_on": tomorrow, "questions": [], "note": "x"},
        {"due_on": tomorrow, "questions": [999999], "note": "x"},
    ):
        with pytest.raises(services.BadInput):
            services.request_revision(user=u["evaluator"], submission=submission, **kwargs)
    submission.refresh_from_db()
    assert submission.status == S.IN_REVIEW


def test_signals_are_sent_after_commit_with_submission_and_actor(ev: EvalWorld, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, submission, actor, **kwargs):
        received.append((sender, submission.pk, submission.status, actor.username))

    signals.submission_submitted.connect(receiver)
    try:
        fill(ev.pekalongan, ev.users["staf_pkl"])
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.submit(user=ev.users["staf_pkl"], submission=ev.pekalongan)
        assert received == []  # not before the commit
        for callback in callbacks:
            callback()
        assert received == [(Submission, ev.pekalongan.pk, S.SUBMITTED, "staf_pkl")]
    finally:
        signals.submission_submitted.disconnect(receiver)


def test_evidence_files_are_checked_and_only_the_region_adds_them(ev: EvalWorld):
    from tests.files import EXE, PDF, upload

    staff = ev.users["staf_pkl"]
    question = ev.questions[1]
    with pytest.raises(services.BadInput):
        services.evidence_add(
            user=staff, submission=ev.pekalongan, question=question, title="x", file=upload("a.pdf", EXE)
        )
    with pytest.raises(services.BadInput):
        services.evidence_add(
            user=staff, submission=ev.pekalongan, question=question, title="x", url="javascript:alert(1)"
        )
    with pytest.raises(Http404):
        services.evidence_add(
            user=ev.users["staf_ptk"], submission=ev.pekalongan, question=question, title="x", url="https://a.id"
        )
    evidence = services.evidence_add(
        user=staff, submission=ev.pekalongan, question=question, title="Laporan", file=upload("laporan.pdf", PDF)
    )
    assert evidence.file.name.startswith("evaluations/evidence/")
    assert evidence.file.name.endswith(".pdf")
    assert Finding.objects.count() == 0


def test_types_yes_no_map_to_the_scale(ev: EvalWorld):
    yes_no = next(q for q in ev.questions if q.answer_type == AnswerType.YES_NO)
    answer = services.answer_save(user=ev.users["staf_pkl"], submission=ev.pekalongan, question=yes_no, value="yes")
    assert answer.self_score == 5
    with pytest.raises(services.BadInput):
        services.answer_save(user=ev.users["staf_pkl"], submission=ev.pekalongan, question=yes_no, value="maybe")


def in_review(ev: EvalWorld) -> Submission:
    return walk(ev.pekalongan, ev.users["staf_pkl"], ev.users["evaluator"], ev.users["nasional"], S.IN_REVIEW)


def test_a_finding_on_a_dimension_outside_the_questionnaire_is_refused(ev: EvalWorld):
    from dimensions.models import Dimension

    submission = in_review(ev)
    outside = Dimension.objects.exclude(pk__in={q.dimension_id for q in ev.questions}).first()
    with translation.override("id"), pytest.raises(services.BadInput) as refused:
        services.finding_add(
            user=ev.users["evaluator"], submission=submission, dimension=outside, kind=FindingKind.STRENGTH, text="x"
        )
    assert refused.value.status == 400
    assert refused.value.messages == ["Dimensi ini bukan bagian dari kuesioner pengajuan ini."]
    assert not Finding.objects.exists()
    inside = ev.questions[0].dimension
    services.finding_add(
        user=ev.users["evaluator"], submission=submission, dimension=inside, kind=FindingKind.STRENGTH, text="x"
    )
    assert Finding.objects.filter(dimension=inside).count() == 1
