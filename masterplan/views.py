"""Public pages of a region's masterplan."""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.cache import public_page

from . import selectors


@public_page
def version_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    return render(request, "masterplan/version_detail.html", selectors.version_page(slug, number))


def book_file(request: HttpRequest, slug: str, number: int, book: int) -> FileResponse:
    """A book of a published masterplan version, as a download with a readable name."""
    found = selectors.published_book(slug, number, book)
    name = f"{slugify(f'masterplan-{slug}-v{number}-buku-{book}')}{Path(found.file.name).suffix}"
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("No such file.")) from None
    return FileResponse(handle, as_attachment=True, filename=name)
