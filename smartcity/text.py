"""Text helpers shared by the apps."""

from __future__ import annotations

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """A name folded for search: accents removed, case-folded, punctuation and runs of spaces as one space.

    "Kauman", "KAUMAN" and "káuman" fold alike, and so do "Sapuro-Kebulen" and "sapuro  kebulen", so a
    plain `contains` on the folded column finds them on SQLite and PostgreSQL alike (no unaccent extension).
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_ALNUM.sub(" ", stripped.casefold()).strip()
