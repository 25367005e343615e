"""Roles as permission groups, kept in step with `User.role` by the service."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command

from accounts import policy
from accounts.models import Role
from accounts.services import role_groups_sync, user_set_role
from kelurahan.models import Agency, Village
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def group_permissions(name: str) -> set[str]:
    group = Group.objects.get(name=name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


@pytest.mark.parametrize("role", list(Role))
def test_the_migration_made_a_group_per_role_with_the_policys_model_permissions(role):
    assert group_permissions(role.value) == policy.model_permissions(role)


def test_regency_staff_get_no_delete_permission_on_programmes_and_evaluators_only_view_permissions():
    assert "kelurahan.delete_programme" not in group_permissions("regency_staff")
    assert "kelurahan.change_programme" in group_permissions("regency_staff")
    assert all(".view_" in name for name in group_permissions("evaluator"))


def test_syncing_the_groups_restores_a_permission_someone_removed_by_hand():
    group = Group.objects.get(name="agency_staff")
    group.permissions.clear()

    call_command("sync_role_groups", stdout=io.StringIO())

    assert group_permissions("agency_staff") == policy.model_permissions(Role.AGENCY_STAFF)
    assert role_groups_sync()["agency_staff"] == len(policy.model_permissions(Role.AGENCY_STAFF))


def test_setting_a_role_puts_the_user_in_exactly_that_roles_group_and_keeps_other_groups(areas):
    user = UserFactory(role="", is_staff=False)
    editors = Group.objects.create(name="newsletter editors")
    user.groups.add(editors)

    user_set_role(user=user, role=Role.REGENCY_STAFF, regency=areas["33.75"])
    assert set(user.groups.values_list("name", flat=True)) == {"regency_staff", "newsletter editors"}
    assert user.is_staff

    village = Village.objects.get(code="33.75.02.1004")
    user_set_role(user=user, role=Role.KELURAHAN_OPERATOR, village=village, regency=areas["33.75"])
    user.refresh_from_db()
    assert set(user.groups.values_list("name", flat=True)) == {"kelurahan_operator", "newsletter editors"}
    assert user.regency is None  # the old regency does not stay behind
    assert user.village == village


def test_a_role_without_its_area_is_refused_and_nothing_changes(areas):
    user = UserFactory(role="")
    with pytest.raises(ValidationError):
        user_set_role(user=user, role=Role.AGENCY_STAFF)
    user.refresh_from_db()
    assert user.role == ""
    assert not user.groups.exists()


def test_has_perm_with_an_object_asks_the_policy(areas):
    pekalongan_agency = Agency.objects.create(regency=areas["33.75"], name="Dinkominfo")
    pontianak_agency = Agency.objects.create(regency=areas["61.71"], name="Diskominfo")
    alice = UserFactory(role="")
    user_set_role(user=alice, role=Role.REGENCY_STAFF, regency=areas["33.75"])

    assert alice.has_perm("kelurahan.change_agency")  # model level: the group
    assert alice.has_perm("kelurahan.change_agency", pekalongan_agency)
    assert not alice.has_perm("kelurahan.change_agency", pontianak_agency)
    assert not alice.has_perm("kelurahan.change_programme", pekalongan_agency)  # wrong model for the object
