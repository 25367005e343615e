"""factory_boy factories for the domain models; areas come from the real official list."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from accounts.models import Role, User
from dimensions.models import Dimension, Innovation, InnovationKind
from evaluations.models import EvaluationPeriod, Question, Questionnaire, Semester, Submission
from kelurahan.models import Agency, KelurahanPintar, Programme, Regency
from masterplan.models import Masterplan


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    joined_year = 2020
    is_published = True


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    acronym = factory.Sequence(lambda n: f"DC{n}")


class InnovationFactory(DjangoModelFactory):
    class Meta:
        model = Innovation

    name = factory.Sequence(lambda n: f"Inovasi {n}")
    slug = factory.Sequence(lambda n: f"inovasi-{n}")
    kind = InnovationKind.INNOVATION
    dimension = factory.LazyFunction(lambda: Dimension.objects.get(code="governance"))
    is_published = True


class KelurahanPintarFactory(DjangoModelFactory):
    class Meta:
        model = KelurahanPintar

    since = dt.date(2024, 10, 18)


class MasterplanFactory(DjangoModelFactory):
    class Meta:
        model = Masterplan

    title = factory.LazyAttribute(lambda o: f"Masterplan {o.regency.name}")


class QuestionnaireFactory(DjangoModelFactory):
    class Meta:
        model = Questionnaire

    title = factory.Sequence(lambda n: f"Kuesioner {n}")


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Seberapa matang layanan ini?"
    dimension = factory.LazyFunction(lambda: Dimension.objects.get(code="governance"))
    component = "output"


class EvaluationPeriodFactory(DjangoModelFactory):
    class Meta:
        model = EvaluationPeriod

    year = 2026
    semester = Semester.SECOND
    stage = factory.Sequence(lambda n: n + 1)
    opens_on = dt.date(2026, 11, 1)
    due_on = dt.date(2026, 11, 30)
    review_due_on = dt.date(2026, 12, 15)
    questionnaire = factory.SubFactory(QuestionnaireFactory)


class SubmissionFactory(DjangoModelFactory):
    class Meta:
        model = Submission

    period = factory.SubFactory(EvaluationPeriodFactory)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")
    role = Role.REGENCY_STAFF
    is_staff = True

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def regency(code: str) -> Regency:
    return Regency.objects.get(code=code)
