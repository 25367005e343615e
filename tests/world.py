"""A small world for who-may-see-what tests: the same programme objects in three places.

- "own": in Kota Pekalongan, tied to the agency of `agency_staff` (A1) and the village of
  `operator` (Kauman, V1);
- "sibling": in Kota Pekalongan too, but another agency (A2) and village (Sapuro Kebulen, V2);
- "other": in Kota Pontianak.

`build_world()` returns a `World` with one user per role and, per model label, the three objects
(`sibling` is None where a model has no finer place than the regency, and for national models
`own`/`other` are just two rows). To put a new model under the permission matrix, add a line to
`OBJECTS` here and a line to `EXPECTED` in tests/accounts/test_policy_matrix.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from accounts.models import Role, User
from accounts.services import user_set_role
from api.services import api_token_create
from dimensions.models import Dimension, Innovation, InnovationEvidence, InnovationLink, SubDimension
from evaluations.models import (
    Answer,
    AnswerEvidence,
    Finding,
    FindingKind,
    Reminder,
    ScaleLevel,
    Submission,
    SubmissionStatus,
    SubmissionTransition,
)
from kelurahan.models import Agency, KelurahanPintar, LegalBasis, Programme, Province, Regency, Village
from masterplan.models import ActionItem, GuidanceSession, Masterplan, MasterplanVersion
from masterplan.services import masterplan_version_create
from tests.factories import EvaluationPeriodFactory, QuestionFactory, QuestionnaireFactory, UserFactory

OWN_VILLAGE = "33.75.02.1004"  # Kauman
SIBLING_VILLAGE = "33.75.01.1004"  # Sapuro Kebulen
OTHER_VILLAGE = "61.71.01.1002"  # Benuamelayu Laut
PLACES = ("own", "sibling", "other")


@dataclass
class Place:
    """The programme objects of one place."""

    regency: Regency
    village: Village
    agency: Agency
    objects: dict[str, Any] = field(default_factory=dict)


@dataclass
class World:
    users: dict[str, User]
    objects: dict[str, dict[str, Any]]  # model label -> place -> object (or None)


def _place(regency_code: str, village_code: str, agency_name: str, *, with_region_objects: bool) -> dict[str, Any]:
    regency = Regency.objects.get(code=regency_code)
    village = Village.objects.get(code=village_code)
    agency = Agency.objects.create(regency=regency, name=agency_name, acronym=agency_name[:10])
    governance = Dimension.objects.get(code="governance")
    kp = KelurahanPintar.objects.create(village=village, since=dt.date(2024, 10, 18), supervising_agency=agency)
    kp.focus_dimensions.add(governance)
    innovation = Innovation.objects.create(
        name=f"Inovasi {agency_name}", slug=f"inovasi-{agency.pk}", dimension=governance, agency=agency
    )
    innovation.villages.add(village)
    found: dict[str, Any] = {
        "kelurahan.district": village.district,
        "kelurahan.village": village,
        "kelurahan.agency": agency,
        "kelurahan.kelurahanpintar": kp,
        "kelurahan.kelurahanpintar_focus_dimensions": KelurahanPintar.focus_dimensions.through.objects.get(
            kelurahanpintar=kp
        ),
        "dimensions.innovation": innovation,
        "dimensions.innovationlink": InnovationLink.objects.create(
            innovation=innovation, title="Berita", url="https://example.org/berita"
        ),
        "dimensions.innovationevidence": InnovationEvidence.objects.create(
            innovation=innovation, title="Laporan", file="dimensions/evidence/2026/x.pdf"
        ),
        "dimensions.innovation_villages": Innovation.villages.through.objects.get(innovation=innovation),
    }
    if with_region_objects:
        found["kelurahan.regency"] = regency
        found["kelurahan.programme"] = Programme.objects.create(regency=regency, joined_year=2019)
        found["kelurahan.legalbasis"] = LegalBasis.objects.create(
            regency=regency, kind="perwal", number="25", year=2019, title="Masterplan Smart City"
        )
        masterplan = Masterplan.objects.create(regency=regency, title=f"Masterplan {regency}")
        version = masterplan_version_create(
            masterplan=masterplan, number=1, start_year=2019, end_year=2028, dimensions=[governance]
        )
        found["masterplan.masterplan"] = masterplan
        found["masterplan.masterplanversion"] = version
        found["masterplan.masterplanversion_dimensions"] = MasterplanVersion.dimensions.through.objects.get(
            masterplanversion=version
        )
        found["masterplan.book"] = version.books.get(number=2)
        found["masterplan.actionitem"] = ActionItem.objects.create(
            version=version, dimension=governance, year=2020, title="Aksi", innovation=innovation
        )
        found["masterplan.guidancesession"] = GuidanceSession.objects.create(
            version=version, stage=3, starts_on=dt.date(2024, 7, 30), ends_on=dt.date(2024, 7, 31)
        )
    return found


def build_world() -> World:
    """Needs the `areas` fixture (Kota Pekalongan and Kota Pontianak imported)."""
    own = _place("33.75", OWN_VILLAGE, "Dinas Satu", with_region_objects=True)
    sibling = _place("33.75", SIBLING_VILLAGE, "Dinas Dua", with_region_objects=False)
    other = _place("61.71", OTHER_VILLAGE, "Dinas Tiga", with_region_objects=True)

    users = {
        "national_admin": UserFactory(username="nasional", role=""),
        "regency_staff": UserFactory(username="alice", role=""),
        "agency_staff": UserFactory(username="bob", role=""),
        "kelurahan_operator": UserFactory(username="charlie", role=""),
        "evaluator": UserFactory(username="evi", role=""),
    }
    user_set_role(user=users["national_admin"], role=Role.NATIONAL_ADMIN)
    user_set_role(user=users["regency_staff"], role=Role.REGENCY_STAFF, regency=own["kelurahan.regency"])
    user_set_role(user=users["agency_staff"], role=Role.AGENCY_STAFF, agency=own["kelurahan.agency"])
    user_set_role(user=users["kelurahan_operator"], role=Role.KELURAHAN_OPERATOR, village=own["kelurahan.village"])
    user_set_role(user=users["evaluator"], role=Role.EVALUATOR)
    pontianak_staff = UserFactory(username="pontianak", role="")
    user_set_role(user=pontianak_staff, role=Role.REGENCY_STAFF, regency=other["kelurahan.regency"])

    other_evaluator = UserFactory(username="eko", role="")
    user_set_role(user=other_evaluator, role=Role.EVALUATOR)

    questionnaire = QuestionnaireFactory()
    period = EvaluationPeriodFactory(questionnaire=questionnaire)
    question = QuestionFactory(questionnaire=questionnaire)
    for place, regency in ((own, own["kelurahan.regency"]), (other, other["kelurahan.regency"])):
        submission = Submission.objects.create(period=period, regency=regency)
        # The evaluator is assigned to Kota Pekalongan only; Pontianak has another evaluator.
        submission.evaluators.add(users["evaluator"] if place is own else other_evaluator)
        place["evaluations.submission"] = submission
        place["evaluations.submission_evaluators"] = Submission.evaluators.through.objects.get(submission=submission)
        place["evaluations.answer"] = Answer.objects.create(submission=submission, question=question, self_score=3)
        place["evaluations.answerevidence"] = AnswerEvidence.objects.create(
            answer=place["evaluations.answer"], title="Perwal", url="https://example.org/perwal"
        )
        place["evaluations.finding"] = Finding.objects.create(
            submission=submission, dimension=question.dimension, kind=FindingKind.STRENGTH, text="Baik"
        )
        place["evaluations.submissiontransition"] = SubmissionTransition.objects.create(
            submission=submission, from_status=SubmissionStatus.DRAFT, to_status=SubmissionStatus.SUBMITTED
        )

    user_groups = User.groups.through.objects
    user_permissions = User.user_permissions.through.objects
    view_dimension = Permission.objects.get(codename="view_dimension")
    for user in (users["kelurahan_operator"], users["agency_staff"], pontianak_staff):
        user.user_permissions.add(view_dimension)

    second_questionnaire = QuestionnaireFactory()
    # API tokens follow their user's place: Kota Pekalongan (operator, agency staff) and Kota Pontianak.
    tokens = [
        api_token_create(user=user, name=f"Dasbor {user.username}")[0]
        for user in (users["kelurahan_operator"], users["agency_staff"], pontianak_staff)
    ]
    national = {
        "api.apitoken": tuple(tokens),
        "accounts.user": (users["kelurahan_operator"], users["agency_staff"], pontianak_staff),
        "accounts.user_groups": tuple(
            user_groups.get(user=user) for user in (users["kelurahan_operator"], users["agency_staff"], pontianak_staff)
        ),
        "accounts.user_user_permissions": tuple(
            user_permissions.get(user=user)
            for user in (users["kelurahan_operator"], users["agency_staff"], pontianak_staff)
        ),
        "auth.group": (Group.objects.get(name="regency_staff"), None, Group.objects.get(name="evaluator")),
        "kelurahan.province": (Province.objects.get(code="33"), None, Province.objects.get(code="61")),
        "dimensions.dimension": (Dimension.objects.get(code="governance"), None, Dimension.objects.get(code="economy")),
        "dimensions.subdimension": (SubDimension.objects.first(), None, SubDimension.objects.last()),
        "evaluations.questionnaire": (questionnaire, None, second_questionnaire),
        "evaluations.scalelevel": (
            ScaleLevel.objects.create(questionnaire=questionnaire, level=1, name="Rintisan"),
            None,
            ScaleLevel.objects.create(questionnaire=second_questionnaire, level=1, name="Rintisan"),
        ),
        "evaluations.question": (question, None, QuestionFactory(questionnaire=second_questionnaire)),
        "evaluations.evaluationperiod": (period, None, EvaluationPeriodFactory(questionnaire=second_questionnaire)),
        "evaluations.reminder": tuple(
            Reminder.objects.create(
                rule=f"due-{n}",
                recipient=users["regency_staff"],
                subject_type=ContentType.objects.get_for_model(Submission),
                subject_id=str(own["evaluations.submission"].pk),
                send_on=dt.date(2026, 11, 20 + n),
            )
            if n != 1
            else None
            for n in range(3)
        ),
    }
    objects: dict[str, dict[str, Any]] = {}
    for label in set(own) | set(other):
        objects[label] = {"own": own.get(label), "sibling": sibling.get(label), "other": other.get(label)}
    for label, triple in national.items():
        objects[label] = dict(zip(PLACES, triple, strict=True))
    return World(users=users, objects=objects)
