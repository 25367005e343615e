"""Uploads through the admin (good, oversized, disguised) and the protected download views."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from dimensions.models import InnovationEvidence
from kelurahan.models import Programme
from masterplan.models import Book, MasterplanVersion
from tests.files import EXE, PDF, upload
from tests.staff.admin_client import admin_url, change_form_data
from tests.world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(areas, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path
    return build_world()


def add_evidence(client, world, name: str, content: bytes):
    innovation = world.objects["dimensions.innovation"]["own"]
    return client.post(
        admin_url(InnovationEvidence, "add"),
        {"innovation": innovation.pk, "title": "Laporan triwulan", "file": upload(name, content)},
    )


def test_a_good_file_is_stored_under_a_random_name_and_served_to_its_region_only(client, world):
    client.force_login(world.users["regency_staff"])
    before = InnovationEvidence.objects.count()
    response = add_evidence(client, world, "Laporan Rahasia.pdf", PDF)
    assert response.status_code == 302
    assert InnovationEvidence.objects.count() == before + 1
    evidence = InnovationEvidence.objects.latest("pk")
    assert evidence.original_name == "Laporan Rahasia.pdf"
    assert "Rahasia" not in evidence.file.name
    assert evidence.file.name.endswith(".pdf")
    assert evidence.uploaded_by == world.users["regency_staff"]

    url = reverse("evidence_file", args=[evidence.pk])
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Cache-Control"] == "private, no-store"

    client.force_login(world.users["regency_staff"].__class__.objects.get(username="pontianak"))
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404  # a draft

    evidence.is_published = True
    evidence.save()
    evidence.innovation.is_published = True
    evidence.innovation.save()
    assert client.get(url).status_code == 404  # the region's programme is not published yet
    Programme.objects.filter(regency=evidence.innovation.agency.regency).update(is_published=True)
    assert client.get(url).status_code == 200  # published evidence of a published innovation: public


def test_an_oversized_file_is_refused_with_a_translated_error(client, world, settings):
    settings.UPLOAD_MAX_BYTES = 50
    client.force_login(world.users["regency_staff"])
    before = InnovationEvidence.objects.count()
    response = add_evidence(client, world, "besar.pdf", PDF + b"x" * 100)
    assert response.status_code == 400
    assert "file" in response.context["adminform"].form.errors
    assert "paling besar" in response.content.decode()
    assert InnovationEvidence.objects.count() == before


def test_a_disguised_file_is_refused(client, world):
    client.force_login(world.users["regency_staff"])
    before = InnovationEvidence.objects.count()
    response = add_evidence(client, world, "laporan.pdf", EXE)
    assert response.status_code == 400
    assert "file" in response.context["adminform"].form.errors
    assert InnovationEvidence.objects.count() == before


def test_a_draft_book_goes_to_its_region_and_a_published_one_to_everyone(client, world):
    book = world.objects["masterplan.book"]["own"]
    client.force_login(world.users["regency_staff"])
    data = change_form_data(client.get(admin_url(book, "change")))
    data["file"] = upload("Buku 2.pdf", PDF)
    data["status"] = "draft"
    assert client.post(admin_url(book, "change"), data).status_code == 302
    book.refresh_from_db()
    assert book.file.name.startswith("masterplan/books/")

    url = reverse("book_file", args=[book.pk])
    assert client.get(url).status_code == 200
    client.force_login(world.users["regency_staff"].__class__.objects.get(username="pontianak"))
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404

    Book.objects.get(pk=book.pk).version.__class__.objects.filter(pk=book.version_id).update(is_published=True)
    assert client.get(url).status_code == 404  # the region's programme is not published yet
    Programme.objects.filter(regency=book.version.masterplan.regency).update(is_published=True)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public")


def test_missing_files_and_ids_are_404(client, world):
    client.force_login(world.users["national_admin"])
    book_without_file = world.objects["masterplan.book"]["own"]
    assert client.get(reverse("book_file", args=[book_without_file.pk])).status_code == 404
    assert client.get(reverse("evidence_file", args=[999999])).status_code == 404


def test_published_files_of_an_unpublished_programme_go_to_the_region_only(client, world):
    """The portal's rule: a region's content is public only once its programme is published."""
    book = world.objects["masterplan.book"]["own"]
    book.file.save("buku.pdf", ContentFile(PDF))
    MasterplanVersion.objects.filter(pk=book.version_id).update(is_published=True)
    evidence = world.objects["dimensions.innovationevidence"]["own"]
    evidence.file.save("bukti.pdf", ContentFile(PDF))
    InnovationEvidence.objects.filter(pk=evidence.pk).update(is_published=True)
    evidence.innovation.__class__.objects.filter(pk=evidence.innovation_id).update(is_published=True)
    urls = [reverse("book_file", args=[book.pk]), reverse("evidence_file", args=[evidence.pk])]
    programme = Programme.objects.get(regency=book.version.masterplan.regency)
    assert not programme.is_published

    for url in urls:
        assert client.get(url).status_code == 404  # a visitor
    client.force_login(world.users["regency_staff"])
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"

    client.logout()
    programme.is_published = True
    programme.save()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("public")
