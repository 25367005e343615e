"""A questionnaire as a spreadsheet (XLSX): export from the admin, import with `manage.py import_questionnaire`.

Sheet "questions": number, question, dimension (code), sub-dimension (code), component, answer type, evidence
required (1/0), weight. Sheet "scale": level, name, descriptor. Import validates every row first and writes nothing
when any row is wrong (the errors name the row); it always creates a new version of the title.
"""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from dimensions.models import Dimension, SubDimension

from .models import AnswerType, Component, Question, Questionnaire, ScaleLevel

QUESTION_COLUMNS = [
    "number",
    "question",
    "dimension",
    "sub_dimension",
    "component",
    "answer_type",
    "evidence_required",
    "weight",
]
SCALE_COLUMNS = ["level", "name", "descriptor"]


def export_questionnaire(questionnaire: Questionnaire) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "questions"
    sheet.append(QUESTION_COLUMNS)
    for q in questionnaire.questions.select_related("dimension", "sub_dimension").order_by("number"):
        sheet.append(
            [
                q.number,
                q.text,
                q.dimension.code,
                q.sub_dimension.code if q.sub_dimension else "",
                q.component,
                q.answer_type,
                int(q.evidence_required),
                float(q.weight),
            ]
        )
    scale = book.create_sheet("scale")
    scale.append(SCALE_COLUMNS)
    for level in questionnaire.scale_levels.order_by("level"):
        scale.append([level.level, level.name, level.descriptor])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rows(book, name: str, columns: list[str], errors: list[str]) -> list[tuple[int, dict]]:
    if name not in book.sheetnames:
        errors.append(_("The sheet “%(name)s” is missing.") % {"name": name})
        return []
    rows = list(book[name].iter_rows(values_only=True))
    if not rows or [str(c or "").strip() for c in rows[0][: len(columns)]] != columns:
        errors.append(
            _("The sheet “%(name)s” must start with the columns: %(columns)s.")
            % {"name": name, "columns": ", ".join(columns)}
        )
        return []
    found = []
    for index, row in enumerate(rows[1:], start=2):
        if not any(cell not in (None, "") for cell in row):
            continue
        found.append((index, dict(zip(columns, list(row) + [None] * len(columns), strict=False))))
    return found


def import_questionnaire(file: BinaryIO, *, title: str) -> Questionnaire:
    """Create a new version of `title` from the spreadsheet, or raise ValidationError listing every bad row."""
    errors: list[str] = []
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception:
        raise ValidationError(_("This is not a readable XLSX file.")) from None
    dimensions = {d.code: d for d in Dimension.objects.all()}
    subs = {(s.dimension_id, s.code): s for s in SubDimension.objects.all()}
    questions, numbers = [], set()
    for line, row in _rows(book, "questions", QUESTION_COLUMNS, errors):
        where = _("Row %(row)s") % {"row": line}
        try:
            number = int(row["number"])
            if number < 1 or number in numbers:
                raise ValueError
        except (TypeError, ValueError):
            errors.append(_("%(where)s: the number must be a unique whole number from 1.") % {"where": where})
            continue
        numbers.add(number)
        dimension = dimensions.get(str(row["dimension"] or "").strip())
        if dimension is None:
            errors.append(_("%(where)s: unknown dimension code.") % {"where": where})
            continue
        sub_code = str(row["sub_dimension"] or "").strip()
        sub = subs.get((dimension.pk, sub_code)) if sub_code else None
        if sub_code and sub is None:
            errors.append(_("%(where)s: the sub-dimension does not belong to the dimension.") % {"where": where})
        component = str(row["component"] or "").strip()
        if component not in Component.values:
            errors.append(_("%(where)s: unknown component.") % {"where": where})
        answer_type = str(row["answer_type"] or AnswerType.SCALE).strip()
        if answer_type not in AnswerType.values:
            errors.append(_("%(where)s: unknown answer type.") % {"where": where})
        try:
            weight = Decimal(str(row["weight"] if row["weight"] not in (None, "") else 1)).quantize(Decimal("0.01"))
            if weight <= 0 or weight >= 1000:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            errors.append(_("%(where)s: the weight must be a positive number below 1000.") % {"where": where})
            weight = Decimal(1)
        text = str(row["question"] or "").strip()
        if not text:
            errors.append(_("%(where)s: the question is empty.") % {"where": where})
        questions.append(
            Question(
                number=number,
                text=text,
                dimension=dimension,
                sub_dimension=sub,
                component=component,
                answer_type=answer_type,
                evidence_required=str(row["evidence_required"] or "0").strip().lower() in {"1", "true", "ya", "yes"},
                weight=weight,
            )
        )
    levels = []
    for line, row in _rows(book, "scale", SCALE_COLUMNS, errors):
        try:
            level = int(row["level"])
            if not 1 <= level <= 5:
                raise ValueError
        except (TypeError, ValueError):
            errors.append(_("Scale row %(row)s: the level must be 1 to 5.") % {"row": line})
            continue
        levels.append(
            ScaleLevel(level=level, name=str(row["name"] or "").strip()[:100], descriptor=str(row["descriptor"] or ""))
        )
    if not questions and not errors:
        errors.append(_("The spreadsheet has no questions."))
    if len({lv.level for lv in levels}) != len(levels):
        errors.append(_("Each scale level may appear once."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        latest = Questionnaire.objects.filter(title=title).aggregate(v=Max("version"))["v"] or 0
        questionnaire = Questionnaire.objects.create(title=title, version=latest + 1)
        for item in questions:
            item.questionnaire = questionnaire
        for item in levels:
            item.questionnaire = questionnaire
        Question.objects.bulk_create(questions)
        ScaleLevel.objects.bulk_create(levels)
    return questionnaire
