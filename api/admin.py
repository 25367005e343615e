"""API tokens in the staff workspace: national admins for everyone, Dinkominfo (regency staff) for their region.

A token's key is made by `api_token_create` and shown once, in the message after saving; only its digest is
stored, and the digest is never shown. A token is never deleted, it is revoked, so its use stays on record.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import policy
from accounts.policy import Action
from smartcity.admin import PolicyAdminMixin

from .models import ApiToken
from .services import api_token_create, api_tokens_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at"]
    list_filter = ["created_at", "expires_at", "revoked_at"]
    list_select_related = ["user"]
    search_fields = ["name", "prefix", "user__username"]
    autocomplete_fields = ["user"]
    actions = ["revoke"]
    deleted_with_parent = True  # deleting a user deletes their tokens, which nobody deletes by hand
    add_fields = ["user", "name", "expires_at"]
    change_fields = ["user", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at"]

    def get_fields(self, request, obj=None):
        return self.add_fields if obj is None else self.change_fields

    def get_readonly_fields(self, request, obj=None):
        # The user a key acts as never changes (that would hand the key to someone else); revoking is an action.
        return [] if obj is None else ["user", "prefix", "created_at", "last_used_at", "revoked_at"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        if not policy.can_save(request.user, obj):
            raise PermissionDenied
        token, key = api_token_create(user=obj.user, name=obj.name, expires_at=obj.expires_at)
        for field in ApiToken._meta.concrete_fields:
            setattr(obj, field.attname, getattr(token, field.attname))
        obj._state.adding = False
        obj._state.db = token._state.db
        messages.warning(
            request,
            _("The key of this token, shown only this once (copy it now; only its digest is stored): %(key)s")
            % {"key": key},
        )

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        revoked = api_tokens_revoke(tokens=policy.scope(request.user, Action.CHANGE, queryset))
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", revoked) % {"count": revoked},
            messages.SUCCESS,
        )
