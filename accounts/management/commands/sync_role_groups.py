"""Re-sync the role groups' permissions with the policy table (after adding a model or a grant)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from accounts.services import role_groups_sync


class Command(BaseCommand):
    help = "Set each role group's model permissions to what accounts/policy/rules.py grants."

    def handle(self, *args: object, **options: object) -> None:
        for role, count in role_groups_sync().items():
            self.stdout.write(f"{role:<20} {count} permissions")
