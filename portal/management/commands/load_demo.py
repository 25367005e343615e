"""Load the demo regions' real programmes and one demo account per role."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kelurahan.models import Regency
from portal.demo import DEMO_REGENCIES, demo_load


class Command(BaseCommand):
    help = (
        "Load Kota Pekalongan, Kabupaten Pekalongan and Kota Pontianak with their programmes, innovations, "
        "Kelurahan Pintar pilots, masterplans, an open evaluation period and demo logins. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even though DEMO_DATA_ALLOWED is off (demo accounts have a published password).",
        )

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEMO_DATA_ALLOWED and not options["allow_production"]:
            raise CommandError(
                "Demo data is disabled here (DEMO_DATA_ALLOWED=false): its accounts share a published password."
            )
        missing = [code for code in DEMO_REGENCIES if not Regency.objects.filter(code=code).exists()]
        if missing:
            self.stdout.write(f"Importing the official areas of {', '.join(missing)} first…")
            call_command("import_wilayah", "--regency", *missing, "--no-progress", stdout=self.stdout)
        result = demo_load()
        for what, count in result.created.items():
            self.stdout.write(f"{what:<26} {count} new")
        self.stdout.write(self.style.SUCCESS("Demo data ready. Demo logins (password for all shown):"))
        for username, password, role in result.logins:
            self.stdout.write(f"  {username:<22} {password:<18} {role}")
