"""Settings for `make run`: SQLite, no Redis, emails written to var/mail/."""

from __future__ import annotations

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = env.bool("DEBUG", default=True)
# Only for a developer's own machine; production refuses to start without a real key.
SECRET_KEY = env("SECRET_KEY", default="local-development-only-not-a-secret-6b1d0c5e")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

if not env("EMAIL_URL", default=""):
    # Each email becomes a file under var/mail/, so reminders can be read locally.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
