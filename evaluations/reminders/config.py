"""The reminder settings (`settings.REMINDERS`), with defaults for anything a deployment leaves out."""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    "SEND_HOUR": 7,
    "DUE_OFFSETS": [14, 7, 3, 1, 0],
    "OVERDUE_AFTER_DAYS": 1,
    "REVISION_OFFSETS": [3],
    "REVIEW_OFFSETS": [7, 2],
    "STALE_AFTER_DAYS": 180,
    "STALE_EVERY_DAYS": 30,
    "MAX_ATTEMPTS": 5,
    "RETRY_BACKOFF_SECONDS": 300,
    "LEASE_SECONDS": 600,
    "BATCH_SIZE": 200,
    "MARK_EVERY": 20,
    "SWEEP_MINUTES": 10,
}


def conf(name: str) -> Any:
    """One reminder setting, read at call time so tests can override `REMINDERS`."""
    return {**DEFAULTS, **getattr(settings, "REMINDERS", {})}[name]
