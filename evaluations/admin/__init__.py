"""Admin of the evaluations app, one module per area (questionnaires, periods, submissions, reminders)."""

from . import periods, questionnaires, reminders, submissions

__all__ = ["periods", "questionnaires", "reminders", "submissions"]
