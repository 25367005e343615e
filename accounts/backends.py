"""An authentication backend that answers object permissions from the policy.

With it, `user.has_perm("dimensions.change_innovation", innovation)` (and DRF's
`DjangoObjectPermissions`) give the same answer as `policy.can(user, "change", innovation)`.
Model-level questions (`obj=None`) stay with Django's ModelBackend and the role groups.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

from . import policy


class PolicyBackend:
    """Object permissions only; authenticates nobody."""

    def authenticate(self, request: object, **credentials: object) -> None:
        return None

    def has_perm(self, user_obj: object, perm: str, obj: models.Model | None = None) -> bool:
        if obj is None:
            return False
        app_label, _, codename = perm.partition(".")
        action, _, model_name = codename.partition("_")
        if action not in {a.value for a in policy.Action}:
            return False
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            return False
        if not isinstance(obj, model):
            return False
        return policy.can(user_obj, action, obj)  # type: ignore[arg-type]
