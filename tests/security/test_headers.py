"""Security headers on every response: CSP without 'unsafe-inline', nosniff, referrer and permissions policies."""

from __future__ import annotations

import pytest

from smartcity.security import build_csp
from tests.security.html_checks import inline_code

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/en/", "/admin/login/", "/tidak-ada/", "/healthz"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_a_view_may_set_its_own_policy(rf, settings):
    from django.http import HttpResponse

    from smartcity.security import SecurityHeadersMiddleware

    def view(request):
        response = HttpResponse("x")
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    response = SecurityHeadersMiddleware(view)(rf.get("/"))
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_policy_is_compiled_from_the_settings_dict():
    assert build_csp({"default-src": ["'self'"], "img-src": ["'self'", "data:"], "upgrade-insecure-requests": []}) == (
        "default-src 'self'; img-src 'self' data:; upgrade-insecure-requests"
    )


def test_the_admin_login_page_needs_no_inline_code(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert inline_code(response.content.decode()) == []


def test_the_inline_finder_finds_what_the_policy_blocks():
    html = (
        '<script>alert(1)</script><script src="/static/a.js"></script>'
        '<script type="application/json" id="d">{"a": 1}</script>'
        '<a href="javascript:void(0)" onclick="x()">a</a><p style="color:red">b</p><style>p{}</style>'
    )
    problems = inline_code(html)
    assert len(problems) == 5, problems
