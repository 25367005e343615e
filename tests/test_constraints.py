"""The database itself guards the domain's invariants, whatever code writes to it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from accounts.models import Role, User
from dimensions.models import Dimension, Innovation
from evaluations.models import Answer, EvaluationPeriod, Questionnaire, ScaleLevel, Submission
from kelurahan.models import Agency, District, KelurahanPintar, LegalBasis, Province, Regency, Village
from masterplan.models import Book, GuidanceSession, Masterplan, MasterplanVersion
from masterplan.services import masterplan_version_create
from tests.factories import (
    AgencyFactory,
    EvaluationPeriodFactory,
    InnovationFactory,
    MasterplanFactory,
    QuestionFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db


def violates(create) -> bool:
    """True when the database refuses the write."""
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_official_codes_are_unique(pekalongan):
    assert violates(lambda: Regency.objects.create(code="33.75", province_id="33", name="X", kind="kota", slug="x"))
    assert violates(
        lambda: Village.objects.bulk_create(
            [Village(code="33.75.02.1004", district_id="33.75.02", regency_id="33.75", name="Dup", kind="kelurahan")]
        )
    )


def test_codes_nest_inside_their_parents(pekalongan):
    assert violates(lambda: District.objects.create(code="61.71.09", regency=pekalongan, name="Wrong"))
    assert violates(
        lambda: Village.objects.create(
            code="33.75.01.1099", district_id="33.75.02", regency=pekalongan, name="Wrong", kind="kelurahan"
        )
    )
    assert violates(lambda: Regency.objects.create(code="61.99", province_id="33", name="X", kind="kota", slug="y"))
    Province.objects.get(code="33")  # the real parent is untouched


def test_village_kind_must_match_its_code(pekalongan):
    assert violates(
        lambda: Village.objects.create(
            code="33.75.02.1099", district_id="33.75.02", regency=pekalongan, name="Wrong", kind="desa"
        )
    )
    Village.objects.create(code="33.75.02.2099", district_id="33.75.02", regency=pekalongan, name="Ok", kind="desa")


def test_one_book_per_number_per_version_and_only_books_one_to_four(pekalongan):
    version = masterplan_version_create(
        masterplan=MasterplanFactory(regency=pekalongan), number=1, start_year=2019, end_year=2028
    )
    assert sorted(version.books.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert violates(lambda: Book.objects.create(version=version, number=2))
    assert violates(lambda: Book.objects.filter(version=version, number=4).update(number=5))


def test_masterplan_versions_are_unique_and_their_years_run_forward(pekalongan):
    masterplan = MasterplanFactory(regency=pekalongan)
    MasterplanVersion.objects.create(masterplan=masterplan, number=1, start_year=2019, end_year=2028)
    assert violates(
        lambda: MasterplanVersion.objects.create(masterplan=masterplan, number=1, start_year=2020, end_year=2029)
    )
    assert violates(
        lambda: MasterplanVersion.objects.create(masterplan=masterplan, number=2, start_year=2030, end_year=2029)
    )
    assert violates(lambda: Masterplan.objects.create(regency=pekalongan, title="Second"))


def test_guidance_sessions_have_a_stage_of_one_to_four_and_dates_in_order(pekalongan):
    version = masterplan_version_create(
        masterplan=MasterplanFactory(regency=pekalongan), number=1, start_year=2025, end_year=2034
    )
    day = dt.date(2024, 7, 30)
    assert violates(lambda: GuidanceSession.objects.create(version=version, stage=5, starts_on=day, ends_on=day))
    assert violates(
        lambda: GuidanceSession.objects.create(
            version=version, stage=3, starts_on=day, ends_on=day - dt.timedelta(days=1)
        )
    )
    GuidanceSession.objects.create(version=version, stage=3, starts_on=day, ends_on=day + dt.timedelta(days=1))


def test_innovation_dates_run_forward(pekalongan):
    agency = AgencyFactory(regency=pekalongan)
    assert violates(
        lambda: InnovationFactory(agency=agency, start_date=dt.date(2024, 1, 2), end_date=dt.date(2024, 1, 1))
    )
    InnovationFactory(agency=agency, start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 1, 1))
    assert Innovation.objects.count() == 1


def test_agency_names_are_unique_within_a_region_only(pekalongan, pontianak):
    Agency.objects.create(regency=pekalongan, name="Dinas Kesehatan")
    assert violates(lambda: Agency.objects.create(regency=pekalongan, name="Dinas Kesehatan"))
    Agency.objects.create(regency=pontianak, name="Dinas Kesehatan")


def test_a_village_is_enrolled_in_kelurahan_pintar_once(pekalongan):
    agency = AgencyFactory(regency=pekalongan)
    KelurahanPintar.objects.create(village_id="33.75.02.1004", since=dt.date(2024, 10, 18), supervising_agency=agency)
    assert violates(
        lambda: KelurahanPintar.objects.create(
            village_id="33.75.02.1004", since=dt.date(2024, 10, 18), supervising_agency=agency
        )
    )


def test_legal_bases_are_unique_per_region(pontianak):
    LegalBasis.objects.create(regency=pontianak, kind="perwal", number="25", year=2019, title="Masterplan")
    assert violates(
        lambda: LegalBasis.objects.create(regency=pontianak, kind="perwal", number="25", year=2019, title="Again")
    )


def test_one_submission_per_region_and_period(pekalongan):
    period = EvaluationPeriodFactory()
    Submission.objects.create(period=period, regency=pekalongan)
    assert violates(lambda: Submission.objects.create(period=period, regency=pekalongan))


def test_period_dates_run_in_order_and_weights_add_up_to_100():
    questionnaire = Questionnaire.objects.create(title="Q")
    base = {
        "year": 2026,
        "semester": 1,
        "questionnaire": questionnaire,
        "opens_on": dt.date(2026, 6, 1),
        "due_on": dt.date(2026, 6, 30),
        "review_due_on": dt.date(2026, 7, 15),
    }
    assert violates(lambda: EvaluationPeriod.objects.create(**{**base, "stage": 1, "due_on": dt.date(2026, 5, 1)}))
    assert violates(
        lambda: EvaluationPeriod.objects.create(**{**base, "stage": 1, "review_due_on": dt.date(2026, 6, 29)})
    )
    assert violates(lambda: EvaluationPeriod.objects.create(**{**base, "stage": 1, "weight_impact": 20}))
    EvaluationPeriod.objects.create(**{**base, "stage": 1, "weight_impact": 20, "weight_quick_win": 20})
    assert violates(lambda: EvaluationPeriod.objects.create(**{**base, "stage": 1}))


def test_scores_stay_on_the_one_to_five_scale(pekalongan):
    question = QuestionFactory()
    submission = SubmissionFactory(regency=pekalongan, period__questionnaire=question.questionnaire)
    assert violates(lambda: Answer.objects.create(submission=submission, question=question, self_score=6))
    assert violates(lambda: Answer.objects.create(submission=submission, question=question, assessed_score=0))
    Answer.objects.create(submission=submission, question=question, self_score=5, assessed_score=1)
    assert violates(lambda: Answer.objects.create(submission=submission, question=question, self_score=3))
    assert violates(lambda: ScaleLevel.objects.create(questionnaire=question.questionnaire, level=6, name="x"))


def test_regional_roles_need_their_area(pekalongan):
    assert violates(lambda: User.objects.create(username="a", role=Role.REGENCY_STAFF))
    assert violates(lambda: User.objects.create(username="b", role=Role.AGENCY_STAFF))
    assert violates(lambda: User.objects.create(username="c", role=Role.KELURAHAN_OPERATOR))
    User.objects.create(username="d", role=Role.REGENCY_STAFF, regency=pekalongan)
    User.objects.create(username="e", role=Role.EVALUATOR)


def test_the_catalogue_has_six_core_dimensions_with_three_sub_dimensions_each_and_two_extras():
    core = Dimension.objects.filter(is_core=True).prefetch_related("sub_dimensions")
    assert [d.code for d in core] == ["governance", "branding", "economy", "living", "society", "environment"]
    assert all(d.sub_dimensions.count() == 3 for d in core)
    assert set(Dimension.objects.filter(is_core=False).values_list("code", flat=True)) == {
        "mobility",
        "disaster-management",
    }
    assert Dimension.objects.get(code="living").sub_dimensions.filter(code="health").exists()
