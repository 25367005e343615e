"""Steps of the workflow, for tests: fill a self-assessment, review it, walk it to a status."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from evaluations import services
from evaluations.models import Answer, AnswerType, Submission, SubmissionStatus


def fill(submission: Submission, user, level: int = 3, *, evidence: bool = True) -> None:
    for question in submission.period.questionnaire.questions.order_by("number"):
        if question.answer_type == AnswerType.YES_NO:
            services.answer_save(
                user=user, submission=submission, question=question, value="yes" if level >= 3 else "no"
            )
        else:
            services.answer_save(user=user, submission=submission, question=question, level=level, explanation="Ada")
        if evidence and question.evidence_required:
            services.evidence_add(
                user=user, submission=submission, question=question, title="Perwal", url="https://example.org/perwal"
            )


def assess_all(submission: Submission, user, score: int = 4) -> None:
    for answer in Answer.objects.filter(submission=submission).select_related("question", "submission"):
        services.answer_assess(user=user, answer=answer, score=score, comment="Sesuai bukti")


def walk(submission: Submission, staff, evaluator, admin, to: str) -> Submission:
    """Bring a fresh draft to status `to` by the legal path."""
    path = {
        SubmissionStatus.DRAFT: [],
        SubmissionStatus.SUBMITTED: ["submit"],
        SubmissionStatus.IN_REVIEW: ["submit", "start_review"],
        SubmissionStatus.REVISION_REQUESTED: ["submit", "start_review", "request_revision"],
        SubmissionStatus.RESUBMITTED: ["submit", "start_review", "request_revision", "resubmit"],
        SubmissionStatus.ACCEPTED: ["submit", "start_review", "accept"],
        SubmissionStatus.PUBLISHED: ["submit", "start_review", "accept", "publish"],
    }[to]
    fill(submission, staff)
    for step in path:
        if step == "submit" or step == "resubmit":
            getattr(services, step)(user=staff, submission=submission)
        elif step == "request_revision":
            first = submission.answers.order_by("question__number").first()
            services.request_revision(
                user=evaluator,
                submission=submission,
                due_on=timezone.localdate() + dt.timedelta(days=7),
                questions=[first.question_id],
                note="Lengkapi bukti",
            )
        elif step == "accept":
            assess_all(submission, evaluator)
            services.accept(user=evaluator, submission=submission)
        elif step == "publish":
            services.publish(user=admin, submission=submission)
        else:
            getattr(services, step)(user=evaluator, submission=submission)
    submission.refresh_from_db()
    assert submission.status == to
    return submission
