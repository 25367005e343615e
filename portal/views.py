"""Site-wide public pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from evaluations.models import EvaluationPeriod
from kelurahan.selectors import participating_regencies


def home(request: HttpRequest) -> HttpResponse:
    """The programme in one screen."""
    context = {
        "regencies": participating_regencies(),
        "open_period": EvaluationPeriod.objects.open_now().first(),
    }
    return render(request, "portal/home.html", context)
