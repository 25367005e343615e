"""A small world for the reminders: Kota Pekalongan's staff (alice in Indonesian, bob in English), its head of
Dinkominfo, an evaluator, a questionnaire over two dimensions and a draft self-assessment due on 30 November."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from accounts.models import Role, User
from dimensions.models import Dimension
from evaluations.models import Answer, EvaluationPeriod, Question, Submission
from tests.factories import (
    EvaluationPeriodFactory,
    ProgrammeFactory,
    QuestionFactory,
    QuestionnaireFactory,
    SubmissionFactory,
    UserFactory,
)

DUE = dt.date(2026, 11, 30)
REVIEW_DUE = dt.date(2026, 12, 15)


def at(day: dt.date, hour: int = 7) -> dt.datetime:
    """An aware moment on `day` in Asia/Jakarta (the beat runs at 07:00)."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


@dataclass
class World:
    period: EvaluationPeriod
    submission: Submission
    alice: User
    bob: User
    head: User
    evaluator: User
    questions: list[Question]


@pytest.fixture
def world(pekalongan) -> World:
    alice = UserFactory(username="alice", first_name="Alice", role=Role.REGENCY_STAFF, regency=pekalongan)
    bob = UserFactory(username="bob", role=Role.REGENCY_STAFF, regency=pekalongan, language="en")
    head = UserFactory(username="kadis", role=Role.REGENCY_STAFF, regency=pekalongan)
    evaluator = UserFactory(username="eva", role=Role.EVALUATOR, is_staff=True)
    ProgrammeFactory(regency=pekalongan, dinkominfo_head=head)
    questionnaire = QuestionnaireFactory()
    governance = Dimension.objects.get(code="governance")
    living = Dimension.objects.get(code="living")
    questions = [
        QuestionFactory(questionnaire=questionnaire, number=1, dimension=governance),
        QuestionFactory(questionnaire=questionnaire, number=2, dimension=governance, evidence_required=True),
        QuestionFactory(questionnaire=questionnaire, number=3, dimension=living),
        QuestionFactory(questionnaire=questionnaire, number=4, dimension=living),
        QuestionFactory(questionnaire=questionnaire, number=5, dimension=living, evidence_required=True),
    ]
    period = EvaluationPeriodFactory(
        questionnaire=questionnaire, opens_on=dt.date(2026, 11, 1), due_on=DUE, review_due_on=REVIEW_DUE
    )
    submission = SubmissionFactory(period=period, regency=pekalongan)
    submission.evaluators.add(evaluator)
    # Questions 1 and 2 are answered; 3, 4 and 5 are not.
    Answer.objects.create(submission=submission, question=questions[0], self_score=3)
    Answer.objects.create(submission=submission, question=questions[1], self_score=2)
    return World(period, submission, alice, bob, head, evaluator, questions)
