"""Freeze the scores of published submissions that have none stored (published before the field existed, or
written in bulk, e.g. by bench/make_national_data.py)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from evaluations import selectors
from evaluations.models import Submission, SubmissionStatus


class Command(BaseCommand):
    help = "Store the published scores of every published submission that has none (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=200, help="Submissions per query (default 200).")

    def handle(self, *args: object, batch: int = 200, **options: object) -> None:
        pending = Submission.objects.filter(status=SubmissionStatus.PUBLISHED, result__isnull=True)
        ids = list(pending.order_by("pk").values_list("pk", flat=True))
        done = 0
        for start in range(0, len(ids), max(batch, 1)):
            chunk = list(Submission.objects.filter(pk__in=ids[start : start + batch]).select_related("period"))
            with transaction.atomic():
                for result in selectors.computed_results(chunk):
                    result.submission.result = selectors.result_snapshot(result)
                Submission.objects.bulk_update(chunk, ["result"])
            done += len(chunk)
        self.stdout.write(_("Results frozen: %(count)d") % {"count": done})
