"""Guards: the pairs that are never linked automatically, however high their score.

The model weighs each field as if it were independent of the others, and on data it was never
tuned to that fails in known ways (docs/linkage.md, "Failure modes"): brothers and namesakes
agree on almost everything but a name; hundreds captured on one day, at one place, from one unit
share all three; a record holding half a name meets every holder of that half. A pair that the
score puts above the automatic threshold still waits for a reviewer when:

- **a personal fact conflicts**: two given names, two patronymics, two dates of birth or two
  sexes that the comparisons read as different (not a slip, an initial, a variant: those have
  levels of their own), as two numbers conflict for the veto; unless a document number agrees;
- **a record holds half a name** (no surname, or no given name) and nothing personal to the day
  agrees: the same date of birth, or the same document number;
- **the circumstances alone carry it**: place of birth, unit, date and place of disappearance
  count together for at most `CIRCUMSTANCES_CAP_BITS`, and the pair's weight so counted must
  still reach the automatic threshold.

Pure: a pair's comparison levels and weights in, a reason in words or None out. Batch linkage
applies the same rules to many pairs at once in Arrow (`reweigh.guard_columns`); a test checks
both agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from homeward.linkage.comparisons import (
    COMPARISONS,
    SWAPPED_LABEL,
    SWAPPED_SLIP_LABEL,
    Comparison,
    comparison_named,
)

# The comparisons whose "different" level forbids an automatic link, and how it reads.
CONFLICTS: Final = {
    "given_name": "the given names differ",
    "patronymic": "the patronymics differ",
    "birth_date": "the dates of birth differ",
    "sex": "the sexes differ",
}
CIRCUMSTANCES: Final = ("birth_place", "unit", "missing_date", "missing_place")
# A same-day capture in one unit at one place is one fact about a crowd, not three about a man:
# together they weigh at most what the same day of disappearance weighs alone.
CIRCUMSTANCES_CAP_BITS: Final = 10.0
# Levels that say something personal to the day: enough to link a record holding half a name.
PERSONAL: Final = {
    "birth_date": ("same date", "day and month swapped"),
    "service_number": ("same number",),
    "tax_number": ("same number", "one character apart, check digit fails"),
}
HALF_A_NAME: Final = "a record holds half a name"
CIRCUMSTANCES_ALONE: Final = "the circumstances of disappearance carry it"


def _position(name: str) -> int:
    return next(i for i, comparison in enumerate(COMPARISONS) if comparison.name == name)


def _else_index(comparison: Comparison) -> int:
    return len(comparison.levels)


SURNAME_AT: Final = _position("surname")
GIVEN_AT: Final = _position("given_name")
# the surname's levels at which the given name sits in the surname's column (and is absent)
SWAPPED_INDICES: Final = tuple(
    comparison_named("surname").labels.index(label) for label in (SWAPPED_LABEL, SWAPPED_SLIP_LABEL)
)
CONFLICT_AT: Final = tuple(
    (_position(name), _else_index(comparison_named(name)), reason)
    for name, reason in CONFLICTS.items()
)
CIRCUMSTANCES_AT: Final = tuple(_position(name) for name in CIRCUMSTANCES)
NUMBERS_AT: Final = tuple(
    (_position(name), tuple(comparison_named(name).labels.index(label) for label in labels))
    for name, labels in PERSONAL.items()
    if name in ("service_number", "tax_number")
)
PERSONAL_AT: Final = tuple(
    (_position(name), tuple(comparison_named(name).labels.index(label) for label in labels))
    for name, labels in PERSONAL.items()
)


def conflict(levels: Sequence[int]) -> str | None:
    """The first personal fact that conflicts; none when a document number agrees (a number
    is the person's own: names and dates are miswritten far more often than a number of
    another person of that name is written instead)."""
    if same_number(levels):
        return None
    for position, different, reason in CONFLICT_AT:
        if levels[position] == different:
            return reason
    return None


def same_number(levels: Sequence[int]) -> bool:
    return any(levels[at] in agreeing for at, agreeing in NUMBERS_AT)


def half_a_name(levels: Sequence[int]) -> bool:
    """One record lacks the surname or the given name (not merely written in the other
    column), and no personal fact to the day agrees."""
    surname, given = levels[SURNAME_AT], levels[GIVEN_AT]
    half = surname < 0 or (given < 0 and surname not in SWAPPED_INDICES)
    return half and not personal(levels)


def personal(levels: Sequence[int]) -> bool:
    """Whether a fact personal to the day agrees: the date of birth, a document number."""
    return any(levels[at] in agreeing for at, agreeing in PERSONAL_AT)


def circumstances_excess(weights: Sequence[float]) -> float:
    """How many bits the circumstances weigh beyond their cap (0 when within it)."""
    total = sum(max(weights[at], 0.0) for at in CIRCUMSTANCES_AT)
    return max(total - CIRCUMSTANCES_CAP_BITS, 0.0)


def refusal(
    levels: Sequence[int], weights: Sequence[float], match_weight: float, auto_weight: float
) -> str | None:
    """Why a pair scored at or above the automatic threshold may not be linked automatically
    (None when it may). `levels` and `weights`: per comparison, as `scoring.PairScore` holds
    them (-1 and 0.0 when absent); `auto_weight`: the match weight of the automatic threshold."""
    reason = conflict(levels)
    if reason:
        return reason
    if half_a_name(levels):
        return HALF_A_NAME
    if match_weight - circumstances_excess(weights) < auto_weight:
        return CIRCUMSTANCES_ALONE
    return None
