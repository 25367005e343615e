"""A malformed-input corpus against every URL pattern: odd query strings, odd path arguments, junk form posts and
junk uploads, as a visitor and as a superuser. Not one may end in a server error (5xx).

Run on PostgreSQL as well (CI does): some inputs (NUL characters, huge numbers) only fail there.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from accounts.models import User
from tests.security.test_every_page import admin_urls, patterns, samples, url_for

pytestmark = pytest.mark.django_db

QUERY_CORPUS = [
    "page=-1",
    "page=0",
    "page=abc",
    "page=99999999999999999999999",
    "page=1e9",
    "cursor=not-a-cursor",
    "cursor=%FF%FE",
    "q=%00",
    "q=' OR 1=1 --",
    "q=<script>alert(1)</script>",
    "q=" + "x" * 5000,
    "q=%E2%80%AE%F0%9F%98%80",
    "q[]=a&q[]=b",
    "ordering=-nonexistent_field",
    "o=abc",
    "format=xml",
    "limit=-5&offset=-5",
    "year=abcd&semester=9",
    "regency=99.99&dimension=nope&status=nope",
    "lang=xx",
    "%%%%",
    "=&=&&",
]

PATH_CORPUS = ["%00", "..%2F..%2Fetc%2Fpasswd", "x" * 300, "99.99.99.9999", "%F0%9F%98%80", "-1", "0", "a.b.c"]

FORM_CORPUS = [
    {},
    {"username": "\x00", "password": "\x00"},
    {"username": "a" * 10_000, "password": "b"},
    {"name": ["a", "b"], "id": "abc", "pk": "-1"},
    {"language": "xx", "next": "https://evil.example/"},
    {"year": "99999999999999999999", "score": "NaN", "date": "2026-13-45"},
]


def upload_corpus() -> list[dict]:
    return [
        {"file": SimpleUploadedFile("buku.pdf", b"not a pdf at all", content_type="application/pdf")},
        {"file": SimpleUploadedFile("../../etc/passwd", b"root:x:0:0", content_type="text/plain")},
        {"file": SimpleUploadedFile("x.exe.pdf", b"MZ\x90\x00", content_type="application/pdf")},
        {"file": SimpleUploadedFile("noextension", b"", content_type="application/octet-stream")},
        {"evidence": SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 10, content_type="image/png")},
    ]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def public_urls() -> list[str]:
    values = samples()
    urls = []
    for name, args, route in patterns():
        if (name and name.startswith("admin:")) or route.startswith(("static/", "media/")):
            continue
        url = url_for(name, args, route, values)
        if url:
            urls.append(url)
        if name and args:
            for bad in PATH_CORPUS:
                url = url_for(name, args, route, {key: [bad] for key in args})
                if url:
                    urls.append(url)
    return list(dict.fromkeys(urls))


# The admin's list pages: the parameters its filters, search, ordering and paging read.
ADMIN_QUERY_CORPUS = ["q=%00", "q=" + "x" * 5000, "o=abc", "o=-99.1", "p=-1", "p=abc", "all=&e=1", "_to_field=password"]


def errors_for(client, urls: list[str], post: bool, queries: list[str] = QUERY_CORPUS) -> list[str]:
    errors: list[str] = []
    for url in urls:
        for query in queries:
            response = client.get(f"{url}?{query}")
            if response.status_code >= 500:
                errors.append(f"GET {url}?{query[:60]} → {response.status_code}")
        if not post:
            continue
        for form in FORM_CORPUS:
            response = client.post(url, form)
            if response.status_code >= 500:
                errors.append(f"POST {url} {sorted(form)} → {response.status_code}")
        for files in upload_corpus():
            response = client.post(url, files)
            if response.status_code >= 500:
                errors.append(f"POST upload {url} {sorted(files)} → {response.status_code}")
        response = client.generic("POST", url, b"{not json", content_type="application/json")
        if response.status_code >= 500:
            errors.append(f"POST json {url} → {response.status_code}")
    return errors


def test_no_server_error_for_visitors(client, demo):
    assert errors_for(client, public_urls(), post=True) == []


@pytest.mark.slow
def test_no_server_error_for_a_superuser_on_pages_and_the_admin(client, demo):
    root = User.objects.create_superuser("root.fuzz", "fuzz@example.id", "a-long-unique-passphrase-1")
    client.force_login(root)
    forms = [url for url in admin_urls() if url.endswith(("/add/", "/change/"))]
    changelists = [url for url in admin_urls() if not url.endswith(("/add/", "/change/", "/history/"))]
    assert errors_for(client, public_urls(), post=True) == []
    assert errors_for(client, forms, post=True, queries=ADMIN_QUERY_CORPUS[:2]) == []
    assert errors_for(client, changelists, post=False, queries=ADMIN_QUERY_CORPUS) == []


def test_a_nul_character_in_the_query_string_is_a_400(client):
    assert client.get("/?q=%00").status_code == 400
