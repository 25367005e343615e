"""Create an API token for a user and print its key (shown once; only a digest is stored)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import User
from api.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print it (it cannot be shown again)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="api", help="What the token is for.")
        parser.add_argument("--days", type=int, default=365, help="Valid for this many days (0: no expiry).")

    def handle(self, *args, username: str, name: str, days: int, **options):
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No user {username!r}.") from None
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive.")
        if days < 0:
            raise CommandError("--days must be 0 (no expiry) or more.")
        expires_at = timezone.now() + dt.timedelta(days=days) if days else None
        _token, key = api_token_create(user=user, name=name, expires_at=expires_at)
        self.stdout.write(key)
