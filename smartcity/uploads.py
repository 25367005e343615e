"""Checks for uploaded files (masterplan books, innovation evidence, evaluation evidence).

A file is accepted when its *content* is one of the allowed kinds (detected from its magic bytes
with the pure-Python `filetype` package, so nothing depends on libmagic being installed), its name's
extension agrees with that content, and it is no larger than `settings.UPLOAD_MAX_BYTES`. Stored
names are random (`<folder>/<year>/<token>.<ext>`): an uploader's file name never becomes a path,
and a published link cannot be guessed from a draft's name.

Use on a model field:

    file = models.FileField(upload_to=random_name("masterplan/books"), validators=[FileCheck(DOCUMENTS)])

or call `check_upload(file, DOCUMENTS)` in a form or service.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Detected kind → extensions a file of that kind may carry.
KINDS: dict[str, frozenset[str]] = {
    "pdf": frozenset({"pdf"}),
    "png": frozenset({"png"}),
    "jpg": frozenset({"jpg", "jpeg"}),
    "webp": frozenset({"webp"}),
    "docx": frozenset({"docx"}),
    "xlsx": frozenset({"xlsx"}),
    "pptx": frozenset({"pptx"}),
    "odt": frozenset({"odt"}),
    "ods": frozenset({"ods"}),
    "odp": frozenset({"odp"}),
}
IMAGES = frozenset({"png", "jpg", "webp"})
OFFICE = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "odp"})
# What a masterplan book may be: a PDF or an office document.
DOCUMENTS = frozenset({"pdf"}) | OFFICE
# Evidence (bukti dukung): documents and photos.
EVIDENCE = DOCUMENTS | IMAGES

# filetype reads this many bytes; office formats are recognised from the first zip entries.
_HEAD_BYTES = 8192


def _extension(name: str) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def detect_kind(file: File) -> str | None:
    """The kind of a file from its first bytes, or None when it is not one this module knows."""
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(_HEAD_BYTES)
    file.seek(position)
    guess = filetype.guess(head)
    return guess.extension if guess is not None and guess.extension in KINDS else None


def _label(kinds: Iterable[str]) -> str:
    return ", ".join(sorted({ext.upper() for kind in kinds for ext in KINDS[kind] if ext != "jpeg"}))


def check_upload(file: File, kinds: Iterable[str] = EVIDENCE, *, max_bytes: int | None = None) -> str:
    """Validate an uploaded file; return its detected kind or raise ValidationError (translated)."""
    kinds = frozenset(kinds)
    limit = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("The file is %(size)s; files may be at most %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    extension = _extension(getattr(file, "name", ""))
    allowed_extensions = {ext for kind in kinds for ext in KINDS[kind]}
    if extension not in allowed_extensions:
        raise ValidationError(
            _("Files of type “%(extension)s” are not accepted here. Accepted: %(accepted)s."),
            code="file_type_not_accepted",
            params={"extension": extension or "?", "accepted": _label(kinds)},
        )
    kind = detect_kind(file)
    if kind is None or kind not in kinds or extension not in KINDS[kind]:
        raise ValidationError(
            _(
                "The content of this file is not a real %(extension)s file (it may be renamed or damaged). "
                "Accepted: %(accepted)s."
            ),
            code="file_content_mismatch",
            params={"extension": extension.upper(), "accepted": _label(kinds)},
        )
    return kind


@deconstructible
class FileCheck:
    """A model/form field validator running `check_upload` with the given kinds."""

    def __init__(self, kinds: Iterable[str]) -> None:
        self.kinds = tuple(sorted(kinds))

    def __call__(self, file: File) -> None:
        # A file already stored (the field re-validated without a new upload) was checked on upload.
        if _is_stored(file):
            return
        check_upload(file, self.kinds)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FileCheck) and self.kinds == other.kinds

    def __hash__(self) -> int:
        return hash(self.kinds)


def _is_stored(file: File) -> bool:
    return bool(getattr(file, "_committed", False))


@deconstructible
class RandomName:
    """`upload_to` giving `<folder>/<year>/<random token>.<ext>`, the extension lower-cased and checked."""

    def __init__(self, folder: str) -> None:
        self.folder = folder.strip("/")

    def __call__(self, instance: models.Model, filename: str) -> str:
        extension = _extension(filename)
        if extension not in {ext for exts in KINDS.values() for ext in exts}:
            extension = "bin"
        return f"{self.folder}/{timezone.now():%Y}/{secrets.token_urlsafe(18)}.{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and self.folder == other.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def random_name(folder: str) -> Callable[[models.Model, str], str]:
    return RandomName(folder)
