"""Celery tasks of the reminders; thin: they take ids and call `planning` and `delivery`.

- `plan_and_send` (beat, daily at `REMINDERS["SEND_HOUR"]` Asia/Jakarta): plan today's reminders, queue them.
- `sweep` (beat, every `SWEEP_MINUTES`): release abandoned claims, queue what is due again (retries after their
  back-off, reminders whose queueing failed while the broker was down).
- `send_batch`: claim and send the given reminders; safe to run twice (the claim is conditional).

Queueing never trusts the broker alone: a reminder is a database row first, `queued_at` records when it was
handed to the broker, and the sweeper hands it over again when that is older than the claim lease.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict

from celery import shared_task
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from evaluations.models import Reminder

from . import delivery, planning
from .config import conf

log = logging.getLogger("evaluations.reminders")


@shared_task(name="evaluations.reminders.send_batch", acks_late=True, reject_on_worker_lost=True)
def send_batch(ids: list[int]) -> dict:
    return asdict(delivery.send_batch(ids))


@shared_task(name="evaluations.reminders.plan_and_send")
def plan_and_send(day: str | None = None) -> dict:
    result = planning.plan_reminders(dt.date.fromisoformat(day) if day else None)
    log.info("reminders: planned %d new of %d for %s %s", result.created, result.candidates, result.day, result.by_rule)
    return {"planned": result.created, "candidates": result.candidates, "queued": enqueue_due()}


@shared_task(name="evaluations.reminders.sweep")
def sweep() -> dict:
    released = delivery.release_expired_claims()
    return {"released": released, "queued": enqueue_due()}


def enqueue_due(ids: list[int] | None = None) -> int:
    """Hand due reminders (all, or of `ids`) to the broker in batches; returns how many were queued.

    If the broker is unreachable the rows stay planned with `queued_at` cleared, the error is logged and the
    caller (a web request, the beat) carries on; the next sweep queues them.
    """
    if connection.in_atomic_block:
        # A worker must not look for rows this transaction has not committed yet.
        transaction.on_commit(lambda: _enqueue_now(ids))
        return 0
    return _enqueue_now(ids)


def _enqueue_now(ids: list[int] | None) -> int:
    now = timezone.now()
    stale = now - dt.timedelta(seconds=conf("LEASE_SECONDS"))
    due = Reminder.objects.filter(delivery.due_filter(now)).filter(Q(queued_at__isnull=True) | Q(queued_at__lt=stale))
    if ids is not None:
        due = due.filter(pk__in=ids)
    pending = list(due.order_by("pk").values_list("pk", flat=True))
    size = conf("BATCH_SIZE")
    queued = 0
    for start in range(0, len(pending), size):
        chunk = pending[start : start + size]
        Reminder.objects.filter(pk__in=chunk).update(queued_at=now)
        try:
            send_batch.delay(chunk)
        except Exception as exc:  # broker down: the rows wait in the database for the sweeper
            Reminder.objects.filter(pk__in=pending[start:]).update(queued_at=None)
            log.warning(
                "reminders: broker unavailable, %d reminders stay planned for the sweeper: %s",
                len(pending) - start,
                exc,
            )
            break
        queued += len(chunk)
    return queued
