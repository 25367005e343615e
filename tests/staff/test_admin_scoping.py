"""Bad input through the admin: forged posts, tampered foreign keys and inline rows of another region."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dimensions.models import Innovation, InnovationLink
from tests.staff.admin_client import admin_url, change_form_data
from tests.world import World

pytestmark = pytest.mark.django_db


def innovations(world: World) -> dict[str, Innovation]:
    return world.objects["dimensions.innovation"]


def test_a_tampered_agency_is_a_form_error_and_nothing_is_saved(staff, world):
    own, other = innovations(world)["own"], innovations(world)["other"]
    data = change_form_data(staff.get(admin_url(own, "change")))
    data["agency"] = other.agency_id
    data["name"] = "Dipindah ke Pontianak"
    response = staff.post(admin_url(own, "change"), data)
    assert response.status_code == 400
    assert "agency" in response.context["adminform"].form.errors
    own.refresh_from_db()
    assert own.agency_id != other.agency_id
    assert own.name != "Dipindah ke Pontianak"


def test_a_village_of_another_region_cannot_be_placed(staff, world):
    own = innovations(world)["own"]
    other_village = world.objects["kelurahan.village"]["other"]
    data = change_form_data(staff.get(admin_url(own, "change")))
    data["villages"] = [other_village.pk]
    response = staff.post(admin_url(own, "change"), data)
    assert response.status_code == 400
    assert "villages" in response.context["adminform"].form.errors
    assert not own.villages.filter(pk=other_village.pk).exists()


def test_a_forged_post_for_another_regions_object_is_404_and_changes_nothing(staff, world):
    own, other = innovations(world)["own"], innovations(world)["other"]
    data = change_form_data(staff.get(admin_url(own, "change")))
    data["name"] = "Diambil alih"
    response = staff.post(admin_url(other, "change"), data)
    assert response.status_code == 404
    assert "Pontianak" not in response.content.decode()
    other.refresh_from_db()
    assert other.name != "Diambil alih"
    assert staff.post(admin_url(other, "delete"), {"post": "yes"}).status_code == 404
    assert Innovation.objects.filter(pk=other.pk).exists()
    assert staff.get(admin_url(other, "history")).status_code == 404


def test_an_inline_row_of_another_region_cannot_be_edited_through_an_own_object(staff, world):
    own = innovations(world)["own"]
    foreign_link = world.objects["dimensions.innovationlink"]["other"]
    data = change_form_data(staff.get(admin_url(own, "change")))
    # Point the first link row at Pontianak's link.
    data["links-0-id"] = foreign_link.pk
    data["links-0-title"] = "Dibajak"
    response = staff.post(admin_url(own, "change"), data)
    assert response.status_code in {302, 400, 403}
    foreign_link.refresh_from_db()
    assert foreign_link.title != "Dibajak"
    assert foreign_link.innovation_id != own.pk
    # At most the row became a new link of the user's own innovation; Pontianak's link is untouched.
    assert set(InnovationLink.objects.filter(title="Dibajak").values_list("innovation_id", flat=True)) <= {own.pk}


def test_publishing_through_the_action_skips_other_regions(staff, world):
    own, other = innovations(world)["own"], innovations(world)["other"]
    Innovation.objects.filter(pk__in=[own.pk, other.pk]).update(is_published=False)
    response = staff.post(
        admin_url(Innovation, "changelist"),
        {"action": "publish", "_selected_action": [own.pk, other.pk]},
    )
    assert response.status_code == 302
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.is_published
    assert not other.is_published


def test_village_autocomplete_offers_only_the_users_region(staff, world):
    response = staff.get(
        reverse("admin:autocomplete"),
        {"app_label": "dimensions", "model_name": "innovation", "field_name": "villages", "term": ""},
    )
    assert response.status_code == 200
    codes = {row["id"] for row in response.json()["results"]}
    assert codes
    assert all(code.startswith("33.75.") for code in codes)


def test_agency_choices_and_filters_show_only_the_users_region(staff, world):
    response = staff.get(admin_url(Innovation, "add"))
    choices = {str(pk) for pk, _ in response.context["adminform"].form.fields["agency"].choices if pk}
    assert str(world.objects["kelurahan.agency"]["own"].pk) in choices
    assert str(world.objects["kelurahan.agency"]["other"].pk) not in choices
    changelist = staff.get(admin_url(Innovation, "changelist")).content.decode()
    assert "Dinas Tiga" not in changelist  # Pontianak's agency is not even a filter option


def test_staff_without_a_role_or_inactive_cannot_enter(client, world):
    user = world.users["regency_staff"]
    user.is_active = False
    user.save()
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
