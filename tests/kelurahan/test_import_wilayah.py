"""The official area import: full list, subsets, reruns, renames and malformed files.

Errors are reported in the portal's default language, Indonesian.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kelurahan.models import District, Province, Regency, RegencyKind, Village, VillageKind
from kelurahan.services.wilayah import DEFAULT_SOURCE


def run_import(*args: str) -> str:
    out = io.StringIO()
    call_command("import_wilayah", *args, "--no-progress", stdout=out)
    return out.getvalue()


def counts() -> tuple[int, int, int, int]:
    return (Province.objects.count(), Regency.objects.count(), District.objects.count(), Village.objects.count())


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A writable copy of the shipped files, unzipped, to break on purpose."""
    for stem in ("provinces", "regencies", "districts", "villages"):
        with gzip.open(DEFAULT_SOURCE / f"{stem}.csv.gz", "rb") as packed:
            (tmp_path / f"{stem}.csv").write_bytes(packed.read())
    return tmp_path


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow
@pytest.mark.django_db
def test_it_imports_the_whole_national_list_and_a_rerun_changes_nothing():
    run_import()
    assert counts() == (38, 514, 7285, 83762)
    assert Village.objects.filter(kind=VillageKind.KELURAHAN).count() == 8496
    assert Regency.objects.filter(kind=RegencyKind.KOTA).count() == 98

    output = run_import()

    assert counts() == (38, 514, 7285, 83762)
    assert "(0 changed)" in output


@pytest.mark.django_db
def test_it_loads_only_the_named_regencies_and_their_parents():
    run_import("--regency", "33.75", "61.71")

    assert set(Province.objects.values_list("code", flat=True)) == {"33", "61"}
    assert set(Regency.objects.values_list("code", flat=True)) == {"33.75", "61.71"}
    assert District.objects.filter(regency_id="33.75").count() == 4
    assert District.objects.filter(regency_id="61.71").count() == 6
    assert Village.objects.filter(regency_id="33.75").count() == 27
    kuripan = Village.objects.get(code="33.75.04.1008")
    assert (kuripan.name, kuripan.kind, kuripan.district_id) == ("Kuripan Yosorejo", VillageKind.KELURAHAN, "33.75.04")
    pekalongan = Regency.objects.get(code="33.75")
    assert (pekalongan.name, pekalongan.kind, pekalongan.slug) == ("Kota Pekalongan", "kota", "kota-pekalongan")


@pytest.mark.django_db
def test_it_tells_desa_from_kelurahan_by_the_code():
    run_import("--regency", "33.26")

    assert Regency.objects.get(code="33.26").kind == RegencyKind.KABUPATEN
    kinds = {code[-4]: kind for code, kind in Village.objects.values_list("code", "kind")}
    assert kinds == {"1": VillageKind.KELURAHAN, "2": VillageKind.DESA}


@pytest.mark.django_db
def test_a_second_subset_run_adds_only_the_new_regency():
    run_import("--regency", "33.75")
    before = Village.objects.count()

    run_import("--regency", "33.75", "61.71")

    assert Village.objects.count() == before + Village.objects.filter(regency_id="61.71").count()
    assert Village.objects.filter(regency_id="61.71").count() == 29


@pytest.mark.django_db
def test_a_renamed_village_is_updated_in_place(source: Path):
    run_import("--source", str(source), "--regency", "33.75")
    rewrite(source / "villages.csv", "33.75.02.1004,33.75.02,Kauman", "33.75.02.1004,33.75.02,Kauman Baru")

    output = run_import("--source", str(source), "--regency", "33.75")

    assert Village.objects.get(code="33.75.02.1004").name == "Kauman Baru"
    assert Village.objects.filter(regency_id="33.75").count() == 27
    assert "(1 changed)" in output


@pytest.mark.django_db
def test_it_reads_plain_csv_as_well_as_gzip(source: Path):
    run_import("--source", str(source), "--regency", "61.71")
    assert Village.objects.filter(regency_id="61.71").count() == 29


@pytest.mark.parametrize(
    ("stem", "old", "new", "message"),
    [
        ("villages", "code,district_code,name", "kode,kecamatan,nama", "villages.csv, baris 1: kolom yang diharapkan"),
        ("villages", "33.75.02.1004,33.75.02,Kauman", "33.75.02.X004,33.75.02,Kauman", "kolom code"),
        ("villages", "33.75.02.1004,33.75.02,Kauman", "33.75.02.1004,33.75.02", "diharapkan 3 kolom, ditemukan 2"),
        ("villages", "33.75.02.1004,33.75.02,Kauman", "33.75.02.1004,33.75.01,Kauman", "tidak cocok dengan kode"),
        ("villages", "33.75.02.1004,33.75.02,Kauman", "33.75.02.1004,33.75.02,", "kolom name"),
        ("districts", "33.75.04,33.75,Pekalongan Selatan", "33.75.04,33.99,Pekalongan Selatan", "districts.csv, baris"),
        ("villages", "33.75.02.1007,33.75.02,Poncol", "33.75.02.1004,33.75.02,Poncol", "muncul dua kali"),
    ],
)
@pytest.mark.django_db
def test_a_malformed_file_is_rejected_naming_file_and_line_and_nothing_is_written(
    source: Path, stem: str, old: str, new: str, message: str
):
    run_import("--source", str(source), "--regency", "61.71")
    before = counts()
    rewrite(source / f"{stem}.csv", old, new)

    with pytest.raises(CommandError, match=message) as excinfo:
        run_import("--source", str(source), "--regency", "33.75")

    assert counts() == before
    assert not Regency.objects.filter(code="33.75").exists()
    if "baris 1" not in message:
        assert "baris " in str(excinfo.value)


@pytest.mark.django_db
def test_a_line_number_points_at_the_broken_row(source: Path):
    path = source / "villages.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    broken = next(i for i, line in enumerate(lines) if line.startswith("33.75.02.1004"))
    lines[broken] = "not-a-code,33.75.02,Kauman"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with pytest.raises(CommandError, match=rf"villages.csv, baris {broken + 1}: kolom code"):
        run_import("--source", str(source))

    assert counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_an_unknown_regency_code_is_an_error():
    with pytest.raises(CommandError, match=r"Kode kabupaten/kota tidak dikenal: 99\.99"):
        run_import("--regency", "99.99")
    assert counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_a_missing_or_undecodable_file_is_an_error(tmp_path: Path, source: Path):
    with pytest.raises(CommandError, match="berkas tidak ditemukan"):
        run_import("--source", str(tmp_path / "nowhere"))
    (source / "villages.csv").write_bytes(b"code,district_code,name\n33.75.02.1004,33.75.02,\xff\xfe\n")
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        run_import("--source", str(source))
    assert counts() == (0, 0, 0, 0)


def test_the_shipped_copy_carries_its_licence():
    assert "Open Database License" in (DEFAULT_SOURCE / "LICENSE.md").read_text(encoding="utf-8")
