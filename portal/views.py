"""Site-wide public pages: home, search, robots.txt."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from smartcity.paging import paginate

from . import selectors
from .cache import public_page

SEARCH_KINDS = ("regions", "villages", "innovations")
SEARCH_PREVIEW = 10
QUERY_MAX = 100


@public_page
def home(request: HttpRequest) -> HttpResponse:
    """The programme in one screen."""
    return render(request, "portal/home.html", selectors.home_page())


@public_page
def search(request: HttpRequest) -> HttpResponse:
    """Regions, kelurahan/desa and innovations whose name contains the words, ignoring case and accents.

    Without `type` each kind shows its first results and its total; with `type` one kind is paginated.
    """
    query = " ".join(request.GET.get("q", "").split())
    kind = request.GET.get("type", "")
    context: dict = {"query": query, "kind": kind, "results": None, "error": ""}
    status = 200
    if kind and kind not in SEARCH_KINDS:
        context["error"], status = _("Unknown kind of result."), 400
    elif query and len(query) < 2:
        context["error"], status = _("Type at least two letters."), 400
    elif len(query) > QUERY_MAX:
        context["error"], status = _("Type at most %(max)s characters.") % {"max": QUERY_MAX}, 400
    elif query:
        finders = {
            "regions": selectors.search_regions,
            "villages": selectors.search_villages,
            "innovations": selectors.search_innovations,
        }
        if kind:
            context["page_obj"] = paginate(request, finders[kind](query))
        else:
            results = {}
            for name, finder in finders.items():
                queryset = finder(query)
                results[name] = {"total": queryset.count(), "items": list(queryset[:SEARCH_PREVIEW])}
            context["results"] = results
            context["total"] = sum(r["total"] for r in results.values())
    return render(request, "portal/search.html", context, status=status)


def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /en/admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
