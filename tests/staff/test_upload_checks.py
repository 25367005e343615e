"""Upload checks: content decides the type, size is limited, stored names are random."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from smartcity.uploads import DOCUMENTS, EVIDENCE, IMAGES, FileCheck, RandomName, check_upload
from tests.files import EXE, HTML, PDF, PNG, docx_bytes, upload, xlsx_bytes


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("Buku 2.pdf", PDF, "pdf"),
        ("foto.PNG", PNG, "png"),
        ("rencana.xlsx", xlsx_bytes(), "xlsx"),
        ("laporan.docx", docx_bytes(), "docx"),
    ],
)
def test_real_files_of_accepted_kinds_pass(name, content, kind):
    assert check_upload(upload(name, content), EVIDENCE) == kind


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("laporan.pdf", EXE),  # a program renamed to .pdf
        ("foto.png", HTML),  # a web page renamed to .png
        ("laporan.docx", PDF),  # a PDF renamed to .docx
        ("foto.jpg", PNG),  # right family, wrong kind
    ],
)
def test_a_disguised_file_is_refused_with_a_clear_indonesian_message(name, content):
    with translation.override("id"), pytest.raises(ValidationError) as error:
        check_upload(upload(name, content), EVIDENCE)
    assert error.value.code == "file_content_mismatch"
    assert "bukan berkas" in " ".join(error.value.messages)


def test_an_image_is_not_a_book():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("sampul.png", PNG), DOCUMENTS)
    assert error.value.code == "file_type_not_accepted"


@pytest.mark.parametrize("name", ["skrip.exe", "halaman.html", "gambar.svg", "tanpa-ekstensi"])
def test_unknown_types_are_refused_by_name_before_reading(name):
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, PDF), EVIDENCE)
    assert error.value.code == "file_type_not_accepted"


def test_an_oversized_file_is_refused_naming_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with translation.override("id"), pytest.raises(ValidationError) as error:
        check_upload(upload("besar.pdf", PDF + b"0" * 2048), DOCUMENTS)
    assert error.value.code == "file_too_large"
    assert "1,0 KB" in error.value.messages[0].replace("\xa0", " ")


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError):
        check_upload(upload("kosong.pdf", b""), DOCUMENTS)


def test_the_field_validator_skips_files_already_stored_and_checks_new_ones():
    class Stored:
        _committed = True

    FileCheck(IMAGES)(Stored())  # no error: it was checked when uploaded
    with pytest.raises(ValidationError):
        FileCheck(IMAGES)(upload("x.png", HTML))


def test_stored_names_are_random_and_keep_only_a_known_extension():
    name_for = RandomName("dimensions/evidence")
    first = name_for(None, "../../etc/Laporan Akhir.PDF")
    second = name_for(None, "../../etc/Laporan Akhir.PDF")
    assert first != second
    assert first.startswith("dimensions/evidence/")
    assert first.endswith(".pdf")
    assert ".." not in first
    assert "Laporan" not in first
    assert name_for(None, "shell.php").endswith(".bin")
