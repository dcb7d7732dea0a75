"""The testimonies' vocabularies. Pure."""

from __future__ import annotations

from enum import StrEnum


class Condition(StrEnum):
    """How the witness saw the person."""

    GOOD = "good"
    WOUNDED = "wounded"
    ILL = "ill"
    BEATEN = "beaten"
    STARVED = "starved"
    OTHER = "other"


class Decision(StrEnum):
    """What a resolution of a mention says."""

    LINKED = "linked"  # the mention is this person: a sighting on him
    NOT_IN_REGISTER = "not_in_register"  # looked at, nobody in the register is the one


AGE_MIN = 14
AGE_MAX = 90
