"""Uploaded files served only to those allowed: masterplan books (`/berkas/buku/<id>/`) and innovation evidence
(`/berkas/bukti/<id>/`).

Published files are public (a published masterplan version's books; published evidence of a published
innovation), but only when the region's programme is published too, the portal's rule for all regional content.
Drafts and files of an unpublished programme go only to users whose policy lets them view the object. Everyone
else gets the same 404 as for a missing file, so nothing of another region is revealed. Uploaded files are never
served from MEDIA_URL in production: these views (and the public pages' own download views) are the only way out.
"""

from __future__ import annotations

from pathlib import Path

from django.db import models
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _

from accounts import policy
from accounts.policy import Action
from dimensions.models import InnovationEvidence
from kelurahan.models import Programme, Regency
from masterplan.models import Book


def _serve(request: HttpRequest, obj: models.Model, file, public: bool, name: str) -> FileResponse:
    if not file:
        raise Http404(_("No such file."))
    if not public and not policy.can(request.user, Action.VIEW, obj):
        raise Http404(_("No such file."))
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404(_("No such file.")) from None
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _programme_published(regency: Regency) -> bool:
    try:
        return regency.programme.is_published
    except Programme.DoesNotExist:
        return False


def book_file(request: HttpRequest, pk: int) -> FileResponse:
    book = Book.objects.select_related("version__masterplan__regency__programme").filter(pk=pk).first()
    if book is None:
        raise Http404(_("No such file."))
    public = book.version.is_published and _programme_published(book.version.masterplan.regency)
    name = f"buku-{book.number}-v{book.version.number}{Path(book.file.name).suffix}"
    return _serve(request, book, book.file, public, name)


def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    evidence = InnovationEvidence.objects.select_related("innovation__agency__regency__programme").filter(pk=pk).first()
    if evidence is None:
        raise Http404(_("No such file."))
    innovation = evidence.innovation
    public = evidence.is_published and innovation.is_published and _programme_published(innovation.agency.regency)
    name = evidence.original_name or f"bukti-{evidence.pk}{Path(evidence.file.name).suffix}"
    return _serve(request, evidence, evidence.file, public, name)
