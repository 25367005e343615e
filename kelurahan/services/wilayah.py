"""Import of the official area list (wilayah) into the area tables.

Reading and validating happen first, in full, before anything is written; the
write is one transaction of bulk inserts and bulk updates computed against what
the database already holds. So a malformed file changes nothing, a second run
changes nothing, and a renamed village is updated in place.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelurahan.models import District, Province, Regency, RegencyKind, Village, VillageKind
from kelurahan.signals import areas_imported
from smartcity.text import fold

DEFAULT_SOURCE = Path(__file__).resolve().parent.parent / "data" / "wilayah"
BATCH_SIZE = 2000
NAME_MAX = 100

# level → (file stem, header, code pattern, parent code length or None)
LEVELS: dict[str, tuple[str, list[str], re.Pattern[str]]] = {
    "province": ("provinces", ["code", "name"], re.compile(r"^\d{2}$")),
    "regency": ("regencies", ["code", "province_code", "name"], re.compile(r"^\d{2}\.\d{2}$")),
    "district": ("districts", ["code", "regency_code", "name"], re.compile(r"^\d{2}\.\d{2}\.\d{2}$")),
    "village": ("villages", ["code", "district_code", "name"], re.compile(r"^\d{2}\.\d{2}\.\d{2}\.[123]\d{3}$")),
}

LEVEL_NAMES = {
    "province": gettext_lazy("province"),
    "regency": gettext_lazy("regency"),
    "district": gettext_lazy("district"),
    "village": gettext_lazy("village"),
}

Progress = Callable[[str, int], Callable[[int], None]]


class AreaFileError(ValueError):
    """A problem in an area file, naming the file and the line."""


@dataclass
class AreaRows:
    """Validated rows per level: code → (parent code or "", name)."""

    provinces: dict[str, str] = field(default_factory=dict)
    regencies: dict[str, tuple[str, str]] = field(default_factory=dict)
    districts: dict[str, tuple[str, str]] = field(default_factory=dict)
    villages: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.provinces) + len(self.regencies) + len(self.districts) + len(self.villages)


@dataclass
class LevelResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_in_file: int = 0


@dataclass
class ImportResult:
    levels: dict[str, LevelResult] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return sum(r.created + r.updated for r in self.levels.values())


def _find_file(source: Path, stem: str) -> Path:
    for candidate in (source / f"{stem}.csv", source / f"{stem}.csv.gz"):
        if candidate.exists():
            return candidate
    raise AreaFileError(_("%(file)s: file not found.") % {"file": source / f"{stem}.csv"})


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return path.open(encoding="utf-8", newline="")


def _read_rows(path: Path, header: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, cells) after checking the header; reject undecodable or broken CSV."""
    name = path.name
    try:
        with _open_text(path) as handle:
            reader = csv.reader(handle, strict=True)
            try:
                first = next(reader)
            except StopIteration:
                raise AreaFileError(_("%(file)s: the file is empty.") % {"file": name}) from None
            if [cell.strip().lstrip("\ufeff") for cell in first] != header:
                raise AreaFileError(
                    _("%(file)s, line 1: expected the columns %(expected)s, found %(found)s.")
                    % {"file": name, "expected": ",".join(header), "found": ",".join(first)}
                )
            for cells in reader:
                yield reader.line_num, cells
    except (UnicodeDecodeError, csv.Error, OSError, EOFError) as exc:
        raise AreaFileError(_("%(file)s: cannot be read (%(error)s).") % {"file": name, "error": exc}) from exc


def _read_level(source: Path, level: str, parents: Iterable[str] | None) -> dict[str, tuple[str, str]]:
    stem, header, pattern = LEVELS[level]
    path = _find_file(source, stem)
    parent_codes = set(parents) if parents is not None else None
    rows: dict[str, tuple[str, str]] = {}
    first_seen: dict[str, int] = {}
    for line, cells in _read_rows(path, header):
        where = {"file": path.name, "line": line}
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise AreaFileError(
                _("%(file)s, line %(line)s: expected %(expected)s columns, found %(found)s.")
                % {**where, "expected": len(header), "found": len(cells)}
            )
        code, name = cells[0].strip(), cells[-1].strip()
        parent = cells[1].strip() if len(header) == 3 else ""
        if not pattern.match(code):
            raise AreaFileError(
                _("%(file)s, line %(line)s: column code: %(code)s is not a valid %(level)s code.")
                % {**where, "code": repr(code), "level": LEVEL_NAMES[level]}
            )
        if not name or len(name) > NAME_MAX:
            raise AreaFileError(
                _("%(file)s, line %(line)s: column name: a name of 1 to %(max)s characters is required.")
                % {**where, "max": NAME_MAX}
            )
        if parent_codes is not None:
            if code.rsplit(".", 1)[0] != parent:
                raise AreaFileError(
                    _("%(file)s, line %(line)s: column %(column)s: %(parent)s does not match the code %(code)s.")
                    % {**where, "column": header[1], "parent": parent, "code": code}
                )
            if parent not in parent_codes:
                raise AreaFileError(
                    _("%(file)s, line %(line)s: column %(column)s: %(parent)s is not in the parent file.")
                    % {**where, "column": header[1], "parent": parent}
                )
        if code in first_seen:
            raise AreaFileError(
                _("%(file)s, line %(line)s: code %(code)s appears twice (first on line %(first)s).")
                % {**where, "code": code, "first": first_seen[code]}
            )
        first_seen[code] = line
        rows[code] = (parent, name)
    return rows


def read_area_files(source: Path = DEFAULT_SOURCE, regencies: Iterable[str] | None = None) -> AreaRows:
    """Read and validate all four files; with `regencies`, keep only those and their parents."""
    provinces = _read_level(source, "province", None)
    regency_rows = _read_level(source, "regency", provinces)
    district_rows = _read_level(source, "district", regency_rows)
    village_rows = _read_level(source, "village", district_rows)

    if regencies is not None:
        wanted = list(dict.fromkeys(regencies))
        unknown = [code for code in wanted if code not in regency_rows]
        if unknown:
            raise AreaFileError(
                _("Unknown regency code(s): %(codes)s. Use codes such as 33.75 from regencies.csv.")
                % {"codes": ", ".join(unknown)}
            )
        keep = set(wanted)
        regency_rows = {code: row for code, row in regency_rows.items() if code in keep}
        district_rows = {code: row for code, row in district_rows.items() if row[0] in keep}
        village_rows = {code: row for code, row in village_rows.items() if row[0] in district_rows}
        province_keep = {parent for parent, _name in regency_rows.values()}
        provinces = {code: row for code, row in provinces.items() if code in province_keep}

    return AreaRows(
        provinces={code: name for code, (_parent, name) in provinces.items()},
        regencies=regency_rows,
        districts=district_rows,
        villages=village_rows,
    )


def _regency_kind(name: str) -> str:
    return RegencyKind.KOTA if name.startswith("Kota ") else RegencyKind.KABUPATEN


def _sync(
    model: type,
    wanted: dict[str, tuple],
    fields: list[str],
    build: Callable[[str, tuple], object],
    progress: Callable[[int], None],
) -> LevelResult:
    """Insert missing rows and update changed ones; rows not in the file are kept and counted."""
    result = LevelResult()
    existing = {row[0]: tuple(row[1:]) for row in model.objects.values_list("code", *fields).iterator(chunk_size=5000)}
    to_create, to_update = [], []
    for code, values in wanted.items():
        current = existing.get(code)
        if current is None:
            to_create.append(build(code, values))
        elif current != values:
            to_update.append(build(code, values))
        else:
            result.unchanged += 1
    result.not_in_file = len(existing.keys() - wanted.keys())
    for start in range(0, len(to_create), BATCH_SIZE):
        batch = to_create[start : start + BATCH_SIZE]
        model.objects.bulk_create(batch, batch_size=BATCH_SIZE)
        progress(len(batch))
    for start in range(0, len(to_update), BATCH_SIZE):
        batch = to_update[start : start + BATCH_SIZE]
        model.objects.bulk_update(batch, fields, batch_size=BATCH_SIZE)
        progress(len(batch))
    progress(result.unchanged)
    result.created, result.updated = len(to_create), len(to_update)
    return result


def _no_progress(_level: str, _total: int) -> Callable[[int], None]:
    return lambda _n: None


@transaction.atomic
def areas_import(*, rows: AreaRows, progress: Progress = _no_progress) -> ImportResult:
    """Write validated rows to the database in one transaction."""
    result = ImportResult()

    taken_slugs = dict(Regency.objects.values_list("slug", "code"))

    def regency_slug(code: str, name: str) -> str:
        slug = slugify(name)
        owner = taken_slugs.get(slug)
        return slug if owner in (None, code) else f"{slug}-{code.replace('.', '-')}"

    province_rows = {code: (name,) for code, name in rows.provinces.items()}
    result.levels["province"] = _sync(
        Province,
        province_rows,
        ["name"],
        lambda code, v: Province(code=code, name=v[0]),
        progress("province", len(province_rows)),
    )
    regency_rows = {
        code: (parent, name, _regency_kind(name), regency_slug(code, name), fold(name))
        for code, (parent, name) in rows.regencies.items()
    }
    result.levels["regency"] = _sync(
        Regency,
        regency_rows,
        ["province_id", "name", "kind", "slug", "search_name"],
        lambda code, v: Regency(code=code, province_id=v[0], name=v[1], kind=v[2], slug=v[3], search_name=v[4]),
        progress("regency", len(regency_rows)),
    )
    district_rows = {code: (parent, name, fold(name)) for code, (parent, name) in rows.districts.items()}
    result.levels["district"] = _sync(
        District,
        district_rows,
        ["regency_id", "name", "search_name"],
        lambda code, v: District(code=code, regency_id=v[0], name=v[1], search_name=v[2]),
        progress("district", len(rows.districts)),
    )
    village_rows = {
        code: (parent, code[:5], name, VillageKind.from_code(code).value, fold(name))
        for code, (parent, name) in rows.villages.items()
    }
    result.levels["village"] = _sync(
        Village,
        village_rows,
        ["district_id", "regency_id", "name", "kind", "search_name"],
        lambda code, v: Village(code=code, district_id=v[0], regency_id=v[1], name=v[2], kind=v[3], search_name=v[4]),
        progress("village", len(village_rows)),
    )
    if result.changed:
        transaction.on_commit(lambda: areas_imported.send(sender=Village, result=result))
    return result
