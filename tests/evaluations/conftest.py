"""An evaluation world: a questionnaire over two dimensions, a period, Kota Pekalongan's and Kota Pontianak's
submissions, and one user per role (each evaluator assigned to one region)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import Role, User
from accounts.services import user_set_role
from dimensions.models import Dimension, SubDimension
from evaluations.models import (
    AnswerType,
    Component,
    EvaluationPeriod,
    Question,
    Questionnaire,
    ScaleLevel,
    Submission,
)
from kelurahan.models import Agency, Programme, Regency
from tests.factories import UserFactory

SCALE = [(1, "Rintisan"), (2, "Terkelola"), (3, "Terdefinisi"), (4, "Terpadu dan Terukur"), (5, "Optimum")]


@dataclass
class EvalWorld:
    questionnaire: Questionnaire
    period: EvaluationPeriod
    questions: list[Question]
    pekalongan: Submission
    pontianak: Submission
    users: dict[str, User]


def ensure_catalogue() -> None:
    """The rows data migrations make (dimension catalogue, role groups): a transactional test earlier in the
    session may have flushed them when its serialized rollback missed (see tests/browser/test_portal.py)."""
    import importlib
    import io

    from django.apps import apps as django_apps
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    if not Dimension.objects.exists():
        importlib.import_module("dimensions.migrations.0003_catalogue").load_catalogue(django_apps, None)
    if not Group.objects.filter(name=Role.EVALUATOR).exists():
        call_command("sync_role_groups", stdout=io.StringIO())


def make_questionnaire(
    questions_per_dimension: int = 3,
    dimensions: tuple[str, ...] = ("governance", "economy"),
    title: str = "Kuesioner Uji",
) -> tuple[Questionnaire, list[Question]]:
    ensure_catalogue()
    questionnaire = Questionnaire.objects.create(title=title)
    ScaleLevel.objects.bulk_create(ScaleLevel(questionnaire=questionnaire, level=n, name=name) for n, name in SCALE)
    components = [Component.BASELINE, Component.OUTPUT, Component.OUTCOME, Component.IMPACT, Component.QUICK_WIN]
    questions = []
    for dimension in Dimension.objects.filter(code__in=dimensions).order_by("order"):
        subs = list(SubDimension.objects.filter(dimension=dimension).order_by("order"))
        for n in range(questions_per_dimension):
            component = components[n % len(components)]
            questions.append(
                Question(
                    questionnaire=questionnaire,
                    number=len(questions) + 1,
                    text=f"Pertanyaan {len(questions) + 1} tentang {dimension.name}",
                    dimension=dimension,
                    sub_dimension=subs[n % len(subs)] if subs else None,
                    component=component,
                    answer_type=AnswerType.YES_NO if component == Component.QUICK_WIN else AnswerType.SCALE,
                    evidence_required=n == 1,
                    weight=Decimal("1.00"),
                )
            )
    Question.objects.bulk_create(questions)
    return questionnaire, list(Question.objects.filter(questionnaire=questionnaire).order_by("number"))


def build_eval_world(areas, questions_per_dimension: int = 5) -> EvalWorld:
    ensure_catalogue()
    for code in ("33.75", "61.71"):
        Programme.objects.get_or_create(regency=areas[code], defaults={"joined_year": 2018, "is_published": True})
    questionnaire, questions = make_questionnaire(questions_per_dimension)
    today = timezone.localdate()
    period = EvaluationPeriod.objects.create(
        year=today.year,
        semester=2,
        stage=1,
        opens_on=today - dt.timedelta(days=10),
        due_on=today + dt.timedelta(days=10),
        review_due_on=today + dt.timedelta(days=20),
        questionnaire=questionnaire,
    )
    users = {}
    for name, role, area in [
        ("staf_pkl", Role.REGENCY_STAFF, {"regency": areas["33.75"]}),
        ("staf_ptk", Role.REGENCY_STAFF, {"regency": areas["61.71"]}),
        ("evaluator", Role.EVALUATOR, {}),
        ("evaluator_ptk", Role.EVALUATOR, {}),
        ("nasional", Role.NATIONAL_ADMIN, {}),
    ]:
        user = UserFactory(username=name, role="")
        user_set_role(user=user, role=role, **area)
        users[name] = user
    agency, _ = Agency.objects.get_or_create(
        regency=areas["33.75"], name="Dinas Komunikasi dan Informatika", defaults={"acronym": "Dinkominfo"}
    )
    users["opd"] = UserFactory(username="opd", role="")
    user_set_role(user=users["opd"], role=Role.AGENCY_STAFF, agency=agency)
    pekalongan = Submission.objects.create(period=period, regency=areas["33.75"])
    pekalongan.evaluators.add(users["evaluator"])
    pontianak = Submission.objects.create(period=period, regency=areas["61.71"])
    pontianak.evaluators.add(users["evaluator_ptk"])
    return EvalWorld(questionnaire, period, questions, pekalongan, pontianak, users)


@pytest.fixture
def ev(areas) -> EvalWorld:
    return build_eval_world(areas)


def regency(code: str) -> Regency:
    return Regency.objects.get(code=code)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded evidence goes to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
