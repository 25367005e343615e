"""Spreadsheet import and export (CSV and XLSX) for the staff workspace, without third-party import frameworks.

A `Sheet` describes one kind of row: its columns (header names staff see), a look-up step (`prepare`: one query
per referenced model, filtered to the values present in the file and to the user's reach), how to read a row into
an object against those look-ups (`build`, raising `RowInvalid` per column), how to save what hangs off the rows
(`save_related`) and how to write an object back as a row.
`read_table` turns an uploaded CSV or XLSX into rows (stopping as soon as there are too many); `validate` checks
every row (model validation and the scoping policy: a row for another region is an error) and returns the
objects or a per-row error report in the user's language naming row and column; `import_rows` saves them all in
one transaction with bulk writes (and their history), or nothing. Both run a number of queries that does not
grow with the number of rows (apart from the database's own batching of very large inserts).
Exports use the same columns, so an exported file can be edited and imported again.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import policy

CSV_TYPE = "text/csv"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 5000


class SpreadsheetError(Exception):
    """The file as a whole cannot be read (wrong kind, no header, missing columns, too many rows)."""


@dataclass
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s, column “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class RowInvalid(Exception):
    """Raised by a sheet's `build` with the problems of one row: {column: message}."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(problems)
        self.problems = problems


@dataclass
class Column:
    name: str  # the header, as staff see it
    label: Any = ""  # translated description for the help text
    required: bool = False


@dataclass
class Sheet:
    """One kind of row.

    `prepare(user, rows) -> lookup` loads once what the rows refer to; `build(user, values, lookup) ->
    (obj, related)` makes one row's object (existing objects only from the look-up, loaded within the user's
    reach to change); `save_related(pairs)` writes what hangs off the saved objects (m2m rows, in bulk);
    `row(obj) -> list` for export.
    """

    model: type[models.Model]
    columns: Sequence[Column]
    prepare: Callable[[Any, list[dict[str, str]]], Any]
    build: Callable[[Any, dict[str, str], Any], tuple[models.Model, Any]]
    row: Callable[[models.Model], list[Any]]
    filename: str
    field_columns: dict[str, str] = field(default_factory=dict)  # model field -> column, for validation errors
    save_related: Callable[[list[tuple[models.Model, Any]]], None] | None = None

    @property
    def headers(self) -> list[str]:
        return [column.name for column in self.columns]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _too_many() -> SpreadsheetError:
    return SpreadsheetError(_("At most %(count)s rows can be imported at once.") % {"count": MAX_ROWS})


def _first_rows(rows: Iterable[list[str]]) -> list[list[str]]:
    """The non-empty rows, header first; stops reading as soon as there is one data row too many."""
    kept: list[list[str]] = []
    for row in rows:
        if not any(row):
            continue
        kept.append(row)
        if len(kept) > MAX_ROWS + 1:
            break
    return kept


def read_table(upload: Any, sheet: Sheet) -> list[dict[str, str]]:
    """Rows of an uploaded CSV or XLSX as {column: text}; raise SpreadsheetError for an unreadable file."""
    name = (getattr(upload, "name", "") or "").lower()
    content = upload.read()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            try:
                worksheet = workbook.worksheets[0]
                rows = _first_rows([_cell(value) for value in row] for row in worksheet.iter_rows(values_only=True))
            finally:
                workbook.close()
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise SpreadsheetError(_("The file is not a readable XLSX workbook.")) from error
    elif name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise SpreadsheetError(_("A CSV file must be saved as UTF-8.")) from error
        dialect: Any = csv.excel
        with contextlib.suppress(csv.Error):  # one column only: nothing to sniff
            dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=",;\t")
        try:
            rows = _first_rows([cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect))
        except csv.Error as error:
            raise SpreadsheetError(_("The file is not a readable CSV file.")) from error
    else:
        raise SpreadsheetError(_("Upload a CSV or XLSX file."))
    if not rows:
        raise SpreadsheetError(_("The file is empty."))
    header = [cell.strip() for cell in rows[0]]
    missing = [column.name for column in sheet.columns if column.required and column.name not in header]
    if missing:
        raise SpreadsheetError(_("Columns missing from the first row: %(columns)s.") % {"columns": ", ".join(missing)})
    if len(rows) - 1 > MAX_ROWS:
        raise _too_many()
    known = {column.name for column in sheet.columns}
    result = []
    for row in rows[1:]:
        values = {name: (row[index] if index < len(row) else "") for index, name in enumerate(header) if name in known}
        result.append(values)
    return result


@dataclass
class Checked:
    objects: list[tuple[models.Model, Any]]
    rows: list[dict[str, str]]
    errors: list[RowError]


def _validation_problems(error: ValidationError, sheet: Sheet) -> dict[str, str]:
    problems: dict[str, str] = {}
    for field_name, messages in error.message_dict.items():
        column = sheet.field_columns.get(field_name) or (
            _("(whole row)") if field_name == NON_FIELD_ERRORS else field_name
        )
        problems[column] = " ".join(messages)
    return problems


def validate(user: Any, sheet: Sheet, rows: list[dict[str, str]]) -> Checked:
    """Build and check every row against one look-up of what the rows refer to; nothing is saved.

    Foreign keys come from the look-up (querysets within the user's reach), uniqueness is checked by the sheet
    against the look-up and here within the file, and database constraints by the sheet's `build`, so model
    validation skips the per-row queries for those.
    """
    lookup = sheet.prepare(user, rows)
    objects, errors = [], []
    model = sheet.model
    relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
    unique_fields = [f for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    seen: dict[tuple[str, Any], int] = {}
    for index, values in enumerate(rows, start=2):
        try:
            obj, related = sheet.build(user, values, lookup)
            obj.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
            adding = obj.pk is None or obj._state.adding
            # An existing object came from the look-up, loaded only where the user may change it.
            if not policy.can_save(user, obj, stored_changeable=not adding):
                raise RowInvalid({_("(whole row)"): _("This row is outside your area of work.")})
        except RowInvalid as invalid:
            errors += [RowError(index, column, message) for column, message in invalid.problems.items()]
            continue
        except ValidationError as error:
            errors += [
                RowError(index, column, message) for column, message in _validation_problems(error, sheet).items()
            ]
            continue
        duplicate = False
        keys = [(unique.name, getattr(obj, unique.attname)) for unique in unique_fields]
        if obj.pk is not None:
            keys.append(("pk", obj.pk))
        for key in keys:
            if key in seen:
                column = sheet.field_columns.get(key[0], key[0])
                errors.append(RowError(index, column, _("The same value as row %(row)s.") % {"row": seen[key]}))
                duplicate = True
                break  # one error a row: the first key it repeats
            seen[key] = index
        if not duplicate:
            objects.append((obj, related))
    return Checked(objects=objects, rows=rows, errors=errors)


@transaction.atomic
def import_rows(user: Any, sheet: Sheet, rows: list[dict[str, str]]) -> Checked:
    """Validate again and save every row in one transaction, in bulk with history; with any error nothing is saved."""
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    from kelurahan.models import SearchNameMixin
    from portal.cache import bump_content_version
    from smartcity.text import fold

    checked = validate(user, sheet, rows)
    if checked.errors or not checked.objects:
        return checked
    model = sheet.model
    now = timezone.now()
    new, existing = [], []
    for obj, _related in checked.objects:
        if isinstance(obj, SearchNameMixin):
            obj.search_name = fold(obj.name)  # what SearchNameMixin.save does; bulk writes skip save()
        if obj.pk is None or obj._state.adding:
            new.append(obj)
        else:
            for model_field in model._meta.concrete_fields:
                if getattr(model_field, "auto_now", False):
                    setattr(obj, model_field.attname, now)
            existing.append(obj)
    if new:
        created = bulk_create_with_history(new, model, default_user=user)
        for obj, saved in zip(new, created, strict=True):
            obj.pk = saved.pk
            obj._state.adding = False
    if existing:
        # What a row can change: the editable fields, plus the ones save() would have kept in step.
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if not f.primary_key
            and not getattr(f, "auto_now_add", False)
            and (f.editable or getattr(f, "auto_now", False) or f.name == "search_name")
        ]
        bulk_update_with_history(existing, model, fields, default_user=user)
    if sheet.save_related is not None:
        sheet.save_related(checked.objects)
    # Bulk writes send no post_save: the public pages' cache learns of the change here.
    bump_content_version()
    return checked


PENDING_IMPORT_SECONDS = 3600


def _pending_key(token: str) -> str:
    return f"spreadsheet-import:{token}"


def pending_import_store(rows: list[dict[str, str]], *, user: Any, label: str) -> str:
    """Keep a previewed file's rows on the server until it is confirmed; returns the random token to post back."""
    token = secrets.token_urlsafe(32)
    cache.set(_pending_key(token), {"user": user.pk, "label": label, "rows": rows}, PENDING_IMPORT_SECONDS)
    return token


def pending_import_load(token: Any, *, user: Any, label: str) -> list[dict[str, str]] | None:
    """The rows kept under `token` for this user and model; None when missing, expired or someone else's."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    pending = cache.get(_pending_key(token))
    if not isinstance(pending, dict) or pending.get("user") != user.pk or pending.get("label") != label:
        return None
    return pending["rows"]


def pending_import_discard(token: str) -> None:
    """Forget a confirmed import, so posting the same form again imports nothing twice."""
    cache.delete(_pending_key(token))


def export(sheet: Sheet, objects: Iterable[models.Model], kind: str) -> HttpResponse:
    """The objects as a CSV or XLSX download with the sheet's columns."""
    rows = [sheet.row(obj) for obj in objects]
    if kind == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        worksheet = workbook.active
        worksheet.append(sheet.headers)
        for row in rows:
            worksheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(sheet.headers)
        writer.writerows(rows)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type=f"{CSV_TYPE}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{sheet.filename}.{kind}"'
    return response


IMPORT_HELP = gettext_lazy(
    "The first row names the columns. Every row is checked first; if any row has a problem, nothing is saved."
)
