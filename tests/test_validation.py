"""Model validation catches cross-table rules that a check constraint cannot express."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dimensions.models import Dimension, SubDimension
from dimensions.services import innovation_create
from kelurahan.models import KelurahanPintar, Village
from masterplan.models import ActionItem
from masterplan.services import masterplan_version_create
from tests.factories import AgencyFactory, MasterplanFactory

pytestmark = pytest.mark.django_db


def test_an_opd_pembina_must_come_from_the_kelurahans_region(pekalongan, pontianak):
    enrolment = KelurahanPintar(
        village_id="33.75.02.1004", since=dt.date(2024, 10, 18), supervising_agency=AgencyFactory(regency=pontianak)
    )
    with pytest.raises(ValidationError) as excinfo:
        enrolment.full_clean()
    assert "supervising_agency" in excinfo.value.message_dict


def test_an_action_item_year_lies_within_the_masterplan_period(pekalongan):
    version = masterplan_version_create(
        masterplan=MasterplanFactory(regency=pekalongan), number=1, start_year=2025, end_year=2034
    )
    item = ActionItem(version=version, dimension=Dimension.objects.get(code="economy"), year=2040, title="Late")
    with pytest.raises(ValidationError) as excinfo:
        item.full_clean()
    assert "2025–2034" in excinfo.value.message_dict["year"][0]


def test_an_innovation_cannot_be_placed_in_another_regions_village(pekalongan, pontianak):
    governance = Dimension.objects.get(code="governance")
    with pytest.raises(ValidationError) as excinfo:
        innovation_create(
            name="Layanan Terpadu",
            dimension=governance,
            agency=AgencyFactory(regency=pekalongan),
            villages=Village.objects.filter(code="61.71.06.1001"),
        )
    assert "villages" in excinfo.value.message_dict


def test_a_sub_dimension_must_belong_to_the_innovations_dimension(pekalongan):
    with pytest.raises(ValidationError) as excinfo:
        innovation_create(
            name="Salah Tempat",
            dimension=Dimension.objects.get(code="governance"),
            sub_dimension=SubDimension.objects.get(code="health"),
            agency=AgencyFactory(regency=pekalongan),
        )
    assert "sub_dimension" in excinfo.value.message_dict


def test_innovation_slugs_stay_unique(pekalongan):
    agency = AgencyFactory(regency=pekalongan)
    governance = Dimension.objects.get(code="governance")
    first = innovation_create(name="Layanan Cepat", dimension=governance, agency=agency)
    second = innovation_create(name="Layanan Cepat", dimension=governance, agency=agency)
    assert (first.slug, second.slug) == ("layanan-cepat", "layanan-cepat-2")
