"""How the rule table is applied to a user, a model, a QuerySet or an object."""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Role, User

from .rules import RULES, Rule
from .types import Action, Level

M = TypeVar("M", bound=models.Model)
AnyUser = User | AnonymousUser | None

_RULES_BY_LABEL: dict[str, Rule] = {rule.label.lower(): rule for rule in RULES}

# Narrower choices for particular fields, on top of "what the user may view" (see `choices`).
_FIELD_CHOICES: dict[tuple[str, str], Q] = {
    ("evaluations.submission", "evaluators"): Q(role=Role.EVALUATOR, is_active=True),
    ("evaluations.submission_evaluators", "user"): Q(role=Role.EVALUATOR, is_active=True),
}


class NoRule(LookupError):
    """A model the policy does not know: nobody but nobody may touch it through the policy."""


def base_model(model: type[models.Model]) -> type[models.Model]:
    """The model whose rule applies: a historical record (django-simple-history) follows its original."""
    original = getattr(model, "instance_type", None)
    if original is not None and getattr(model, "history_object", None) is not None:
        return original
    return model


def rule_for(model: type[models.Model]) -> Rule:
    """The rule of a model, or NoRule."""
    label = model._meta.label_lower
    try:
        return _RULES_BY_LABEL[label]
    except KeyError:
        raise NoRule(label) from None


def role_of(user: AnyUser) -> Role | None:
    """The role the policy applies to a user: none for anonymous or inactive users.

    An active superuser is treated as a national admin, so `createsuperuser` accounts work in the
    admin without giving them powers the table does not describe.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return Role.NATIONAL_ADMIN
    return Role(user.role) if user.role else None


def _anchors(user: User) -> dict[Level, Any]:
    """The user's own regency, agency, village and id, cached on the user object for the request."""
    cached = getattr(user, "_policy_anchors", None)
    if cached is not None:
        return cached
    regency = user.regency_id
    if regency is None and user.agency_id is not None:
        regency = user.agency.regency_id
    if regency is None and user.village_id is not None:
        # Village codes start with their regency's code (a check constraint guarantees it).
        regency = user.village_id[:5]
    anchors = {
        Level.REGENCY: regency,
        Level.AGENCY: user.agency_id,
        Level.VILLAGE: user.village_id,
        Level.ASSIGNED: user.pk,
    }
    user._policy_anchors = anchors
    return anchors


def level_for(user: AnyUser, action: Action | str, model: type[models.Model]) -> Level | None:
    """How far the user's grant for this action on this model reaches; None when it does not exist."""
    role = role_of(user)
    if role is None:
        return None
    try:
        rule = rule_for(base_model(model))
    except NoRule:
        return None
    level = rule.level(role, Action(action))
    if level is None or level is Level.ALL:
        return level
    if _anchors(user)[level] is None:
        # A regional role without its area (should not happen: check constraints) gets nothing.
        return None
    return level


@cache
def _is_multivalued(model: type[models.Model], path: str) -> bool:
    """Whether a lookup path crosses a many-valued relation (m2m or reverse FK)."""
    if path == "pk":
        return False
    current = model
    for part in path.split("__"):
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        current = field.related_model
    return False


def _q(model: type[models.Model], rule: Rule, level: Level, anchor: Any) -> Q:
    condition = Q()
    for path in rule.paths.for_level(level):
        if _is_multivalued(model, path):
            # A subquery keeps rows unique where a join through an m2m would repeat them.
            ids = model._base_manager.filter(**{path: anchor}).values("pk")
            condition |= Q(pk__in=ids)
        else:
            condition |= Q(**{path: anchor})
    return condition


def scope(user: AnyUser, action: Action | str, model_or_queryset: type[M] | QuerySet[M]) -> QuerySet[M]:
    """The rows of a model (or of a QuerySet) the user may act on; empty when none."""
    if isinstance(model_or_queryset, QuerySet):
        queryset, model = model_or_queryset, model_or_queryset.model
    else:
        model = model_or_queryset
        queryset = model._default_manager.all()
    level = level_for(user, action, model)
    if level is None:
        return queryset.none()
    if level is Level.ALL:
        return queryset
    original = base_model(model)
    if original is not model:
        # History rows are visible (revertible) where their object is visible (changeable).
        return queryset.filter(id__in=scope(user, action, original).values("pk"))
    return queryset.filter(_q(model, rule_for(model), level, _anchors(user)[level]))


def _values_on_instance(obj: models.Model, path: str) -> set[Any]:
    """Follow a lookup path on an instance in memory (also unsaved ones): the values at its end."""
    if path == "pk":
        return {obj.pk} if obj.pk is not None else set()
    current: list[Any] = [obj]
    parts = path.split("__")
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        following: list[Any] = []
        for item in current:
            try:
                field = item._meta.get_field(part)
            except FieldDoesNotExist:
                return set()
            saved = item.pk is not None and not item._state.adding
            if field.many_to_many or field.one_to_many:
                if not saved:
                    continue  # an unsaved row has no m2m or reverse rows yet
                accessor = part if field.concrete else field.get_accessor_name()
                manager = getattr(item, accessor)
                if accessor in getattr(item, "_prefetched_objects_cache", {}):
                    # Prefetched (bulk imports): no query per object.
                    following.extend([related.pk for related in manager.all()] if last else manager.all())
                else:
                    following.extend(manager.values_list("pk", flat=True) if last else manager.all())
            elif field.is_relation and field.concrete:
                following.append(getattr(item, field.attname) if last else getattr(item, field.name))
            elif field.is_relation:
                if not saved:
                    continue
                try:
                    related = getattr(item, field.get_accessor_name())
                except ObjectDoesNotExist:
                    continue
                following.append(related.pk if last else related)
            else:
                following.append(getattr(item, part))
        current = [value for value in following if value is not None]
    return {value for value in current if value is not None}


def _instance_in_reach(user: User, level: Level, obj: models.Model) -> bool:
    if level is Level.ALL:
        return True
    anchor = _anchors(user)[level]
    model = base_model(type(obj))
    if model is not type(obj):
        return _instance_in_reach(user, level, model(pk=obj.id))
    return any(anchor in _values_on_instance(obj, path) for path in rule_for(model).paths.for_level(level))


def can(user: AnyUser, action: Action | str, obj_or_model: models.Model | type[models.Model]) -> bool:
    """May the user do this action: to this object (saved or not), or to some object of this model?

    A saved object is judged as it is stored in the database (one query unless the grant reaches
    every row); an unsaved object (about to be added) by the values it holds in memory.
    """
    if isinstance(obj_or_model, type):
        return level_for(user, action, obj_or_model) is not None
    obj = obj_or_model
    level = level_for(user, action, type(obj))
    if level is None:
        return False
    if level is Level.ALL:
        return True
    if obj.pk is None or obj._state.adding:
        return _instance_in_reach(user, level, obj)
    return scope(user, action, type(obj)).filter(pk=obj.pk).exists()


def can_save(user: AnyUser, obj: models.Model, *, stored_changeable: bool = False) -> bool:
    """May the user save this object with the values it now holds?

    Adding: the new values must lie within the user's reach. Changing: the stored row must be
    changeable AND the new values must still lie within reach, so nothing can be moved to another
    region by editing a foreign key. `stored_changeable=True` says the caller loaded the stored row
    through `scope(user, "change", …)` already (bulk imports), which saves the per-object query.
    """
    adding = obj.pk is None or obj._state.adding
    action = Action.ADD if adding else Action.CHANGE
    level = level_for(user, action, type(obj))
    if level is None:
        return False
    if not adding and not stored_changeable and not can(user, Action.CHANGE, obj):
        return False
    return _instance_in_reach(user, level, obj)  # type: ignore[arg-type]


def ensure(user: AnyUser, action: Action | str, obj: models.Model) -> None:
    """Raise Http404 when the user may not even see the object, PermissionDenied when it may see but not act."""
    if not can(user, Action.VIEW, obj):
        raise Http404(_("No such object, or it is not in your area of work."))
    if Action(action) is not Action.VIEW and not can(user, action, obj):
        raise PermissionDenied(_("You may view this object, but not change or delete it."))


def get_object_or_404(
    user: AnyUser, action: Action | str, model_or_queryset: type[M] | QuerySet[M], **lookup: Any
) -> M:
    """Fetch one object the user may see, or 404 (also for another region's objects); 403 if it may not act."""
    queryset = scope(user, Action.VIEW, model_or_queryset)
    try:
        obj = queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such object, or it is not in your area of work.")) from None
    ensure(user, action, obj)
    return obj


def choices(user: AnyUser, model: type[models.Model], field_name: str) -> QuerySet:
    """The objects the user may pick for a foreign key or many-to-many field of `model`.

    You may pick what you may view (a Pontianak user sees and picks only Pontianak's villages and
    agencies; an agency's staff picks only its own agency), narrowed further for a few fields
    (assigned evaluators must be active evaluators).
    """
    field = model._meta.get_field(field_name)
    related = field.related_model
    if related is None:
        raise ValueError(f"{model._meta.label}.{field_name} is not a relation")
    queryset = scope(user, Action.VIEW, related)
    narrower = _FIELD_CHOICES.get((model._meta.label_lower, field_name))
    if narrower is not None:
        queryset = queryset.filter(narrower)
    return queryset


def model_permissions(role: Role | str) -> set[str]:
    """Django permission names ("app_label.view_model") a role's group holds: any grant, any reach."""
    found = set()
    for rule in RULES:
        if apps.get_model(rule.label)._meta.auto_created:
            continue  # m2m tables have no permissions of their own in Django
        app_label, model_name = rule.label.lower().split(".")
        for action in rule.parsed.get(Role(role), {}):
            found.add(f"{app_label}.{action}_{model_name}")
    return found


def known_models() -> list[type[models.Model]]:
    """Every model that has a rule."""
    return [apps.get_model(rule.label) for rule in RULES]
