"""Semester evaluations: questionnaires, periods, submissions and the reminder log."""

from .periods import EvaluationPeriod, Semester
from .questionnaires import AnswerType, Component, Question, Questionnaire, ScaleLevel
from .reminders import Reminder, ReminderRule, ReminderStatus, SkipReason
from .submissions import (
    Answer,
    AnswerEvidence,
    Finding,
    FindingKind,
    Submission,
    SubmissionStatus,
    SubmissionTransition,
)

__all__ = [
    "Answer",
    "AnswerEvidence",
    "AnswerType",
    "Component",
    "EvaluationPeriod",
    "Finding",
    "FindingKind",
    "Question",
    "Questionnaire",
    "Reminder",
    "ReminderRule",
    "ReminderStatus",
    "ScaleLevel",
    "Semester",
    "SkipReason",
    "Submission",
    "SubmissionStatus",
    "SubmissionTransition",
]
