"""Spreadsheet imports at scale: constant queries, unique slugs, a lazily read row limit, previews kept server-side."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from dimensions.models import Dimension, Innovation
from dimensions.spreadsheets import INNOVATIONS
from masterplan.spreadsheets import ACTION_ITEMS
from masterplan.spreadsheets import COLUMNS as ACTION_COLUMNS
from smartcity import spreadsheets
from smartcity.spreadsheets import import_rows, validate
from tests.staff.test_spreadsheets import (
    HEADERS,
    IMPORT_ACTIONS,
    IMPORT_INNOVATIONS,
    as_csv,
    as_xlsx,
    innovation_row,
)
from tests.world import OWN_VILLAGE, SIBLING_VILLAGE

pytestmark = pytest.mark.django_db


ACTION_HEADERS = [column.name for column in ACTION_COLUMNS]
# SQLite's 999 bound variables split an insert of history rows (about 20 columns) every ~47 rows: the sizes compared
# stay below one batch, so any growth seen is a query per row.
SMALL, LARGE = 5, 45


def innovation_values(number: int, world) -> dict[str, str]:
    own = world.objects["dimensions.innovation"]["own"]
    values = dict(zip(HEADERS, innovation_row(nama=f"Inovasi {number}"), strict=True))
    values["kelurahan"] = f"{OWN_VILLAGE};{SIBLING_VILLAGE}"
    values["perangkat_daerah"] = "Dinas Dua" if number % 2 else "dinas satu"
    if number == 0:
        values["slug"] = own.slug  # an update of an existing innovation
    return values


def action_values(number: int, world) -> dict[str, str]:
    item = world.objects["masterplan.actionitem"]["own"]
    own_innovation = world.objects["dimensions.innovation"]["own"]
    return dict(
        zip(
            ACTION_HEADERS,
            [
                str(item.pk) if number == 0 else "",
                "33.75",
                "1",
                "economy",
                "2025",
                f"Aksi {number}",
                "",
                own_innovation.slug,
            ],
            strict=True,
        )
    )


def queries(function, *args) -> int:
    with CaptureQueriesContext(connection) as captured:
        result = function(*args)
    assert not getattr(result, "errors", None), [str(error) for error in result.errors]
    return len(captured)


@pytest.mark.parametrize(("sheet", "make"), [(INNOVATIONS, innovation_values), (ACTION_ITEMS, action_values)])
def test_validating_and_importing_run_the_same_queries_for_5_and_45_rows(world, sheet, make):
    user = world.users["regency_staff"]
    small = [make(number, world) for number in range(SMALL)]
    large = [make(number, world) for number in range(LARGE)]
    assert queries(validate, user, sheet, small) == queries(validate, user, sheet, large)

    before = sheet.model.objects.count()
    small_import = queries(import_rows, user, sheet, small)
    assert sheet.model.objects.count() == before + SMALL - 1  # row 0 updated an existing object
    # Row 0 updates the same object again; the rest are new.
    large_import = queries(import_rows, user, sheet, [make(number, world) for number in [0, *range(101, 100 + LARGE)]])
    assert large_import == small_import
    assert sheet.model.objects.count() == before + SMALL - 1 + LARGE - 1


def test_imported_innovations_get_their_villages_search_name_and_history(world):
    user = world.users["regency_staff"]
    own = world.objects["dimensions.innovation"]["own"]
    checked = import_rows(user, INNOVATIONS, [innovation_values(number, world) for number in range(3)])
    assert checked.errors == []
    own.refresh_from_db()
    assert own.name == "Inovasi 0"
    assert own.search_name == "inovasi 0"
    assert own.history.first().history_user == user
    assert set(own.villages.values_list("code", flat=True)) == {OWN_VILLAGE, SIBLING_VILLAGE}
    new = Innovation.objects.get(name="Inovasi 1")
    assert new.agency == world.objects["kelurahan.agency"]["sibling"]
    assert new.history.get().history_type == "+"
    assert new.villages.count() == 2


def test_new_rows_with_the_same_name_get_distinct_slugs_free_in_the_database_too(staff, world):
    dimension = Dimension.objects.get(code="governance")
    agency = world.objects["kelurahan.agency"]["other"]
    Innovation.objects.create(name="Lain", slug="pekalongan-smart-parking", dimension=dimension, agency=agency)
    rows = [
        innovation_row(),
        innovation_row(),
        innovation_row(slug="pekalongan-smart-parking-3", nama="Nama lain"),
        innovation_row(),
    ]
    preview = staff.post(IMPORT_INNOVATIONS, {"file": as_csv(HEADERS, rows)})
    assert preview.status_code == 200, [str(error) for error in preview.context["errors"]]
    assert staff.post(IMPORT_INNOVATIONS, {"payload": preview.context["payload"]}).status_code == 302
    slugs = set(Innovation.objects.filter(agency__regency_id="33.75").values_list("slug", flat=True))
    assert {
        "pekalongan-smart-parking-2",
        "pekalongan-smart-parking-3",
        "pekalongan-smart-parking-4",
        "pekalongan-smart-parking-5",
    } <= slugs
    assert Innovation.objects.get(slug="pekalongan-smart-parking").name == "Lain"  # untouched
    assert Innovation.objects.get(slug="pekalongan-smart-parking-3").name == "Nama lain"


def test_an_xlsx_over_the_row_limit_is_refused_without_reading_it_all(staff, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 3)
    read = []
    original = ReadOnlyWorksheet._cells_by_row

    def counting(self, *args, **kwargs):
        for row in original(self, *args, **kwargs):
            read.append(row)
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counting)
    at_limit = staff.post(IMPORT_INNOVATIONS, {"file": as_xlsx(HEADERS, [innovation_row()] * 3)})
    assert at_limit.status_code == 200
    read.clear()
    with translation.override("id"):
        response = staff.post(IMPORT_INNOVATIONS, {"file": as_xlsx(HEADERS, [innovation_row()] * 200)})
    assert response.status_code == 400
    assert response.context["file_error"] == "Paling banyak 3 baris dapat diimpor sekaligus."
    assert len(read) <= 1 + 3 + 1 + 1  # the header, the limit, the row too many (and openpyxl's look-ahead)


def test_the_confirm_form_posts_only_a_token_and_another_users_token_is_refused(staff, client, world):
    preview = staff.post(IMPORT_INNOVATIONS, {"file": as_csv(HEADERS, [innovation_row()])})
    token = preview.context["payload"]
    assert len(token) < 100
    assert "Pekalongan Smart Parking" not in token

    client.force_login(world.users["national_admin"])  # may import anything, but not someone else's preview
    with translation.override("id"):
        response = client.post(IMPORT_INNOVATIONS, {"payload": token})
    assert response.status_code == 400
    assert response.context["file_error"] == "Pratinjau sudah kedaluwarsa; unggah berkas sekali lagi."
    action_token = staff.post(IMPORT_ACTIONS, {"payload": token})  # nor for another model
    assert action_token.status_code == 400
    assert not Innovation.objects.filter(name="Pekalongan Smart Parking").exists()

    client.force_login(world.users["regency_staff"])
    assert client.post(IMPORT_INNOVATIONS, {"payload": token}).status_code == 302
    assert client.post(IMPORT_INNOVATIONS, {"payload": token}).status_code == 400  # confirmed once only
    assert Innovation.objects.filter(name="Pekalongan Smart Parking").count() == 1
    assert client.post(IMPORT_INNOVATIONS, {"payload": ["a", "b"]}).status_code == 400


def test_a_confirm_after_the_preview_expired_is_refused(staff, monkeypatch):
    monkeypatch.setattr(spreadsheets, "PENDING_IMPORT_SECONDS", 1)
    preview = staff.post(IMPORT_INNOVATIONS, {"file": as_csv(HEADERS, [innovation_row()])})
    time.sleep(1.2)
    response = staff.post(IMPORT_INNOVATIONS, {"payload": preview.context["payload"]})
    assert response.status_code == 400
    assert response.context["file_error"]
    assert not Innovation.objects.filter(name="Pekalongan Smart Parking").exists()


def test_the_confirm_checks_the_rows_again(staff, world):
    preview = staff.post(IMPORT_ACTIONS, {"file": as_csv(ACTION_HEADERS, [list(action_values(1, world).values())])})
    assert preview.status_code == 200, [str(error) for error in preview.context["errors"]]
    world.objects["dimensions.innovation"]["own"].delete()  # gone between preview and confirm
    response = staff.post(IMPORT_ACTIONS, {"payload": preview.context["payload"]})
    assert response.status_code == 400
    assert any(error.column == "inovasi" for error in response.context["errors"])


def test_a_large_file_previews_and_confirms(staff, world):
    rows = [innovation_row(nama=f"Inovasi besar {number}") for number in range(2000)]
    before = Innovation.objects.count()
    preview = staff.post(IMPORT_INNOVATIONS, {"file": as_csv(HEADERS, rows)})
    assert preview.status_code == 200, [str(error) for error in preview.context["errors"]][:5]
    assert len(preview.context["payload"]) < 100
    with CaptureQueriesContext(connection) as captured:
        response = staff.post(IMPORT_INNOVATIONS, {"payload": preview.context["payload"]})
    assert response.status_code == 302
    assert Innovation.objects.count() == before + 2000
    assert len(captured) < 200  # batched inserts, not a query per row
    assert Innovation.villages.through.objects.filter(innovation__name__startswith="Inovasi besar").count() == 2000


def test_two_rows_updating_the_same_item_name_the_id_column_and_nothing_is_saved(staff, world):
    item = world.objects["masterplan.actionitem"]["own"]
    rows = [list(action_values(0, world).values()), list(action_values(0, world).values())]
    with translation.override("id"):
        response = staff.post(IMPORT_ACTIONS, {"file": as_csv(ACTION_HEADERS, rows)})
    assert response.status_code == 400
    assert "Baris 3, kolom “id”" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Aksi"
