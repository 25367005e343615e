"""Files behind the public pages (masterplan books, evidence) and the error pages."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.template.loader import get_template
from django.test import RequestFactory
from django.utils import translation

from dimensions.models import Innovation, InnovationEvidence
from masterplan.models import Book

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _book() -> Book:
    book = Book.objects.get(version__masterplan__regency_id="61.71", version__number=1, number=2)
    book.file.save("buku-2.pdf", ContentFile(PDF), save=True)
    return book


def test_a_book_of_a_published_masterplan_downloads_with_a_readable_name(client, demo):
    _book()

    response = client.get("/wilayah/kota-pontianak/masterplan/1/buku/2/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="masterplan-kota-pontianak-v1-buku-2.pdf"' in response["Content-Disposition"]
    assert "/masterplan/1/buku/2/" in client.get("/wilayah/kota-pontianak/masterplan/1/").content.decode()


def test_a_book_without_a_file_or_of_an_unpublished_version_is_not_found(client, demo):
    book = _book()
    assert client.get("/wilayah/kota-pontianak/masterplan/1/buku/3/").status_code == 404

    book.version.is_published = False
    book.version.save()

    assert client.get("/wilayah/kota-pontianak/masterplan/1/buku/2/").status_code == 404


def test_a_book_whose_file_is_missing_from_storage_is_not_found(client, demo):
    book = _book()
    book.file.storage.delete(book.file.name)

    assert client.get("/wilayah/kota-pontianak/masterplan/1/buku/2/").status_code == 404


def test_only_published_evidence_of_a_published_innovation_downloads(client, demo):
    innovation = Innovation.objects.get(slug="sakpore")
    evidence = InnovationEvidence(innovation=innovation, title="Laporan 2021", original_name="laporan.pdf")
    evidence.file.save("laporan.pdf", ContentFile(PDF), save=False)
    evidence.save()
    url = f"/inovasi/sakpore/bukti/{evidence.pk}/"

    assert client.get(url).status_code == 404
    assert "Laporan 2021" not in client.get("/inovasi/sakpore/").content.decode()

    evidence.is_published = True
    evidence.save()
    assert "Laporan 2021" in client.get("/inovasi/sakpore/").content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert 'filename="laporan.pdf"' in response["Content-Disposition"]

    innovation.is_published = False
    innovation.save()
    assert client.get(url).status_code == 404


def test_the_500_page_renders_without_a_request_or_database_in_both_languages():
    for language, text in (("id", "Terjadi kesalahan server"), ("en", "Server error")):
        with translation.override(language):
            html = get_template("500.html").render()
        assert text in html
        assert f'lang="{language}"' in html


@pytest.mark.parametrize(("template", "text"), [("400.html", "Permintaan tidak valid"), ("403.html", "Akses ditolak")])
def test_the_400_and_403_pages_are_translated(demo, template, text):
    request = RequestFactory().get("/")

    html = get_template(template).render({}, request)

    assert text in html


def test_pages_have_no_inline_scripts_or_styles(client, demo):
    for url in ("/", "/wilayah/kota-pekalongan/", "/inovasi/sakpore/", "/cari/?q=kauman", "/tidak-ada/"):
        html = client.get(url).content.decode()
        assert "<script" not in html, url
        assert "style=" not in html, url
        assert " onclick=" not in html, url
