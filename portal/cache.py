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
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any

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
CACHEABLE_PARAMS = frozenset(
    {"page", "q", "type", "region", "dimension", "kind", "status", "year", "periode", "jenis", "provinsi", "kohort"}
)
MAX_CACHEABLE_URL = 300
# How long one request may hold the right to re-render a page before another may try.
REBUILD_LOCK = 30


class _Local:
    """This process's copy of the content version (kept `PORTAL_VERSION_SECONDS`) and of its hottest pages.

    With both, a hit on a hot page costs no cache round trip at all. The price: another process's content change
    reaches this one up to `PORTAL_VERSION_SECONDS` later (a change made in this process, at once).
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version: int | None = None
        self.version_until = 0.0
        self.pages: OrderedDict[str, dict[str, Any]] = OrderedDict()

    def reset(self, version: int | None = None) -> None:
        with self.lock:
            self.version = version
            self.version_until = time.monotonic() + _setting("PORTAL_VERSION_SECONDS") if version else 0.0
            self.pages.clear()

    def page(self, key: str, version: int) -> dict[str, Any] | None:
        entry = self.pages.get(key)
        return entry if entry is not None and entry["version"] == version else None

    def keep(self, key: str, entry: dict[str, Any]) -> None:
        limit = _setting("PORTAL_LOCAL_PAGES")
        if limit <= 0:
            return
        with self.lock:
            self.pages[key] = entry
            self.pages.move_to_end(key)
            while len(self.pages) > limit:
                self.pages.popitem(last=False)


_local = _Local()
DEFAULTS = {"PORTAL_VERSION_SECONDS": 1.0, "PORTAL_LOCAL_PAGES": 300}


def _setting(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])


def reset_local() -> None:
    """Forget this process's copies (tests, after clearing the cache)."""
    _local.reset()


def content_version() -> int:
    """The current content version (seconds since the epoch of the last change)."""
    if _local.version is not None and time.monotonic() < _local.version_until:
        return _local.version
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, int(time.time()), None)
        version = cache.get(VERSION_KEY) or int(time.time())
    version = int(version)
    if version != _local.version:
        _local.reset(version)
    else:
        _local.version_until = time.monotonic() + _setting("PORTAL_VERSION_SECONDS")
    return version


def bump_content_version(**_kwargs: object) -> None:
    """Invalidate every cached public page (a signal receiver too, hence the keyword arguments)."""
    # Never go backwards, and always move: two changes in one second still give a new version.
    current = cache.get(VERSION_KEY) or 0
    version = max(int(time.time()), int(current) + 1)
    cache.set(VERSION_KEY, version, None)
    _local.reset(version)


def _page_key(request: HttpRequest) -> str:
    raw = f"{get_language()}|{request.get_full_path()}"
    return PAGE_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _cacheable(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and getattr(settings, "PORTAL_PAGE_CACHE", True)
        and CACHEABLE_PARAMS.issuperset(request.GET.keys())
        and len(request.get_full_path()) <= MAX_CACHEABLE_URL
    )


def _render_entry(response: HttpResponse, version: int) -> dict[str, Any] | None:
    """What the cache keeps of a rendered answer, or None when it must not be cached."""
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    body = response.content
    return {
        "version": version,
        "body": body,
        "content_type": response["Content-Type"],
        "etag": '"' + hashlib.sha256(body).hexdigest()[:32] + '"',
        "extra": {k: v for k, v in response.items() if k in ("Content-Disposition",)},
    }


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Cache a public GET view's 200 answers per language and path; answer 304 to a matching revalidation.

    A page is current when it was rendered at the current content version. A hit on one of this process's
    hottest pages costs no cache round trip (`_Local`), any other hit one or two. When the page is not current,
    one request renders it again while the others that arrive meanwhile get the previous rendering (a lock per
    page, `REBUILD_LOCK` seconds at most), so a content change does not send every worker to the database for
    the same page at once. Responses that set cookies or are not 200 (404, 400 on bad filters) pass through
    uncached.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        version = content_version()
        entry = _local.page(key, version) or cache.get(key)
        if entry is None or entry.get("version") != version:
            lock = key + ":rebuilding"
            stale = entry
            if stale is None or cache.add(lock, 1, REBUILD_LOCK):
                try:
                    response = view(request, *args, **kwargs)
                    entry = _render_entry(response, version)
                    if entry is None:
                        return response
                    cache.set(key, entry, PAGE_TIMEOUT)
                finally:
                    if stale is not None:
                        cache.delete(lock)
            # Otherwise another request is rendering the new version: serve the previous one meanwhile.
        if entry["version"] == version:
            _local.keep(key, entry)
        response = HttpResponse(entry["body"], content_type=entry["content_type"])
        for header, value in entry["extra"].items():
            response[header] = value
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(entry["version"])
        # Browsers and proxies may keep the page but must ask again (and mostly get a 304) before using it.
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return get_conditional_response(request, etag=entry["etag"], last_modified=entry["version"], response=response)

    return wrapped
