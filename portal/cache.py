"""Whole-page cache of the public pages, with conditional GET.

Public pages show the same HTML to everyone (nothing in them depends on the visitor), so a rendered page is
cached under its language and full path. Every key also holds the *content version*: one number in the cache,
bumped whenever programme content changes (`portal.signals`), so a change anywhere invalidates every page at
once without tracking which page shows what. The version is a timestamp, which doubles as the pages'
Last-Modified; the ETag is a hash of the body. A repeat visit that sends either back gets 304 and no body.

With REDIS_URL the cache (and so the version) is shared by every worker; without it (`make run`) it is
per process, which is what a single development server needs.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

VERSION_KEY = "portal:content-version"
PAGE_PREFIX = "portal:page:"
# A page is rebuilt at the latest after this long even when nothing signalled a change (QuerySet.update()
# sends no signal: code that publishes with it should call bump_content_version()).
PAGE_TIMEOUT = 60 * 60
# Query parameters the public pages understand. A URL with any other parameter is answered uncached, so made-up
# query strings cannot fill the cache with copies of the same page.
CACHEABLE_PARAMS = frozenset({"page", "q", "type", "region", "dimension", "kind", "status", "year"})
MAX_CACHEABLE_URL = 300


def content_version() -> int:
    """The current content version (seconds since the epoch of the last change)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, int(time.time()), None)
        version = cache.get(VERSION_KEY) or int(time.time())
    return int(version)


def bump_content_version(**_kwargs: object) -> None:
    """Invalidate every cached public page (a signal receiver too, hence the keyword arguments)."""
    # Never go backwards, and always move: two changes in one second still give a new version.
    current = cache.get(VERSION_KEY) or 0
    cache.set(VERSION_KEY, max(int(time.time()), int(current) + 1), None)


def _page_key(request: HttpRequest, version: int) -> str:
    raw = f"{version}|{get_language()}|{request.get_full_path()}"
    return PAGE_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Cache a public GET view's 200 answers per language and path; answer 304 to a matching revalidation.

    Responses that set cookies or are not 200 (404, 400 on bad filters) pass through uncached.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if (
            request.method not in ("GET", "HEAD")
            or not getattr(settings, "PORTAL_PAGE_CACHE", True)
            or not CACHEABLE_PARAMS.issuperset(request.GET.keys())
            or len(request.get_full_path()) > MAX_CACHEABLE_URL
        ):
            return view(request, *args, **kwargs)
        version = content_version()
        key = _page_key(request, version)
        entry = cache.get(key)
        if entry is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code != 200 or response.streaming or response.cookies:
                return response
            body = response.content
            entry = {
                "body": body,
                "content_type": response["Content-Type"],
                "etag": '"' + hashlib.sha256(body).hexdigest()[:32] + '"',
                "extra": {k: v for k, v in response.items() if k in ("Content-Disposition",)},
            }
            cache.set(key, entry, PAGE_TIMEOUT)
        response = HttpResponse(entry["body"], content_type=entry["content_type"])
        for header, value in entry["extra"].items():
            response[header] = value
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(version)
        # Browsers and proxies may keep the page but must ask again (and mostly get a 304) before using it.
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return get_conditional_response(request, etag=entry["etag"], last_modified=version, response=response)

    return wrapped
