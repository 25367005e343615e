"""The policy's answers beyond the matrix: choices, 404 versus 403, moving objects, history."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts import policy
from accounts.models import User
from accounts.policy import Action
from dimensions.models import Innovation
from evaluations.models import Submission
from kelurahan.models import Agency, KelurahanPintar, Village
from tests.world import OTHER_VILLAGE, OWN_VILLAGE, SIBLING_VILLAGE, World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(areas) -> World:
    return build_world()


def test_a_pekalongan_user_can_pick_only_pekalongan_villages_and_agencies(world):
    alice = world.users["regency_staff"]
    villages = policy.choices(alice, Innovation, "villages")
    agencies = policy.choices(alice, Innovation, "agency")

    assert villages.filter(code=OWN_VILLAGE).exists()
    assert villages.filter(code=SIBLING_VILLAGE).exists()
    assert not villages.filter(code=OTHER_VILLAGE).exists()
    assert set(villages.values_list("regency_id", flat=True)) == {"33.75"}
    assert set(agencies.values_list("regency_id", flat=True)) == {"33.75"}


def test_agency_staff_can_pick_only_their_own_agency_but_any_village_of_their_region(world):
    bob = world.users["agency_staff"]
    assert list(policy.choices(bob, Innovation, "agency")) == [world.objects["kelurahan.agency"]["own"]]
    assert policy.choices(bob, Innovation, "villages").count() == Village.objects.filter(regency_id="33.75").count()


def test_an_operator_can_pick_only_their_own_village(world):
    charlie = world.users["kelurahan_operator"]
    assert list(policy.choices(charlie, Innovation, "villages").values_list("code", flat=True)) == [OWN_VILLAGE]


def test_only_active_evaluators_can_be_assigned_to_a_submission(world):
    nasional = world.users["national_admin"]
    eko = User.objects.get(username="eko")  # Pontianak's evaluator
    assert set(policy.choices(nasional, Submission, "evaluators")) == {world.users["evaluator"], eko}
    eko.is_active = False
    eko.save()
    assert list(policy.choices(nasional, Submission, "evaluators")) == [world.users["evaluator"]]


def test_another_regions_object_answers_404_and_a_view_only_object_403(world):
    alice = world.users["regency_staff"]
    evi = world.users["evaluator"]
    other = world.objects["dimensions.innovation"]["other"]
    own = world.objects["dimensions.innovation"]["own"]

    with pytest.raises(Http404):
        policy.get_object_or_404(alice, Action.VIEW, Innovation, pk=other.pk)
    with pytest.raises(Http404):
        policy.get_object_or_404(alice, Action.CHANGE, Innovation, pk="not-a-number")
    assert policy.get_object_or_404(alice, Action.CHANGE, Innovation, pk=own.pk) == own
    with pytest.raises(PermissionDenied):
        policy.get_object_or_404(evi, Action.CHANGE, Innovation, pk=own.pk)
    with pytest.raises(Http404):
        policy.ensure(alice, Action.DELETE, other)


def test_an_object_cannot_be_moved_to_another_region_by_changing_a_foreign_key(world):
    alice = world.users["regency_staff"]
    innovation = world.objects["dimensions.innovation"]["own"]
    assert policy.can_save(alice, innovation)

    innovation.agency = world.objects["kelurahan.agency"]["other"]
    assert not policy.can_save(alice, innovation)


def test_agency_staff_cannot_hand_an_enrolment_to_another_agency(world):
    bob = world.users["agency_staff"]
    enrolment = KelurahanPintar.objects.get(village_id=OWN_VILLAGE)
    enrolment.supervising_agency = Agency.objects.get(name="Dinas Dua")
    assert not policy.can_save(bob, enrolment)


def test_a_new_object_is_judged_by_the_values_it_holds(world):
    alice = world.users["regency_staff"]
    dimension = world.objects["dimensions.dimension"]["own"]
    agencies = world.objects["kelurahan.agency"]
    ours = Innovation(name="Baru", slug="baru", dimension=dimension, agency=agencies["own"])
    theirs = Innovation(name="Baru", slug="baru", dimension=dimension, agency=agencies["other"])
    assert policy.can_save(alice, ours)
    assert not policy.can_save(alice, theirs)


def test_a_model_without_a_rule_is_out_of_everyones_reach(world):
    from django.contrib.sessions.models import Session

    assert not policy.can(world.users["national_admin"], Action.VIEW, Session)
    assert not policy.scope(world.users["national_admin"], Action.VIEW, Session).exists()
