"""Audit history (django-simple-history): who changed what and when, viewable and revertible, scoped by the policy."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dimensions.models import Innovation
from kelurahan.models import LegalBasis
from masterplan.models import ActionItem
from tests.staff.admin_client import admin_url, change_form_data

pytestmark = pytest.mark.django_db


def history_form_url(obj, record) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, record.history_id])


def rename_through_admin(client, obj, new_name: str, field: str = "name") -> None:
    data = change_form_data(client.get(admin_url(obj, "change")))
    data[field] = new_name
    response = client.post(admin_url(obj, "change"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response


def test_an_admin_change_records_who_when_and_the_previous_values(client, world):
    staff = world.users["regency_staff"]
    client.force_login(staff)
    innovation = world.objects["dimensions.innovation"]["own"]
    old_name = innovation.name
    rename_through_admin(client, innovation, "SIPEKA versi baru")

    latest, previous = innovation.history.all()[:2]
    assert latest.history_user == staff
    assert latest.history_type == "~"
    assert latest.name == "SIPEKA versi baru"
    delta = latest.diff_against(previous)
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "name"] == [
        ("name", old_name, "SIPEKA versi baru")
    ]

    page = client.get(admin_url(innovation, "history"))
    assert page.status_code == 200
    assert staff.username in page.content.decode()


def test_a_version_can_be_reverted_in_the_admin(client, world):
    client.force_login(world.users["regency_staff"])
    item = world.objects["masterplan.actionitem"]["own"]
    rename_through_admin(client, item, "Aksi yang salah ketik", field="title")
    original = item.history.earliest("history_date")

    form_page = client.get(history_form_url(item, original))
    assert form_page.status_code == 200
    response = client.post(history_form_url(item, original), change_form_data(form_page))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Aksi"
    assert item.history.count() == 3  # created, mistyped, reverted


def test_another_regions_history_is_404(client, world):
    client.force_login(world.users["regency_staff"])
    other = world.objects["dimensions.innovation"]["other"]
    record = other.history.first()
    assert client.get(admin_url(other, "history")).status_code == 404
    assert client.get(history_form_url(other, record)).status_code == 404
    assert client.post(history_form_url(other, record), {"name": "x"}).status_code == 404
    other.refresh_from_db()
    assert other.name != "x"


def test_view_only_users_see_history_but_cannot_revert(client, world):
    client.force_login(world.users["evaluator"])
    legal_basis = world.objects["kelurahan.legalbasis"]["own"]
    record = legal_basis.history.first()
    assert client.get(admin_url(legal_basis, "history")).status_code == 200
    response = client.post(history_form_url(legal_basis, record), {"title": "Diubah"})
    assert response.status_code == 403
    legal_basis.refresh_from_db()
    assert legal_basis.title != "Diubah"


def test_a_deleted_objects_history_is_kept_for_the_national_admin_only(client, world):
    innovation = world.objects["dimensions.innovation"]["own"]
    pk = innovation.pk
    client.force_login(world.users["regency_staff"])
    assert client.post(admin_url(innovation, "delete"), {"post": "yes"}).status_code == 302
    assert not Innovation.objects.filter(pk=pk).exists()
    assert Innovation.history.filter(id=pk, history_type="-").exists()
    url = reverse("admin:dimensions_innovation_history", args=[pk])
    assert client.get(url).status_code == 404
    client.force_login(world.users["national_admin"])
    assert client.get(url).status_code == 200


def test_programme_models_all_keep_history():
    for model in (Innovation, LegalBasis, ActionItem):
        assert hasattr(model, "history")
