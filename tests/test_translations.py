"""Every user-facing string has an Indonesian translation, and the shipped .mo files match the .po files."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = sorted(
    path
    for path in ROOT.glob("**/locale/id/LC_MESSAGES/django.po")
    if not any(part in {".venv", "node_modules"} for part in path.parts)
)


def test_there_are_catalogs_for_the_project_and_each_app():
    owners = {path.relative_to(ROOT).parts[0] for path in CATALOGS}
    assert {"locale", "accounts", "kelurahan", "dimensions", "masterplan", "evaluations", "portal"} <= owners


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_string_is_translated_and_none_is_fuzzy(path: Path):
    catalog = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert untranslated == [], f"untranslated in {path}"
    assert fuzzy == [], f"fuzzy in {path}"


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_compiled_catalog_is_shipped_and_up_to_date(path: Path):
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"run `make messages` to compile {path}"
    source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.pofile(str(path)).translated_entries()}
    shipped = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(compiled)) if e.msgid}
    assert shipped == source
