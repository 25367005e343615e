"""Writes to accounts: a user's role, and the permission groups that mirror the roles."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from kelurahan.models import Agency, Regency, Village

from . import policy
from .models import Role, User


@transaction.atomic
def user_set_role(
    *,
    user: User,
    role: Role | str,
    regency: Regency | None = None,
    agency: Agency | None = None,
    village: Village | None = None,
) -> User:
    """Give a user a role and the area it works in; keep the role's group (and admin access) in step.

    Only the area field the role needs is kept, so a former regency staff member turned kelurahan
    operator does not keep their old regency. An empty role takes every role group away.
    """
    role = Role(role) if role else ""
    user.role = role
    user.regency = regency if role == Role.REGENCY_STAFF else None
    user.agency = agency if role == Role.AGENCY_STAFF else None
    user.village = village if role == Role.KELURAHAN_OPERATOR else None
    if role:
        user.is_staff = True  # every role works in the admin
    user.full_clean()
    user.save()
    user_sync_role_group(user=user)
    return user


@transaction.atomic
def user_sync_role_group(*, user: User) -> None:
    """Make the user a member of exactly the group of its role (other groups are left alone)."""
    role_groups = list(Group.objects.filter(name__in=Role.values))
    user.groups.remove(*[group for group in role_groups if group.name != user.role])
    if user.role:
        group, _ = Group.objects.get_or_create(name=user.role)
        user.groups.add(group)


@transaction.atomic
def role_groups_sync() -> dict[str, int]:
    """Set each role group's permissions to what the policy table grants; return the count per group."""
    counts = {}
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = policy.model_permissions(role)
        permissions = [
            permission
            for permission in Permission.objects.select_related("content_type")
            if f"{permission.content_type.app_label}.{permission.codename}" in wanted
        ]
        group.permissions.set(permissions)
        counts[role.value] = len(permissions)
    return counts
