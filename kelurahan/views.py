"""Public pages of regions (kota/kabupaten) and their kelurahan."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Regency, Village


def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    regency = get_object_or_404(
        Regency.objects.select_related("province", "programme"), slug=slug, programme__is_published=True
    )
    return render(request, "kelurahan/region_detail.html", {"regency": regency})


def village_detail(request: HttpRequest, code: str) -> HttpResponse:
    village = get_object_or_404(Village.objects.select_related("district", "regency__province"), code=code)
    return render(request, "kelurahan/village_detail.html", {"village": village})
