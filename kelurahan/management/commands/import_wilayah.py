"""Load the official list of provinces, regencies, districts and villages."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from kelurahan.services.wilayah import DEFAULT_SOURCE, AreaFileError, areas_import, read_area_files


class Command(BaseCommand):
    help = (
        "Import the official area list (idn-area-data, ODbL) shipped with the project. "
        "Idempotent: a second run changes nothing. Use --regency to load only some regions."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--regency",
            nargs="+",
            metavar="CODE",
            help="Only these kota/kabupaten (e.g. 33.75 61.71), with their province, kecamatan and villages.",
        )
        parser.add_argument(
            "--source",
            type=Path,
            default=DEFAULT_SOURCE,
            help="Folder holding provinces/regencies/districts/villages .csv or .csv.gz files.",
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not draw progress bars.")

    def handle(self, *args: object, **options: object) -> None:
        started = time.perf_counter()
        source: Path = options["source"]  # type: ignore[assignment]
        try:
            rows = read_area_files(source, options["regency"])  # type: ignore[arg-type]
        except AreaFileError as exc:
            raise CommandError(str(exc)) from exc

        bars: list[tqdm] = []

        def progress(level: str, total: int) -> Callable[[int], None]:
            bar = tqdm(
                total=total,
                desc=f"{level:<9}",
                unit="row",
                file=self.stderr._out,
                disable=bool(options["no_progress"]) or None,
                leave=True,
            )
            bars.append(bar)
            return bar.update

        try:
            result = areas_import(rows=rows, progress=progress)
        finally:
            for bar in bars:
                bar.close()

        elapsed = time.perf_counter() - started
        for level, outcome in result.levels.items():
            line = (
                f"{level:<9} created {outcome.created:>6}  updated {outcome.updated:>6}"
                f"  unchanged {outcome.unchanged:>6}"
            )
            if outcome.not_in_file:
                line += f"  kept (not in file) {outcome.not_in_file}"
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(f"Imported {rows.total} area rows in {elapsed:.1f} s ({result.changed} changed).")
        )
