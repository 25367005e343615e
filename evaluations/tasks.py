"""Celery tasks of the evaluations app (found by `app.autodiscover_tasks()`)."""

from evaluations.reminders.tasks import plan_and_send, send_batch, sweep

__all__ = ["plan_and_send", "send_batch", "sweep"]
