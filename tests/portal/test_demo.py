"""`manage.py load_demo`: the three real regions, their programmes and one login per role."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from accounts.models import Role, User
from dimensions.models import Innovation
from evaluations.models import EvaluationPeriod, Submission
from kelurahan.models import Agency, KelurahanPintar, LegalBasis, Programme, Village
from masterplan.models import Book, GuidanceSession, MasterplanVersion

pytestmark = pytest.mark.django_db


def load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, int]:
    models = [
        Programme,
        Agency,
        LegalBasis,
        Innovation,
        KelurahanPintar,
        MasterplanVersion,
        Book,
        GuidanceSession,
        EvaluationPeriod,
        Submission,
        User,
        Village,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_it_loads_the_three_regions_with_their_real_areas():
    load()

    assert set(Programme.objects.values_list("regency__name", flat=True)) == {
        "Kota Pekalongan",
        "Kabupaten Pekalongan",
        "Kota Pontianak",
    }
    assert Village.objects.filter(regency_id="33.75").count() == 27
    assert Village.objects.filter(regency_id="33.26").count() == 285
    assert Programme.objects.get(regency_id="33.75").joined_year == 2018
    assert Programme.objects.get(regency_id="33.26").joined_year == 2024


def test_it_loads_the_named_innovations_in_their_dimensions_with_owning_agencies():
    load()

    sakpore = Innovation.objects.select_related("agency", "dimension").get(name="Sakpore")
    assert (sakpore.dimension.code, sakpore.agency.acronym, sakpore.agency.regency_id) == (
        "governance",
        "DPMPTSP",
        "33.75",
    )
    assert Innovation.objects.get(name="Public Safety Center (PSC) 119").dimension.code == "living"
    assert Innovation.objects.get(name__startswith="ALDINO").kind == "flagship"
    assert list(
        Innovation.objects.get(name="MCK Adaptif Kelurahan Bandengan").villages.values_list("name", flat=True)
    ) == ["Bandengan"]
    per_region = {code: Innovation.objects.of_regency(code).count() for code in ("33.75", "33.26", "61.71")}
    assert per_region == {"33.75": 6, "33.26": 2, "61.71": 7}


def test_it_enrols_the_four_kelurahan_pintar_pilots_each_with_an_opd_pembina():
    load()

    pilots = KelurahanPintar.objects.select_related("village", "supervising_agency")
    assert {p.village.name for p in pilots} == {"Kuripan Yosorejo", "Padukuhan Kraton", "Sapuro Kebulen", "Kauman"}
    assert all(p.supervising_agency.regency_id == "33.75" for p in pilots)
    assert all(p.focus_dimensions.count() == 6 for p in pilots)


def test_it_loads_the_masterplans_their_revision_and_the_bimtek():
    load()

    pontianak = MasterplanVersion.objects.get(masterplan__regency_id="61.71")
    assert (pontianak.start_year, pontianak.end_year) == (2019, 2028)
    assert (pontianak.legal_basis.kind, pontianak.legal_basis.number, pontianak.legal_basis.year) == (
        "perwal",
        "25",
        2019,
    )
    assert LegalBasis.objects.filter(regency_id="61.71", kind="perda", number="9", year=2022).exists()
    revision = MasterplanVersion.objects.get(masterplan__regency_id="33.75", number=2)
    assert "mobility" in set(revision.dimensions.values_list("code", flat=True))
    assert "branding" not in set(revision.dimensions.values_list("code", flat=True))
    bimtek = GuidanceSession.objects.get(version__masterplan__regency_id="33.26")
    assert (bimtek.stage, bimtek.participants, bimtek.institutions) == (3, 65, 40)
    assert all(v.books.count() == 4 for v in MasterplanVersion.objects.all())


def test_it_opens_an_evaluation_period_with_a_submission_per_region():
    load()

    period = EvaluationPeriod.objects.open_now().get()
    assert period.submissions.count() == 3
    assert period.questionnaire.questions.count() == 30
    assert all(s.evaluators.filter(username="evaluator").exists() for s in period.submissions.all())


def test_it_creates_and_prints_one_login_per_role():
    output = load()

    roles = set(User.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert User.objects.get(username="staf.pontianak").regency_id == "61.71"
    for username in ("admin.nasional", "evaluator", "staf.kotapekalongan", "staf.kabpekalongan", "staf.pontianak"):
        assert username in output
        assert User.objects.get(username=username).check_password("kota-cerdas-demo")


def test_loading_twice_changes_nothing():
    load()
    first = snapshot()

    load()

    assert snapshot() == first


def test_it_refuses_where_demo_data_is_disabled(settings):
    from django.core.management.base import CommandError

    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="DEMO_DATA_ALLOWED"):
        load()
    assert Programme.objects.count() == 0


def test_it_walks_a_realistic_evaluation_cycle():
    from evaluations import selectors
    from evaluations.models import SubmissionStatus

    load()

    results = selectors.published_results()
    assert {r.regency.code for r in results} == {"33.75", "61.71"}
    assert all(3 <= r.overall <= 4 for r in results)
    current = EvaluationPeriod.objects.open_now().get()
    pekalongan = current.submissions.get(regency_id="33.75")
    assert pekalongan.status == SubmissionStatus.SUBMITTED
    assert selectors.carried_recommendations(pekalongan)
    previous = results[0].submission
    assert (
        previous.transitions.filter(to_status=SubmissionStatus.REVISION_REQUESTED).exists()
        or results[1].submission.transitions.filter(to_status=SubmissionStatus.REVISION_REQUESTED).exists()
    )
