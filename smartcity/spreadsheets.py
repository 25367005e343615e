"""Spreadsheet import and export (CSV and XLSX) for the staff workspace, without third-party import frameworks.

A `Sheet` describes one kind of row: its columns (header names staff see), how to read a row into an unsaved
object (`build`, raising `RowError`s per column), how to save it and how to write an object back as a row.
`read_table` turns an uploaded CSV or XLSX into rows; `validate` checks every row (model validation and the
scoping policy: a row for another region is an error) and returns the objects or a per-row error report in
the user's language naming row and column; `import_rows` saves them all in one transaction, or nothing.
Exports use the same columns, so an exported file can be edited and imported again.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.http import HttpResponse
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
    """One kind of row. `build(user, values) -> (obj, after_save)`; `row(obj) -> list` for export."""

    model: type[models.Model]
    columns: Sequence[Column]
    build: Callable[[Any, dict[str, str]], tuple[models.Model, Callable[[models.Model], None] | None]]
    row: Callable[[models.Model], list[Any]]
    filename: str
    field_columns: dict[str, str] = field(default_factory=dict)  # model field -> column, for validation errors

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


def read_table(upload: Any, sheet: Sheet) -> list[dict[str, str]]:
    """Rows of an uploaded CSV or XLSX as {column: text}; raise SpreadsheetError for an unreadable file."""
    name = (getattr(upload, "name", "") or "").lower()
    content = upload.read()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise SpreadsheetError(_("The file is not a readable XLSX workbook.")) from error
        rows = [[_cell(value) for value in row] for row in workbook.worksheets[0].iter_rows(values_only=True)]
        workbook.close()
    elif name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise SpreadsheetError(_("A CSV file must be saved as UTF-8.")) from error
        dialect: Any = csv.excel
        with contextlib.suppress(csv.Error):  # one column only: nothing to sniff
            dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=",;\t")
        rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    else:
        raise SpreadsheetError(_("Upload a CSV or XLSX file."))
    rows = [row for row in rows if any(row)]
    if not rows:
        raise SpreadsheetError(_("The file is empty."))
    header = [cell.strip() for cell in rows[0]]
    missing = [column.name for column in sheet.columns if column.required and column.name not in header]
    if missing:
        raise SpreadsheetError(_("Columns missing from the first row: %(columns)s.") % {"columns": ", ".join(missing)})
    if len(rows) - 1 > MAX_ROWS:
        raise SpreadsheetError(_("At most %(count)s rows can be imported at once.") % {"count": MAX_ROWS})
    known = {column.name for column in sheet.columns}
    result = []
    for row in rows[1:]:
        values = {name: (row[index] if index < len(row) else "") for index, name in enumerate(header) if name in known}
        result.append(values)
    return result


@dataclass
class Checked:
    objects: list[tuple[models.Model, Callable[[models.Model], None] | None]]
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
    """Build and check every row; nothing is saved."""
    objects, errors = [], []
    unique_fields = [f for f in sheet.model._meta.concrete_fields if f.unique and not f.primary_key]
    seen: dict[tuple[str, Any], int] = {}
    for index, values in enumerate(rows, start=2):
        try:
            obj, after = sheet.build(user, values)
            obj.full_clean()
            if not policy.can_save(user, obj):
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
        for unique in unique_fields:
            key = (unique.name, getattr(obj, unique.attname))
            if key in seen:
                column = sheet.field_columns.get(unique.name, unique.name)
                errors.append(RowError(index, column, _("The same value as row %(row)s.") % {"row": seen[key]}))
                duplicate = True
            seen[key] = index
        if not duplicate:
            objects.append((obj, after))
    return Checked(objects=objects, rows=rows, errors=errors)


@transaction.atomic
def import_rows(user: Any, sheet: Sheet, rows: list[dict[str, str]]) -> Checked:
    """Validate again and save every row in one transaction; with any error nothing is saved."""
    checked = validate(user, sheet, rows)
    if checked.errors:
        return checked
    for obj, after in checked.objects:
        obj.save()
        if after is not None:
            after(obj)
    return checked


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
