"""Celery wiring: the beat schedule, JSON-only late-acknowledged tasks, and a broker that is down."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.conf import settings
from django.db import transaction

from evaluations.models import Reminder, ReminderStatus
from evaluations.reminders.planning import plan_reminders
from evaluations.reminders.tasks import enqueue_due
from smartcity.celery import app
from tests.evaluations.reminders.broker import use_broker


def test_beat_plans_daily_at_seven_jakarta_time_and_sweeps_every_ten_minutes():
    schedule = settings.CELERY_BEAT_SCHEDULE
    daily = schedule["reminders-daily"]
    assert daily["task"] == "evaluations.reminders.plan_and_send"
    assert daily["schedule"].hour == {7}
    assert daily["schedule"].minute == {0}
    assert schedule["reminders-sweep"]["schedule"].minute == set(range(0, 60, 10))
    assert app.conf.timezone == "Asia/Jakarta"
    app.loader.import_default_modules()
    assert {"evaluations.reminders.plan_and_send", "evaluations.reminders.sweep"} <= set(app.tasks)


def test_tasks_are_json_only_and_acknowledged_after_they_ran():
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_serializer == "json"
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.broker_transport_options["visibility_timeout"] > app.conf.task_time_limit


@pytest.fixture
def dead_broker():
    """The broker is a port where nothing listens (Redis down), and tasks are not run eagerly."""
    saved = (app.conf.broker_url, app.conf.task_always_eager)

    use_broker("redis://127.0.0.1:1/0", eager=False)
    yield
    use_broker(saved[0], eager=saved[1])


def test_with_the_broker_down_queueing_returns_quickly_and_the_reminders_wait_planned(world, dead_broker):
    plan_reminders(dt.date(2026, 11, 27))
    Reminder.objects.update(send_on=dt.date(2026, 1, 1))  # due now, whatever today's date
    started = time.monotonic()
    assert enqueue_due() == 0
    assert time.monotonic() - started < 5
    assert set(Reminder.objects.values_list("status", "queued_at")) == {(ReminderStatus.PLANNED, None)}


def test_queueing_inside_a_transaction_waits_for_the_commit(world, django_capture_on_commit_callbacks):
    plan_reminders(dt.date(2026, 11, 27))
    Reminder.objects.update(send_on=dt.date(2026, 1, 1))
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        assert enqueue_due() == 0
    assert len(callbacks) == 1
    assert not Reminder.objects.filter(status=ReminderStatus.SENT).exists()
