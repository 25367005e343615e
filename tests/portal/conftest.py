"""Fixtures of the public-page tests: the demo data, and more of it for the two-size query-count tests."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from dimensions.models import Dimension, Innovation, InnovationKind, InnovationLink
from kelurahan.models import Agency, KelurahanPintar, Village
from masterplan.models import ActionItem, MasterplanVersion


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def no_page_cache(settings):
    """Every request renders (query counts are about the uncached path)."""
    settings.PORTAL_PAGE_CACHE = False


def grow(regency_code: str = "33.75", n: int = 12) -> None:
    """Add n published innovations (with villages and links), enrolments and action items to a demo region."""
    agency = Agency.objects.create(regency_id=regency_code, name=f"Dinas Tambahan {n}", acronym=f"DT{n}")
    dimensions = list(Dimension.objects.order_by("order"))
    villages = list(Village.objects.filter(regency_id=regency_code).order_by("code")[: n + 4])
    version = MasterplanVersion.objects.filter(masterplan__regency_id=regency_code, is_published=True).first()
    for i in range(n):
        innovation = Innovation.objects.create(
            name=f"Inovasi Tambahan {i}",
            slug=f"inovasi-tambahan-{regency_code.replace('.', '-')}-{i}",
            kind=InnovationKind.INNOVATION,
            dimension=dimensions[i % len(dimensions)],
            agency=agency,
            start_date=dt.date(2020 + i % 5, 1, 1),
            is_published=True,
        )
        innovation.villages.add(*villages[i : i + 3])
        InnovationLink.objects.create(innovation=innovation, title="Berita", url="https://example.org/")
        if version:
            ActionItem.objects.create(
                version=version,
                dimension=innovation.dimension,
                year=version.start_year,
                title=f"Aksi {i}",
                innovation=innovation,
            )
    for village in villages[-4:]:
        if not hasattr(village, "kelurahan_pintar"):
            enrolment = KelurahanPintar.objects.create(
                village=village, since=dt.date(2025, 1, 1), supervising_agency=agency, is_published=True
            )
            enrolment.focus_dimensions.add(*dimensions[:3])


@pytest.fixture
def grow_data():
    return grow
