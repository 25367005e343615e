"""Site-wide security: response headers (CSP and friends), request size limit, staff idle timeout, login throttling.

- `SecurityHeadersMiddleware` adds a Content-Security-Policy (from `settings.CONTENT_SECURITY_POLICY`, a dict of
  directive → sources, compiled once) and a Permissions-Policy to every response that does not set its own.
  The policy has no nonce and no `'unsafe-inline'`: a cached page stays valid for every visitor, and an injected
  `<script>` or `on…=` attribute does not run. Scripts and styles therefore live in static files only.
- `RequestSizeLimitMiddleware` answers 413 before Django reads a body larger than `settings.REQUEST_MAX_BYTES`
  (nginx enforces the same limit in front, see deploy/nginx.conf).
- `IdleTimeoutMiddleware` signs a signed-in user out after `settings.SESSION_IDLE_TIMEOUT` seconds without a
  request (staff working in an office on shared computers), on top of the absolute `SESSION_COOKIE_AGE`.
- `AxesBackend` is django-axes' lockout check (by user name and client address) that leaves calls without a
  request (management commands, the test client's `login()`) to the other backends: brute force over the web
  always has a request.
- `client_ip` is the address axes counts failures by: `REMOTE_ADDR`, or the address the trusted proxy in front
  (nginx, `TRUSTED_PROXY_COUNT` of them) put in `X-Forwarded-For`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

Middleware = Callable[[HttpRequest], HttpResponse]


def build_csp(policy: dict[str, list[str] | tuple[str, ...]]) -> str:
    """`{"default-src": ["'self'"], "block-all-mixed-content": []}` → `default-src 'self'; block-all-mixed-content`."""
    return "; ".join(" ".join([directive, *sources]) for directive, sources in policy.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response
        self.csp = build_csp(settings.CONTENT_SECURITY_POLICY)
        self.permissions = settings.PERMISSIONS_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.csp
        if self.permissions and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions
        return response


def refusal(request: HttpRequest, message: str, status: int) -> HttpResponse:
    """A plain-text refusal, or the API's JSON error body for /api/ paths (its schema documents JSON only)."""
    if request.path_info.startswith("/api/"):
        from api.exceptions import error_body

        code = "request_too_large" if status == 413 else "invalid"
        return JsonResponse(error_body(status, code, str(message)), status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return refusal(request, _("Bad request."), 400)
        if length > settings.REQUEST_MAX_BYTES:
            limit_mb = settings.REQUEST_MAX_BYTES // (1024 * 1024)
            message = _("The request is too large. The limit is %(limit)s MB.") % {"limit": limit_mb}
            return refusal(request, message, 413)
        return self.get_response(request)


class IdleTimeoutMiddleware:
    """Sign out after SESSION_IDLE_TIMEOUT seconds of inactivity; the session is written at most once a minute."""

    KEY = "_last_seen"
    WRITE_EVERY = 60

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        timeout = settings.SESSION_IDLE_TIMEOUT
        if timeout and user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.KEY)
            if isinstance(last, int) and now - last > timeout:
                logout(request)
                messages.info(request, _("You were signed out after a period of inactivity. Please sign in again."))
                if request.method in ("GET", "HEAD"):
                    return redirect_to_login(request.get_full_path())
            elif not isinstance(last, int) or now - last >= self.WRITE_EVERY:
                request.session[self.KEY] = now
        return self.get_response(request)


class AxesBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def client_ip(request: HttpRequest) -> str:
    """The client's address as seen by the first trusted proxy (or the socket when there is none)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) >= proxies:
        return forwarded[-proxies]
    return remote


def lockout_response(request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None):
    """django-axes' answer to a locked-out sign-in: 429 with a translated page (JSON for API clients)."""
    from axes.helpers import get_cool_off, get_failure_limit
    from django.shortcuts import render

    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    limit = get_failure_limit(request, credentials)
    status = settings.AXES_HTTP_RESPONSE_CODE
    accept = request.headers.get("Accept", "")
    if request.path.startswith("/api/") or ("json" in accept and "html" not in accept):
        detail = _("Too many failed sign-in attempts. Please try again later.")
        return JsonResponse({"detail": detail, "cooloff_minutes": minutes}, status=status)
    context = {"failure_limit": limit, "cooloff_minutes": minutes}
    return render(request, "security/lockout.html", context, status=status)


class RejectNullBytesMiddleware:
    """400 for a NUL character in the path or query string: PostgreSQL cannot store or compare one, so a view
    passing it to a query would fail with a server error (forms already refuse NUL in posted fields)."""

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", "") or "\x00" in request.path_info:
            return refusal(request, _("Bad request."), 400)
        return self.get_response(request)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a request that found the database gone (restart, failover) answers 503 + Retry-After.

    Persistent connections are health-checked (CONN_HEALTH_CHECKS), so the next request reconnects by itself
    once the database is back; the 503 tells clients and load balancers that this is temporary. Any other
    error is Django's usual 500 page.
    """
    import sys

    from django.db import InterfaceError, OperationalError
    from django.views.defaults import server_error as default_server_error

    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        message = _("The service is briefly unavailable. Please try again in a few seconds.")
        response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "5"
        return response
    return default_server_error(request)
