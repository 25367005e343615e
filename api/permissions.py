"""Write access through the scoping policy (accounts/policy), the same rules as the admin."""

from __future__ import annotations

from rest_framework import permissions

from accounts import policy
from accounts.policy import Action

METHOD_ACTIONS = {"POST": Action.ADD, "PUT": Action.CHANGE, "PATCH": Action.CHANGE, "DELETE": Action.DELETE}


class PolicyPermission(permissions.BasePermission):
    """Reads are open (the views show published rows plus what the policy lets the user view).

    Writes need an authenticated user whose role may do the action on some row of the model; which
    row is decided per object by `policy.get_object_or_404` (404 out of reach, 403 view-only) and
    `policy.can_save` (new values within reach).
    """

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        if not (request.user and request.user.is_authenticated):
            return False
        action = METHOD_ACTIONS.get(request.method)
        return action is not None and policy.can(request.user, action, view.get_queryset().model)


class AuthenticatedPolicyRead(permissions.BasePermission):
    """Non-public data (submissions): signed-in users, then the policy's view scope decides the rows."""

    def has_permission(self, request, view) -> bool:
        # Read-only views answer other methods with 405 themselves.
        return bool(request.user and request.user.is_authenticated)
