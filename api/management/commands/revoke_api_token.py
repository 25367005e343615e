"""Revoke API tokens by their prefix (the part after `sc_`), or all tokens of a user."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from api.models import ApiToken
from api.services import api_token_revoke


class Command(BaseCommand):
    help = "Revoke the API token with PREFIX, or with --user every token of that user; --list shows tokens."

    def add_arguments(self, parser):
        parser.add_argument("prefix", nargs="?")
        parser.add_argument("--user", help="Revoke every token of this username.")
        parser.add_argument("--list", action="store_true", help="List tokens (prefix, user, name, state).")

    def handle(self, *args, prefix: str | None, user: str | None, list: bool, **options):
        if list:
            for token in ApiToken.objects.select_related("user").order_by("user__username", "created_at"):
                state = "usable" if token.is_usable else "revoked/expired"
                self.stdout.write(f"{token.prefix}  {token.user.username}  {token.name}  {state}")
            return
        if bool(prefix) == bool(user):
            raise CommandError("Give a token prefix or --user (one of them).")
        tokens = ApiToken.objects.filter(prefix=prefix) if prefix else ApiToken.objects.filter(user__username=user)
        if not tokens.exists():
            raise CommandError("No such token.")
        for token in tokens:
            api_token_revoke(token=token)
        self.stdout.write(f"revoked {tokens.count()}")
