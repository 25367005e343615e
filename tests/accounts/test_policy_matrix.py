"""The permission matrix at the policy level: every role × every model × view/add/change/delete × place.

The expectations are written out here by hand, independently of accounts/policy/rules.py, so that
loosening (or tightening) any single grant there makes exactly one of these tests fail.
Each entry is "own sibling other": four letters per place, "vacd" with "-" where the action is
refused; "n/a" marks a place the model has no object for (national models have no sibling).
"""

from __future__ import annotations

import copy

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts import policy
from accounts.policy import Action
from tests.world import PLACES, World, build_world

pytestmark = pytest.mark.django_db

NONE = "---- n/a ----"
NONE3 = "---- ---- ----"
ACTIONS = {"v": Action.VIEW, "a": Action.ADD, "c": Action.CHANGE, "d": Action.DELETE}

# model label -> role -> "own sibling other"
EXPECTED: dict[str, dict[str, str]] = {
    "api.apitoken": {
        "national_admin": "vac- vac- vac-",
        "regency_staff": "vac- vac- ----",
        "agency_staff": NONE3,
        "kelurahan_operator": NONE3,
        "evaluator": NONE3,
    },
    "accounts.user": {
        "national_admin": "vacd vacd vacd",
        "regency_staff": "v--- v--- ----",
        "agency_staff": NONE3,
        "kelurahan_operator": NONE3,
        "evaluator": NONE3,
    },
    "accounts.user_groups": {
        "national_admin": "v--- v--- v---",
        "regency_staff": NONE3,
        "agency_staff": NONE3,
        "kelurahan_operator": NONE3,
        "evaluator": NONE3,
    },
    "accounts.user_user_permissions": {
        "national_admin": "v--- v--- v---",
        "regency_staff": NONE3,
        "agency_staff": NONE3,
        "kelurahan_operator": NONE3,
        "evaluator": NONE3,
    },
    "auth.group": {
        "national_admin": "v--- n/a v---",
        "regency_staff": NONE,
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": NONE,
    },
    "kelurahan.province": {
        "national_admin": "v--- n/a v---",
        "regency_staff": "v--- n/a v---",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a v---",
    },
    "kelurahan.regency": {
        "national_admin": "v--- n/a v---",
        "regency_staff": "v--- n/a ----",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a v---",
    },
    "kelurahan.district": {
        "national_admin": "v--- v--- v---",
        "regency_staff": "v--- v--- ----",
        "agency_staff": NONE3,
        "kelurahan_operator": NONE3,
        "evaluator": "v--- v--- v---",
    },
    "kelurahan.village": {
        "national_admin": "v-c- v-c- v-c-",
        "regency_staff": "v-c- v-c- ----",
        "agency_staff": "v--- v--- ----",
        "kelurahan_operator": "v-c- ---- ----",
        "evaluator": "v--- v--- v---",
    },
    "kelurahan.programme": {
        "national_admin": "vacd n/a vacd",
        "regency_staff": "v-c- n/a ----",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a v---",
    },
    "kelurahan.legalbasis": {
        "national_admin": "vacd n/a vacd",
        "regency_staff": "vacd n/a ----",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a v---",
    },
    "kelurahan.agency": {
        "national_admin": "vacd vacd vacd",
        "regency_staff": "vacd vacd ----",
        "agency_staff": "v--- ---- ----",
        "kelurahan_operator": "v--- v--- ----",
        "evaluator": "v--- v--- v---",
    },
    "kelurahan.kelurahanpintar": {
        "national_admin": "vacd vacd vacd",
        "regency_staff": "vacd vacd ----",
        "agency_staff": "v-c- ---- ----",
        "kelurahan_operator": "v-c- ---- ----",
        "evaluator": "v--- v--- v---",
    },
    "kelurahan.kelurahanpintar_focus_dimensions": {
        "national_admin": "vacd vacd vacd",
        "regency_staff": "vacd vacd ----",
        "agency_staff": "vacd ---- ----",
        "kelurahan_operator": "vacd ---- ----",
        "evaluator": "v--- v--- v---",
    },
    "dimensions.dimension": {
        "national_admin": "vacd n/a vacd",
        "regency_staff": "v--- n/a v---",
        "agency_staff": "v--- n/a v---",
        "kelurahan_operator": "v--- n/a v---",
        "evaluator": "v--- n/a v---",
    },
    "dimensions.subdimension": {
        "national_admin": "vacd n/a vacd",
        "regency_staff": "v--- n/a v---",
        "agency_staff": "v--- n/a v---",
        "kelurahan_operator": "v--- n/a v---",
        "evaluator": "v--- n/a v---",
    },
    "dimensions.innovation": {
        "national_admin": "vacd vacd vacd",
        "regency_staff": "vacd vacd ----",
        "agency_staff": "vacd ---- ----",
        "kelurahan_operator": "v-c- ---- ----",
        "evaluator": "v--- v--- v---",
    },
    "dimensions.innovationlink": {
        "national_admin": "vacd vacd vacd",
        "regency_staff": "vacd vacd ----",
        "agency_staff": "vacd ---- ----",
        "kelurahan_operator": "vacd ---- ----",
        "evaluator": "v--- v--- v---",
    },
    "dimensions.innovationevidence": {
        "national_admin": "vacd vacd vacd",
        "regency_staff": "vacd vacd ----",
        "agency_staff": "vacd ---- ----",
        "kelurahan_operator": "vacd ---- ----",
        "evaluator": "v--- v--- v---",
    },
    "dimensions.innovation_villages": {
        "national_admin": "vacd vacd vacd",
        "regency_staff": "vacd vacd ----",
        "agency_staff": "vacd ---- ----",
        "kelurahan_operator": "v--- ---- ----",
        "evaluator": "v--- v--- v---",
    },
    "masterplan.masterplan": {
        "national_admin": "vacd n/a vacd",
        "regency_staff": "vac- n/a ----",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a v---",
    },
    "masterplan.masterplanversion": {
        "national_admin": "vacd n/a vacd",
        "regency_staff": "vacd n/a ----",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a v---",
    },
    "masterplan.masterplanversion_dimensions": {
        "national_admin": "vacd n/a vacd",
        "regency_staff": "vacd n/a ----",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a v---",
    },
    "masterplan.book": {
        "national_admin": "v-c- n/a v-c-",
        "regency_staff": "v-c- n/a ----",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a v---",
    },
    "masterplan.actionitem": {
        "national_admin": "vacd n/a vacd",
        "regency_staff": "vacd n/a ----",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a v---",
    },
    "masterplan.guidancesession": {
        "national_admin": "vacd n/a vacd",
        "regency_staff": "vacd n/a ----",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a v---",
    },
    "evaluations.questionnaire": {
        "national_admin": "vacd n/a vacd",
        "regency_staff": "v--- n/a v---",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a v---",
    },
    "evaluations.scalelevel": {
        "national_admin": "vacd n/a vacd",
        "regency_staff": "v--- n/a v---",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a v---",
    },
    "evaluations.question": {
        "national_admin": "vacd n/a vacd",
        "regency_staff": "v--- n/a v---",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a v---",
    },
    "evaluations.evaluationperiod": {
        "national_admin": "vacd n/a vacd",
        "regency_staff": "v--- n/a v---",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a v---",
    },
    "evaluations.submission": {
        "national_admin": "vacd n/a vacd",
        "regency_staff": "v--- n/a ----",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a ----",
    },
    "evaluations.submission_evaluators": {
        "national_admin": "vacd n/a vacd",
        "regency_staff": "v--- n/a ----",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a ----",
    },
    "evaluations.answer": {
        "national_admin": "vacd n/a vacd",
        "regency_staff": "vacd n/a ----",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a ----",
    },
    "evaluations.answerevidence": {
        "national_admin": "vacd n/a vacd",
        "regency_staff": "vacd n/a ----",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a ----",
    },
    "evaluations.finding": {
        "national_admin": "vacd n/a vacd",
        "regency_staff": "v--- n/a ----",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a ----",
    },
    "evaluations.submissiontransition": {
        "national_admin": "v--- n/a v---",
        "regency_staff": "v--- n/a ----",
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": "v--- n/a ----",
    },
    "evaluations.reminder": {
        "national_admin": "v--- n/a v---",
        "regency_staff": NONE,
        "agency_staff": NONE,
        "kelurahan_operator": NONE,
        "evaluator": NONE,
    },
}
ROLES = ["national_admin", "regency_staff", "agency_staff", "kelurahan_operator", "evaluator"]


def expected(label: str, role: str) -> dict[str, set[Action]]:
    """{"own": {VIEW, ...}, ...} for the places the model has."""
    columns = EXPECTED[label][role].split()
    return {
        place: {ACTIONS[letter] for letter in column if letter != "-"}
        for place, column in zip(PLACES, columns, strict=True)
        if column != "n/a"
    }


@pytest.fixture
def world(areas) -> World:
    return build_world()


def unsaved_copy(obj):
    clone = copy.copy(obj)
    clone.pk = None
    clone._state = copy.copy(obj._state)
    clone._state.adding = True
    return clone


def test_every_model_with_a_rule_is_in_the_matrix_and_every_model_of_the_matrix_has_a_rule():
    assert {model._meta.label_lower for model in policy.known_models()} == set(EXPECTED)


def mismatches(world: World, label: str, role: str) -> list[str]:
    user = world.users[role]
    objects = world.objects[label]
    wanted = expected(label, role)
    model = type(objects["own"])
    wrong = []
    for place, actions in wanted.items():
        obj = objects[place]
        assert obj is not None, f"the world has no {place} {label}"
        for action in Action:
            allowed = action in actions
            if action is Action.ADD:
                # Adding is judged on an unsaved object holding the same foreign keys.
                got = policy.can(user, action, unsaved_copy(obj))
            else:
                got = policy.can(user, action, obj)
                in_scope = policy.scope(user, action, model).filter(pk=obj.pk).exists()
                if in_scope != allowed:
                    wrong.append(f"{role}: scope {action} {place}: {in_scope}")
            if got != allowed:
                wrong.append(f"{role}: can {action} {place}: {got}")
    for action in Action:
        anywhere = any(action in actions for actions in wanted.values())
        if policy.can(user, action, model) != anywhere:
            wrong.append(f"{role}: can {action} on the model: {not anywhere}")
    return wrong


@pytest.mark.parametrize("label", sorted(EXPECTED))
def test_the_policy_answers_the_matrix_for_every_role(world, label):
    assert [wrong for role in ROLES for wrong in mismatches(world, label, role)] == []


def test_anonymous_inactive_and_roleless_users_may_do_nothing(world):
    inactive = world.users["national_admin"]
    inactive.is_active = False
    roleless = copy.copy(world.users["regency_staff"])
    roleless.role = ""
    for label in EXPECTED:
        model = type(world.objects[label]["own"])
        for user in (AnonymousUser(), None, inactive, roleless):
            for action in Action:
                assert not policy.can(user, action, model), (label, user, action)
                assert not policy.can(user, action, world.objects[label]["own"]), (label, user, action)
                assert not policy.scope(user, action, model).exists(), (label, user, action)


def test_every_model_of_the_programme_apps_has_a_rule():
    from django.apps import apps

    missing = [
        model._meta.label
        for app in ("accounts", "kelurahan", "dimensions", "masterplan", "evaluations")
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
        if policy.base_model(model) is model and model._meta.label_lower not in EXPECTED
    ]
    assert missing == []
