"""Admin of portal users (role and area of work) and of the role groups (read-only)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from accounts import policy
from smartcity.admin import PolicyAdminMixin

from .models import User
from .services import user_set_role

AREA_FIELDS = ["role", "regency", "agency", "village"]


@admin.register(User)
class UserAdmin(PolicyAdminMixin, DjangoUserAdmin):
    """A user's role and area are set together through `user_set_role` (which keeps the role group in step)."""

    list_display = ["username", "get_full_name", "email", "role", "area", "is_active", "last_login"]
    list_filter = ["role", "is_active", "is_superuser"]
    list_select_related = ["regency", "agency", "village"]
    search_fields = ["username", "first_name", "last_name", "email"]
    autocomplete_fields = ["regency", "agency", "village"]
    date_hierarchy = "date_joined"
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email", "language"]}),
        (_("Role and area of work"), {"fields": AREA_FIELDS}),
        (_("Access"), {"fields": ["is_active", "is_superuser"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "email", "password1", "password2"]}),
        (_("Role and area of work"), {"fields": AREA_FIELDS}),
    ]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = []

    @admin.display(description=_("area of work"))
    def area(self, obj):
        return obj.village or obj.agency or obj.regency or "—"

    def save_model(self, request, obj, form, change):
        if not policy.can_save(request.user, obj):
            raise PermissionDenied
        role = obj.role
        regency, agency, village = obj.regency, obj.agency, obj.village
        if not change:
            obj.save()  # the creation form set the password; the role service needs a saved user
        user_set_role(user=obj, role=role, regency=regency, agency=agency, village=village)


admin.site.unregister(Group)  # django.contrib.auth registered it without the policy


@admin.register(Group)
class GroupAdmin(PolicyAdminMixin, DjangoGroupAdmin):
    """The role groups mirror the policy table (`manage.py sync_role_groups`): read-only here."""

    def get_readonly_fields(self, request, obj=None):
        return ["name", "permissions"]
