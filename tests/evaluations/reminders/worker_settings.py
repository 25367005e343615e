"""Settings of the real Celery worker the `worker` tests start: the test database, a private Redis broker,
emails into a Message-ID mail folder, a short claim lease so abandoned claims come back within seconds."""

from __future__ import annotations

import os

from smartcity.settings.test import *  # noqa: F403
from smartcity.settings.test import REMINDERS

CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_URL = os.environ["WORKER_BROKER_URL"]
EMAIL_BACKEND = "evaluations.reminders.mailbox.MessageIdFileBackend"
EMAIL_FILE_PATH = os.environ["REMINDER_MAIL_DIR"]
REMINDERS = {**REMINDERS, "LEASE_SECONDS": 30, "BATCH_SIZE": 20, "MARK_EVERY": 1}
