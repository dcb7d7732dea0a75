"""The exchanges' vocabularies. Pure."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

# no exchange of this war can be dated before it began
WAR_BEGAN = date(2022, 2, 24)


class Mode(StrEnum):
    ALL_FOR_ALL = "all_for_all"  # everyone within the agreed categories, whatever the numbers
    ONE_FOR_ONE = "one_for_one"  # as many given as received
    NUMBERS = "numbers"  # agreed numbers per category, each side


class State(StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    CARRIED_OUT = "carried_out"
    RECONCILED = "reconciled"


class ListSide(StrEnum):
    OWN = "own"  # the persons we ask back
    ADVERSARY = "adversary"  # the prisoners we offer


class Verdict(StrEnum):
    YES = "yes"
    MAYBE = "maybe"
    NO = "no"


class HoldKind(StrEnum):
    PROCEEDINGS = "proceedings"  # held back for judicial proceedings (GC III Art. 115, 119)
    REFUSES = "refuses"  # refuses repatriation (GC III Art. 109)


class Outcome(StrEnum):
    """What the reconciliation of a roster says of each person."""

    CAME_BACK_ON_LIST = "came_back_on_list"
    CAME_BACK_NOT_ON_LIST = "came_back_not_on_list"
    DID_NOT_COME = "did_not_come"
    UNKNOWN_TO_REGISTER = "unknown_to_register"
    NEVER_CONFIRMED_BEFORE_RETURN = "never_confirmed_before_return"


KEYS = tuple(outcome.value for outcome in Outcome)
