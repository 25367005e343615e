"""Public pages of regions (kota/kabupaten), their kecamatan and their kelurahan."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.cache import public_page

from . import selectors


@public_page
def region_list(request: HttpRequest) -> HttpResponse:
    regencies = selectors.participating_regencies(with_counts=True)
    return render(request, "kelurahan/region_list.html", {"regencies": regencies})


@public_page
def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "kelurahan/region_detail.html", selectors.region_page(slug))


@public_page
def district_detail(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "kelurahan/district_detail.html", selectors.district_page(code))


@public_page
def village_detail(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "kelurahan/village_detail.html", selectors.village_page(code))
