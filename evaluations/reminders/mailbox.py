"""A mail folder that keeps one file per Message-ID, like a mail store that drops repeats.

`EMAIL_BACKEND = "evaluations.reminders.mailbox.MessageIdFileBackend"` with `EMAIL_FILE_PATH` writes each email
to `<EMAIL_FILE_PATH>/<message-id>.eml` (atomically: a temporary file, then a rename). A repeat of the same
reminder (the one unavoidable window: a worker killed after handing the email over and before recording it)
replaces its own file instead of adding a second. Every hand-over is also appended to `deliveries.log`, so tests
and operators can see how many repeats there were.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class MessageIdFileBackend(BaseEmailBackend):
    def __init__(self, *args, file_path: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.folder = Path(file_path or settings.EMAIL_FILE_PATH)
        self.folder.mkdir(parents=True, exist_ok=True)
        # Tests slow delivery down to catch a worker in the middle of a batch.
        self.delay = float(os.environ.get("REMINDER_MAIL_DELAY", "0") or 0)

    def send_messages(self, messages) -> int:
        count = 0
        for message in messages:
            message_id = message.extra_headers.get("Message-ID") or message.message()["Message-ID"]
            name = re.sub(r"[^A-Za-z0-9._@-]", "_", message_id.strip("<>")) + ".eml"
            temporary = self.folder / f".{name}.{os.getpid()}.tmp"
            temporary.write_bytes(message.message().as_bytes())
            if self.delay:
                time.sleep(self.delay)
            os.replace(temporary, self.folder / name)
            with open(self.folder / "deliveries.log", "a", encoding="utf-8") as log:
                log.write(f"{name}\n")
            count += 1
        return count
