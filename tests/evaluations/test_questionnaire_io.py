"""A questionnaire round-trips through a spreadsheet; a bad spreadsheet writes nothing and names the rows."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from evaluations.models import Questionnaire
from evaluations.questionnaire_io import export_questionnaire, import_questionnaire
from tests.evaluations.conftest import EvalWorld

pytestmark = pytest.mark.django_db


def test_export_and_import_round_trip_as_a_new_version(ev: EvalWorld):
    data = export_questionnaire(ev.questionnaire)
    copy = import_questionnaire(io.BytesIO(data), title=ev.questionnaire.title)
    assert copy.version == 2
    fields = [
        "number",
        "text",
        "dimension_id",
        "sub_dimension_id",
        "component",
        "answer_type",
        "evidence_required",
        "weight",
    ]
    assert list(copy.questions.order_by("number").values_list(*fields)) == list(
        ev.questionnaire.questions.order_by("number").values_list(*fields)
    )
    assert list(copy.scale_levels.values_list("level", "name")) == list(
        ev.questionnaire.scale_levels.values_list("level", "name")
    )


def test_a_bad_spreadsheet_names_every_bad_row_and_writes_nothing(ev: EvalWorld):
    book = load_workbook(io.BytesIO(export_questionnaire(ev.questionnaire)))
    sheet = book["questions"]
    sheet["C2"] = "smart-nothing"
    sheet["E3"] = "bonus"
    sheet["H4"] = -1
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    with pytest.raises(ValidationError) as error:
        import_questionnaire(buffer, title="Baru")
    text = " ".join(error.value.messages)
    assert "Baris 2" in text
    assert "Baris 3" in text
    assert "Baris 4" in text
    assert not Questionnaire.objects.filter(title="Baru").exists()
    with pytest.raises(ValidationError):
        import_questionnaire(io.BytesIO(b"not a spreadsheet"), title="Baru")


def test_the_command_and_the_admin_action(ev: EvalWorld, client, tmp_path):
    path = tmp_path / "kuesioner.xlsx"
    path.write_bytes(export_questionnaire(ev.questionnaire))
    out = io.StringIO()
    call_command("import_questionnaire", str(path), "--title", "Kuesioner 2027", stdout=out)
    assert "Kuesioner 2027" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("import_questionnaire", str(tmp_path / "missing.xlsx"), "--title", "X")

    client.force_login(ev.users["nasional"])
    response = client.post(
        reverse("admin:evaluations_questionnaire_changelist"),
        {"action": "export_spreadsheet", "_selected_action": [ev.questionnaire.pk]},
    )
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content))["questions"].max_row == len(ev.questions) + 1
