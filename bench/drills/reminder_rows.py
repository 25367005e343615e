"""The reminder rows of the Redis drill, run by bench/drills/run_drills.py with the drill's environment.

    reminder_rows.py plan <tag> <start> <count>  # <count> more reminders due today, then enqueue_due(their ids)
    reminder_rows.py enqueue <tag>                # the sweeper's step: enqueue_due(every planned drill row)
    reminder_rows.py wait <tag> <seconds>         # poll until every drill row is sent or the time is up
    reminder_rows.py cleanup <tag>                # delete the drill's reminders and users

Every row is a `stale_innovation` reminder about a different published innovation not updated for longer than
`STALE_AFTER_DAYS` (so the worker sends it rather than skipping it), to one of three drill users
(`drill.<tag>.<n>`, unusable passwords): the unique key (rule, recipient, subject, day) cannot meet a real
reminder, and deleting the users takes every drill row with them. Each command prints one JSON line.
"""

# ruff: noqa: E402
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
import datetime as dt
import json
import time

import django

django.setup()
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from dimensions.models import Innovation
from evaluations.models import Reminder, ReminderRule, ReminderStatus
from evaluations.reminders.config import conf
from evaluations.reminders.tasks import enqueue_due

RECIPIENTS = 3


def drill_users(tag: str):
    return User.objects.filter(username__startswith=f"drill.{tag}.")


def drill_reminders(tag: str):
    return Reminder.objects.filter(recipient__username__startswith=f"drill.{tag}.")


def recipients(tag: str) -> list[User]:
    users = []
    for n in range(RECIPIENTS):
        user = User(username=f"drill.{tag}.{n}", email=f"drill.{tag}.{n}@drill.invalid", is_active=True)
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users, ignore_conflicts=True)
    return list(drill_users(tag).order_by("username"))


def plan(tag: str, start: int, count: int) -> dict[str, object]:
    """What a web request or the planner does: insert the rows, then queue them; must not raise if Redis is down."""
    users = recipients(tag)
    stale_before = timezone.now() - dt.timedelta(days=conf("STALE_AFTER_DAYS") + 1)
    innovations = list(
        Innovation.objects.filter(is_published=True, updated_at__lt=stale_before)
        .order_by("pk")
        .values_list("pk", flat=True)[start : start + count]
    )
    if len(innovations) < count:
        raise SystemExit(f"only {len(innovations)} stale published innovations for {count} reminders")
    innovation_type = ContentType.objects.get_for_model(Innovation)
    rows = Reminder.objects.bulk_create(
        Reminder(
            rule=ReminderRule.STALE_INNOVATION,
            recipient=users[n % RECIPIENTS],
            subject_type=innovation_type,
            subject_id=str(pk),
            send_on=timezone.localdate(),
            title=f"Drill reminder {tag} {start + n}",
            link="/",
        )
        for n, pk in enumerate(innovations)
    )
    ids = [row.pk for row in rows]
    started = time.monotonic()
    queued = enqueue_due(ids)
    unqueued = Reminder.objects.filter(pk__in=ids, status=ReminderStatus.PLANNED, queued_at__isnull=True).count()
    return {
        "created": len(ids),
        "queued": queued,
        "seconds": round(time.monotonic() - started, 2),
        "unqueued": unqueued,
    }


def enqueue(tag: str) -> dict[str, object]:
    ids = list(drill_reminders(tag).filter(status=ReminderStatus.PLANNED).values_list("pk", flat=True))
    return {"queued": enqueue_due(ids)}


def status(tag: str) -> dict[str, object]:
    rows = drill_reminders(tag)
    by_status = dict(rows.values_list("status").annotate(n=Count("pk")).order_by())
    return {"statuses": by_status, "with_queued_at": rows.filter(queued_at__isnull=False).count()}


def wait(tag: str, seconds: float) -> dict[str, object]:
    rows = drill_reminders(tag)
    deadline = time.monotonic() + seconds
    while rows.exclude(status=ReminderStatus.SENT).exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    return status(tag)


def cleanup(tag: str) -> dict[str, object]:
    reminders, _ = drill_reminders(tag).delete()
    users = drill_users(tag)
    count = users.count()
    users.delete()
    return {"deleted_reminders": reminders, "deleted_users": count}


if __name__ == "__main__":
    command, tag, *rest = sys.argv[1:]
    actions = {
        "plan": lambda: plan(tag, int(rest[0]), int(rest[1])),
        "enqueue": lambda: enqueue(tag),
        "wait": lambda: wait(tag, float(rest[0])),
        "cleanup": lambda: cleanup(tag),
    }
    print(json.dumps(actions[command]()))
