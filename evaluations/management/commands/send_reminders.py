"""Plan today's reminders and send what is due, in this process: no broker needed (cron, `make run`)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from evaluations.reminders import delivery, planning


class Command(BaseCommand):
    help = "Plan the reminders due today (or --date) and send every due reminder, without Celery."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="Plan for this day (YYYY-MM-DD) instead of today, e.g. to catch up.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be planned; change nothing.")
        parser.add_argument("--no-plan", action="store_true", help="Only send reminders already planned.")
        parser.add_argument("--no-send", action="store_true", help="Only plan.")

    def handle(self, *args, **options) -> None:
        day = None
        if options["date"]:
            try:
                day = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"--date must be YYYY-MM-DD: {exc}") from exc
        if not options["no_plan"]:
            plan = planning.plan_reminders(day, dry_run=options["dry_run"])
            rules = ", ".join(f"{rule} {count}" for rule, count in sorted(plan.by_rule.items())) or "none"
            verb = "would plan" if options["dry_run"] else f"planned {plan.created} new of"
            self.stdout.write(f"{plan.day}: {verb} {plan.candidates} reminders ({rules})")
        if options["dry_run"]:
            self.stdout.write(f"due to send now: {len(delivery.due_ids())}")
            return
        if options["no_send"]:
            return
        result = delivery.send_due()
        skipped = ", ".join(f"{reason} {count}" for reason, count in sorted(result.skipped.items())) or "0"
        self.stdout.write(
            f"sent {result.sent}, retry later {result.retried}, failed {result.failed}, skipped {skipped}"
        )
