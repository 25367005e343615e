"""The vocabulary of the policy: actions and the reach of a grant."""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    """What a user wants to do; the same four words as Django's model permissions."""

    VIEW = "view"
    ADD = "add"
    CHANGE = "change"
    DELETE = "delete"


class Level(StrEnum):
    """How far a grant reaches."""

    ALL = "*"  # every row
    REGENCY = "R"  # rows of the user's kota/kabupaten
    AGENCY = "A"  # rows of the user's agency (OPD)
    VILLAGE = "V"  # rows of the user's kelurahan/desa
    ASSIGNED = "E"  # rows the user is assigned to as an evaluator
