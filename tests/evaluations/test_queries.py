"""Selectors run a fixed number of queries whatever the size (asserted at two sizes)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluations import selectors, services
from evaluations.models import Answer, AnswerEvidence, EvaluationPeriod, Submission, SubmissionStatus
from tests.evaluations.conftest import build_eval_world, make_questionnaire

pytestmark = pytest.mark.django_db


def published_world(areas, periods: int, per_dimension: int) -> list[Submission]:
    questionnaire, questions = make_questionnaire(
        per_dimension, ("governance", "economy", "living"), title=f"Q{periods}"
    )
    submissions = []
    for n in range(periods):
        period = EvaluationPeriod.objects.create(
            year=2020 + n,
            semester=1,
            stage=1,
            opens_on=dt.date(2020 + n, 6, 1),
            due_on=dt.date(2020 + n, 6, 30),
            review_due_on=dt.date(2020 + n, 7, 15),
            questionnaire=questionnaire,
        )
        for code in ("33.75", "61.71"):
            submission = Submission.objects.create(
                period=period, regency=areas[code], status=SubmissionStatus.PUBLISHED
            )
            answers = Answer.objects.bulk_create(
                Answer(submission=submission, question=q, self_score=(q.number % 5) + 1, assessed_score=3)
                for q in questions
            )
            AnswerEvidence.objects.bulk_create(
                AnswerEvidence(answer=a, title="Bukti", url="https://example.org/b") for a in answers
            )
            submissions.append(submission)
    return submissions


def count(fn) -> int:
    with CaptureQueriesContext(connection) as context:
        fn()
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "call",
    [
        lambda subs: selectors.published_results(),
        lambda subs: selectors.published_results(subs[0].period, kind="kota"),
        lambda subs: selectors.region_results(subs[0].regency),
        lambda subs: selectors.result_dimensions(selectors.published_results()),
        lambda subs: selectors.submission_scores(Submission.objects.select_related("period").get(pk=subs[-1].pk)),
        lambda subs: selectors.answers_with_evidence(Submission.objects.select_related("period").get(pk=subs[-1].pk)),
    ],
    ids=["published_results", "published_results_filtered", "region_results", "dimensions", "scores", "sheet"],
)
def test_constant_queries_at_two_sizes(areas, call):
    small = published_world(areas, periods=1, per_dimension=2)
    small_count = count(lambda: call(small))
    Submission.objects.all().delete()
    EvaluationPeriod.objects.all().delete()
    large = published_world(areas, periods=4, per_dimension=10)
    assert count(lambda: call(large)) == small_count
    assert small_count <= 4


def test_results_rank_regions_and_show_change_against_the_previous_semester(areas):
    subs = published_world(areas, periods=2, per_dimension=2)
    Answer.objects.filter(submission__regency__code="61.71", submission__period__year=2021).update(assessed_score=4)
    latest = [r for r in selectors.published_results() if r.period.year == 2021]
    assert [(r.regency.code, r.rank, r.overall) for r in latest] == [("61.71", 1, 4), ("33.75", 2, 3)]
    history = selectors.region_results(areas["61.71"])
    assert [r.period.year for r in history] == [2021, 2020]
    assert history[0].change == 1
    assert subs


def captured(fn) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        fn()
    return [q["sql"] for q in context.captured_queries]


def answer_entries(questions, level: int) -> list[dict]:
    return [
        {"question": q, "value": "yes"} if q.answer_type == "yes_no" else {"question": q, "level": level}
        for q in questions
    ]


def test_saving_answers_and_assessments_runs_the_same_queries_for_3_and_for_30(areas):
    ev = build_eval_world(areas, questions_per_dimension=15)
    assert len(ev.questions) == 30
    small = (ev.pekalongan, ev.users["staf_pkl"], ev.users["evaluator"], ev.questions[:3])
    large = (ev.pontianak, ev.users["staf_ptk"], ev.users["evaluator_ptk"], ev.questions)

    def save(world, level):
        submission, staff, _evaluator, questions = world
        return captured(
            lambda: services.answers_save(user=staff, submission=submission, entries=answer_entries(questions, level))
        )

    created = [save(small, 2), save(large, 2)]
    assert len(created[0]) == len(created[1])
    assert sum(sql.startswith('INSERT INTO "evaluations_answer"') for sql in created[1]) == 1
    updated = [save(small, 4), save(large, 4)]
    assert len(updated[0]) == len(updated[1])
    assert sum(sql.startswith('UPDATE "evaluations_answer"') for sql in updated[1]) == 1
    assert not any(sql.startswith('INSERT INTO "evaluations_answer"') for sql in updated[1])
    assert set(Answer.objects.filter(question__answer_type="scale").values_list("self_score", flat=True)) == {4}
    assert Answer.objects.filter(submission=ev.pontianak).count() == 30

    Submission.objects.update(status=SubmissionStatus.IN_REVIEW)

    def assess(world):
        submission, _staff, evaluator, _questions = world
        answers = list(Answer.objects.filter(submission=submission).select_related("question", "submission"))
        entries = [
            {"answer": a, "score": 5 if a.question.answer_type == "scale" else None, "comment": "Sesuai"}
            for a in answers
        ]
        return captured(lambda: services.assessments_save(user=evaluator, submission=submission, entries=entries))

    assessed = [assess(small), assess(large)]
    assert len(assessed[0]) == len(assessed[1])
    assert sum(sql.startswith('UPDATE "evaluations_answer"') for sql in assessed[1]) == 1
    assert set(Answer.objects.filter(question__answer_type="scale").values_list("assessed_score", flat=True)) == {5}
    assert set(Answer.objects.values_list("evaluator_comment", flat=True)) == {"Sesuai"}


def test_a_refused_answer_in_a_batch_writes_none_of_them(areas):
    ev = build_eval_world(areas, questions_per_dimension=2)
    entries = answer_entries(ev.questions, 3)
    _questionnaire, others = make_questionnaire(1, ("living",), title="Lain")
    entries.append({"question": others[0], "level": 3})
    with pytest.raises(services.BadInput):
        services.answers_save(user=ev.users["staf_pkl"], submission=ev.pekalongan, entries=entries)
    assert not Answer.objects.exists()
