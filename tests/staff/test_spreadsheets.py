"""Spreadsheet import/export of innovations and action-plan items: preview, per-row errors, all or nothing, scoped."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from dimensions.models import Innovation
from dimensions.spreadsheets import COLUMNS as INNOVATION_COLUMNS
from masterplan.models import ActionItem
from masterplan.spreadsheets import COLUMNS as ACTION_COLUMNS
from tests.world import OTHER_VILLAGE, OWN_VILLAGE, SIBLING_VILLAGE

pytestmark = pytest.mark.django_db

IMPORT_INNOVATIONS = reverse("admin:dimensions_innovation_import")
IMPORT_ACTIONS = reverse("admin:masterplan_actionitem_import")
HEADERS = [column.name for column in INNOVATION_COLUMNS]


def innovation_row(**values) -> list[str]:
    row = {
        "slug": "",
        "nama": "Pekalongan Smart Parking",
        "jenis": "quick_win",
        "dimensi": "governance",
        "perangkat_daerah": "Dinas Satu",
        "kelurahan": OWN_VILLAGE,
        "status": "running",
        "mulai": "2024-01-15",
        "selesai": "",
        "deskripsi": "Parkir non-tunai",
        "terbit": "tidak",
    } | values
    return [row[name] for name in HEADERS]


def as_csv(headers, rows, delimiter=",") -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return SimpleUploadedFile("inovasi.csv", buffer.getvalue().encode("utf-8"), content_type="text/csv")


def as_xlsx(headers, rows) -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.active.append(headers)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("inovasi.xlsx", buffer.getvalue())


def preview_and_confirm(client, url, upload):
    preview = client.post(url, {"file": upload})
    assert preview.status_code == 200, [str(e) for e in preview.context.get("errors") or []]
    assert preview.context["payload"]
    return client.post(url, {"payload": preview.context["payload"]})


@pytest.mark.parametrize("make_file", [as_csv, as_xlsx])
def test_a_good_file_is_previewed_then_imported(staff, world, make_file):
    rows = [
        innovation_row(),
        innovation_row(
            nama="Sapuro Digital", perangkat_daerah="Dinas Dua", kelurahan=f"{SIBLING_VILLAGE};{OWN_VILLAGE}"
        ),
    ]
    before = Innovation.objects.count()
    preview = staff.post(IMPORT_INNOVATIONS, {"file": make_file(HEADERS, rows)})
    assert preview.status_code == 200
    assert "Sapuro Digital" in preview.content.decode()
    assert Innovation.objects.count() == before  # the preview saves nothing

    response = staff.post(IMPORT_INNOVATIONS, {"payload": preview.context["payload"]})
    assert response.status_code == 302
    assert Innovation.objects.count() == before + 2
    sapuro = Innovation.objects.get(name="Sapuro Digital")
    assert sapuro.agency == world.objects["kelurahan.agency"]["sibling"]
    assert set(sapuro.villages.values_list("code", flat=True)) == {SIBLING_VILLAGE, OWN_VILLAGE}
    assert sapuro.history.first().history_user == world.users["regency_staff"]


def test_semicolon_separated_csv_from_a_spreadsheet_program_is_read(staff):
    response = preview_and_confirm(staff, IMPORT_INNOVATIONS, as_csv(HEADERS, [innovation_row()], delimiter=";"))
    assert response.status_code == 302
    assert Innovation.objects.filter(name="Pekalongan Smart Parking").exists()


def test_a_bad_row_names_row_and_column_in_indonesian_and_nothing_is_saved(staff):
    rows = [innovation_row(), innovation_row(nama="Rusak", dimensi="tidak-ada", mulai="kemarin")]
    before = Innovation.objects.count()
    response = staff.post(IMPORT_INNOVATIONS, {"file": as_csv(HEADERS, rows)})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Baris 3, kolom “dimensi”" in text
    assert "Baris 3, kolom “mulai”" in text
    assert "payload" not in response.context or not response.context.get("payload")
    assert Innovation.objects.count() == before


def test_a_row_for_another_region_is_an_error_and_nothing_is_saved(staff):
    rows = [
        innovation_row(),
        innovation_row(nama="Punya Pontianak", perangkat_daerah="Dinas Tiga", kelurahan=OTHER_VILLAGE),
    ]
    before = Innovation.objects.count()
    response = staff.post(IMPORT_INNOVATIONS, {"file": as_xlsx(HEADERS, rows)})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Baris 3, kolom “perangkat_daerah”" in text
    assert "Baris 3, kolom “kelurahan”" in text
    assert Innovation.objects.count() == before


def test_updating_another_regions_innovation_by_slug_is_refused(staff, world):
    other = world.objects["dimensions.innovation"]["other"]
    response = staff.post(IMPORT_INNOVATIONS, {"file": as_csv(HEADERS, [innovation_row(slug=other.slug)])})
    assert response.status_code == 400
    assert "Baris 2, kolom “slug”" in response.content.decode()
    other.refresh_from_db()
    assert other.name != "Pekalongan Smart Parking"


def test_a_tampered_or_foreign_payload_is_refused(staff, client, world):
    preview = staff.post(IMPORT_INNOVATIONS, {"file": as_csv(HEADERS, [innovation_row()])})
    payload = preview.context["payload"]
    assert staff.post(IMPORT_INNOVATIONS, {"payload": payload[:-3] + "abc"}).status_code == 400
    client.force_login(world.users["agency_staff"])  # another user cannot replay it
    assert client.post(IMPORT_INNOVATIONS, {"payload": payload}).status_code == 400
    assert not Innovation.objects.filter(name="Pekalongan Smart Parking").exists()


@pytest.mark.parametrize(("name", "content"), [("inovasi.pdf", b"%PDF-1.4"), ("x.xlsx", b"no"), ("x.csv", b"\xff\xfe")])
def test_an_unreadable_file_is_a_clear_error(staff, name, content):
    response = staff.post(IMPORT_INNOVATIONS, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert response.context["file_error"]


def test_users_who_may_not_add_cannot_import(client, world):
    client.force_login(world.users["evaluator"])
    assert client.get(IMPORT_INNOVATIONS).status_code == 403


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_export_lists_only_what_the_user_may_see_and_imports_back_unchanged(staff, world, kind):
    own, other = world.objects["dimensions.innovation"]["own"], world.objects["dimensions.innovation"]["other"]
    changelist = reverse("admin:dimensions_innovation_changelist")
    response = staff.post(changelist, {"action": f"export_{kind}", "_selected_action": [own.pk, other.pk]})
    assert response.status_code == 200
    if kind == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        rows = [list(row) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    assert rows[0] == HEADERS
    assert [row[0] for row in rows[1:]] == [own.slug]

    before = Innovation.objects.count()
    upload = SimpleUploadedFile(f"inovasi.{kind}", response.content)
    assert preview_and_confirm(staff, IMPORT_INNOVATIONS, upload).status_code == 302
    assert Innovation.objects.count() == before  # the row updated its innovation


def test_action_items_import_and_a_foreign_row_fails(staff, world):
    headers = [column.name for column in ACTION_COLUMNS]
    own_innovation = world.objects["dimensions.innovation"]["own"]
    good = ["", "33.75", "1", "economy", "2025", "Pasar digital", "10 pasar", own_innovation.slug]
    foreign = ["", "61.71", "1", "economy", "2025", "Bukan milik kami", "", ""]
    before = ActionItem.objects.count()

    response = staff.post(IMPORT_ACTIONS, {"file": as_csv(headers, [good, foreign])})
    assert response.status_code == 400
    assert "Baris 3, kolom “kota_kabupaten”" in response.content.decode()
    assert ActionItem.objects.count() == before

    response = preview_and_confirm(staff, IMPORT_ACTIONS, as_xlsx(headers, [good]))
    assert response.status_code == 302
    item = ActionItem.objects.get(title="Pasar digital")
    assert item.innovation == own_innovation
    assert item.version.masterplan.regency_id == "33.75"


def test_an_action_year_outside_the_masterplan_period_names_the_column(staff):
    headers = [column.name for column in ACTION_COLUMNS]
    row = ["", "33.75", "1", "economy", "2035", "Terlalu jauh", "", ""]
    response = staff.post(IMPORT_ACTIONS, {"file": as_csv(headers, [row])})
    assert response.status_code == 400
    assert "Baris 2, kolom “tahun”" in response.content.decode()
