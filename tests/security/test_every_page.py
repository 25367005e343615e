"""Walk every URL pattern (public pages, staff pages, the admin, the API) as a visitor, a superuser and each demo
role, and check each answer: a Content-Security-Policy header, no inline code in HTML, never a server error.

Arguments are filled from the demo data by name (`slug` → a region's slug, `code` → a kelurahan code, …); a
pattern whose arguments we cannot fill is still requested with a plausible value (its 404 page must comply too).
New apps need nothing here; add a sample below when a new argument name appears.
"""

from __future__ import annotations

import io
import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

from accounts.models import User
from tests.security.html_checks import inline_code

pytestmark = pytest.mark.django_db


def patterns(resolver: URLResolver | None = None, namespace: str = "", prefix: str = ""):
    """(view name or None, kwargs names, route text) for every URLPattern."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            child_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from patterns(entry, child_ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            pattern = entry.pattern
            names = list(getattr(pattern, "converters", {}) or {}) or list(pattern.regex.groupindex)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, names, prefix + str(pattern)


def samples() -> dict[str, list[str]]:
    """Candidate values per URL argument name, from the demo data."""
    from kelurahan.models import Regency, Village

    values: dict[str, list[str]] = {}
    regency = Regency.objects.filter(programme__isnull=False).order_by("code").first() or Regency.objects.first()
    village = Village.objects.filter(regency=regency).order_by("code").first()
    values["slug"] = [regency.slug]
    values["regency"] = [regency.slug, regency.code]
    values["region"] = [regency.slug]
    values["code"] = [village.code, regency.code]
    values["village"] = [village.code]
    values["kelurahan"] = [village.code]
    values["lang"] = ["id"]
    values["language"] = ["id"]
    for model in apps.get_models():
        label = model._meta.model_name
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            values.setdefault(f"{label}_id", [str(first.pk)])
            values.setdefault(f"{label}_pk", [str(first.pk)])
            values.setdefault(label, [str(first.pk)])
            slug = getattr(first, "slug", None)
            if slug:
                values.setdefault(f"{label}_slug", [slug])
    values.update(fmt=["csv"], number=["1"], book=["1"], name=["regions"])
    values.setdefault("pk", ["1"])
    values.setdefault("id", ["1"])
    return values


def url_for(name: str | None, args: list[str], route: str, values: dict[str, list[str]]) -> str | None:
    if name:
        kwargs = {arg: values.get(arg, ["1"])[0] for arg in args}
        try:
            return reverse(name, kwargs=kwargs) if kwargs else reverse(name)
        except NoReverseMatch:
            return None
    if args or any(ch in route for ch in "^$()[]"):
        return None
    return "/" + route


def admin_urls() -> list[str]:
    urls = ["/admin/"]
    app_labels = set()
    for model in admin.site._registry:
        opts = model._meta
        app_labels.add(opts.app_label)
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk]))
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[first.pk]))
    urls += [reverse("admin:app_list", kwargs={"app_label": label}) for label in sorted(app_labels)]
    return urls


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def check(client, url: str, problems: list[str], statuses: dict[str, int]) -> None:
    response = client.get(url, follow=False)
    statuses[url] = response.status_code
    if response.status_code >= 500:
        problems.append(f"{url}: {response.status_code}")
    if "Content-Security-Policy" not in response:
        problems.append(f"{url}: no Content-Security-Policy")
    content_type = response.get("Content-Type", "")
    if content_type.startswith("text/html") and not getattr(response, "streaming", False):
        problems += [f"{url}: {problem}" for problem in inline_code(response.content.decode())]


def walk(client) -> tuple[list[str], dict[str, int]]:
    values = samples()
    urls: list[str] = []
    for name, args, route in patterns():
        if name and name.startswith("admin:"):
            continue
        if name in {"set_language"} or route.startswith(("static/", "media/")):
            continue
        url = url_for(name, args, route, values)
        if url:
            urls.append(url)
            if not url.startswith("/en/"):
                urls.append("/en" + url)
    problems: list[str] = []
    statuses: dict[str, int] = {}
    for url in dict.fromkeys(urls):
        check(client, url, problems, statuses)
    return problems, statuses


def test_every_public_page_complies_with_the_policy(client, demo):
    problems, statuses = walk(client)
    assert problems == []
    assert statuses["/"] == 200
    assert len(statuses) >= 4


def test_every_page_complies_for_each_signed_in_role(client, demo):
    problems: list[str] = []
    users = list(User.objects.filter(is_active=True).order_by("username"))
    # One demo account per role at least, or the walk would check nobody.
    assert {user.role for user in users} >= {
        "national_admin",
        "regency_staff",
        "agency_staff",
        "kelurahan_operator",
        "evaluator",
    }
    for user in users:
        client.force_login(user)
        found, statuses = walk(client)
        assert statuses, user.username
        problems += [f"{user.username}: {problem}" for problem in found]
    assert problems == []


def test_every_admin_page_complies_for_a_superuser(client, demo):
    root = User.objects.create_superuser("root.security", "root@example.id", "a-long-unique-passphrase-1")
    client.force_login(root)
    problems: list[str] = []
    statuses: dict[str, int] = {}
    for url in admin_urls():
        check(client, url, problems, statuses)
    assert problems == []
    assert statuses["/admin/"] == 200
    ok = [url for url, status in statuses.items() if status == 200]
    assert len(ok) >= 10, statuses


def test_route_text_without_arguments_is_requested_as_is():
    assert url_for(None, [], "healthz", {}) == "/healthz"
    assert url_for(None, ["x"], "a/<int:x>/", {}) is None
    assert re.match(r"^/", url_for("healthz", [], "healthz", {}) or "")
