"""The one scoping policy: who may see, add, change and delete what, everywhere in the portal.

Admin, staff views and the REST API all ask this module, never `user.role` directly:

    from accounts import policy
    from accounts.policy import Action

    policy.scope(user, Action.VIEW, Innovation)            # QuerySet of rows the user may view
    policy.scope(user, "change", Innovation.objects.published())  # narrows any QuerySet
    policy.can(user, Action.CHANGE, innovation)            # this object (saved: as stored; unsaved: as held)
    policy.can(user, Action.ADD, Innovation)               # any object of the model at all
    policy.can_save(user, innovation)                      # the values it now holds stay within reach
    policy.choices(user, Innovation, "villages")           # what may be picked for a FK / m2m field
    policy.get_object_or_404(user, Action.CHANGE, Innovation, pk=7)  # 404 out of reach, 403 view-only
    policy.ensure(user, Action.DELETE, innovation)         # same answers for an object in hand

Rules (the table is in `accounts/policy/rules.py`, one line per model):
- national admin (and active superusers): everything, except what nobody edits by hand (official
  areas, the four books' existence, audit rows);
- regency staff: their regency's programme objects; catalogue and areas read-only;
- agency staff: their agency's innovations and the Kelurahan Pintar enrolments they supervise;
- kelurahan operator: their village, its enrolment and the innovations placed in it;
- evaluator: reads every region's programme and the submissions assigned to them, edits nothing by hand;
- inactive or anonymous users, and users without a role: nothing.

Objects out of the user's reach are answered with 404, never 403, so nothing of another region is
revealed (not even that it exists). See docs/permissions.md for how admin, views and API use it.
"""

from __future__ import annotations

from .engine import (
    NoRule,
    base_model,
    can,
    can_save,
    choices,
    ensure,
    get_object_or_404,
    known_models,
    level_for,
    model_permissions,
    role_of,
    rule_for,
    scope,
)
from .types import Action, Level

__all__ = [
    "Action",
    "Level",
    "NoRule",
    "base_model",
    "can",
    "can_save",
    "choices",
    "ensure",
    "get_object_or_404",
    "known_models",
    "level_for",
    "model_permissions",
    "role_of",
    "rule_for",
    "scope",
]
