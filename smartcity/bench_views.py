"""A trivial view for the load harness: the framework's floor (routing, middleware, one small response).

Mounted at /bench/trivial/ only when BENCH_TRIVIAL_VIEW=true (bench/load/run.py sets it); never in production use.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
