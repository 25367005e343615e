"""Public pages of the dimension catalogue and the innovations."""

from __future__ import annotations

from pathlib import Path

from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from portal.cache import public_page
from smartcity.paging import paginate

from . import selectors
from .forms import InnovationFilterForm
from .models import Innovation


def _filtered_list(request: HttpRequest, base: QuerySet[Innovation], *, with_dimension: bool) -> dict:
    form = InnovationFilterForm(request.GET or None, with_dimension=with_dimension)
    if form.is_bound and not form.is_valid():
        return {"form": form, "page_obj": None, "invalid": True}
    filters = form.cleaned_data if form.is_bound else {}
    queryset = selectors.filter_innovations(base, filters).order_by("-updated_at", "pk")
    query = request.GET.copy()
    query.pop("page", None)
    return {"form": form, "page_obj": paginate(request, queryset), "query": query.urlencode(), "invalid": False}


@public_page
def dimension_list(request: HttpRequest) -> HttpResponse:
    return render(request, "dimensions/dimension_list.html", {"dimensions": selectors.catalogue()})


@public_page
def dimension_detail(request: HttpRequest, code: str) -> HttpResponse:
    dimension = selectors.dimension_by_code(code)
    context = _filtered_list(request, selectors.public_innovations().filter(dimension=dimension), with_dimension=False)
    context["dimension"] = dimension
    return render(request, "dimensions/dimension_detail.html", context, status=400 if context["invalid"] else 200)


@public_page
def innovation_list(request: HttpRequest) -> HttpResponse:
    context = _filtered_list(request, selectors.public_innovations(), with_dimension=True)
    return render(request, "dimensions/innovation_list.html", context, status=400 if context["invalid"] else 200)


@public_page
def innovation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "dimensions/innovation_detail.html", selectors.innovation_page(slug))


def evidence_file(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A published evidence file of a published innovation (everyone else: 404)."""
    evidence = selectors.published_evidence(slug, pk)
    name = evidence.original_name or f"bukti-{evidence.pk}{Path(evidence.file.name).suffix}"
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("No such file.")) from None
    return FileResponse(handle, as_attachment=True, filename=name)
