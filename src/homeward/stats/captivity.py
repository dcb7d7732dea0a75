"""Time in captivity, as ranges: dates are partial, so a duration is known between two bounds.

Captivity is counted from the day the person went missing (those missing in action are taken
to have been captured then, as for back pay) to the return, or for those still held to the day
of the figure. A date known to a month or a year gives a range of days. When the day of
disappearance was not recorded, the start is bounded only by the first sign of captivity, so
the duration is "at least" that long. Each person falls in one band when both bounds do, and
otherwise in the span of bands between them: the table never rounds an uncertain duration
into a certain one. Pure.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from homeward.dates import PartialDate
from homeward.registry.vocab import Side, Status
from homeward.stats.figures import SHOWING_CAPTIVITY
from homeward.stats.rows import Derived
from homeward.stats.tables import CountTable

# (the band's name, its first day, the name of that edge when a span starts or ends there)
BANDS: tuple[tuple[str, int, str], ...] = (
    ("under 3 months", 0, "0"),
    ("3-6 months", 91, "3 months"),
    ("6-12 months", 183, "6 months"),
    ("1-2 years", 365, "1 year"),
    ("2-3 years", 730, "2 years"),
    ("3 years or more", 1095, "3 years"),
)
HELD = frozenset({Status.CAPTIVITY_POSSIBLE, Status.CAPTIVITY_CONFIRMED})


@dataclass(frozen=True)
class Duration:
    shortest: int  # days
    longest: int | None  # None: the start of captivity is not bounded


def captivity_duration(derived: Derived, *, on: date) -> Duration | None:
    """The range of days the person spent (or has spent so far) in captivity, or None for
    persons who are neither returned nor held."""
    status = derived.status
    if status is Status.RETURNED:
        end = derived.result.basis[-1].on
    elif status in HELD:
        end = PartialDate.of(on)
    else:
        return None
    missing = derived.person.missing
    if missing is None:
        signs = [f.on.latest for f in derived.in_force() if f.kind in SHOWING_CAPTIVITY]
        first_sign = min([*signs, end.latest])
        return Duration(max(0, (end.earliest - first_sign).days), None)
    shortest = max(0, (end.earliest - missing.latest).days)
    return Duration(shortest, max(shortest, (end.latest - missing.earliest).days))


def band_of(duration: Duration) -> str:
    low = _band_index(duration.shortest)
    if duration.longest is None:
        return f"at least {BANDS[low][2]} (start unknown)" if low else "unknown (start unknown)"
    high = _band_index(duration.longest)
    if low == high:
        return BANDS[low][0]
    if high == len(BANDS) - 1:
        return f"{BANDS[low][2]} or more"
    return f"between {BANDS[low][2]} and {BANDS[high + 1][2]}"


_FIRST_DAYS = [first for _, first, _ in BANDS]


def _band_index(days: int) -> int:
    return bisect_right(_FIRST_DAYS, days) - 1


def time_in_captivity(derived: Sequence[Derived], *, on: date) -> CountTable:
    """Returnees and those still held, by time in captivity (bands, or spans of bands)."""
    cells = Counter(cell for d in derived if (cell := captivity_cell(d, on=on)) is not None)
    return time_in_captivity_table(cells)


Cell = tuple[int, int, str, str]  # the first and the last band, the label, returned or held


def captivity_cell(d: Derived, *, on: date) -> Cell | None:
    if d.person.side is not Side.OWN:
        return None
    duration = captivity_duration(d, on=on)
    if duration is None:
        return None
    low = _band_index(duration.shortest)
    high = len(BANDS) if duration.longest is None else _band_index(duration.longest)
    group = "returned" if d.status is Status.RETURNED else "still_held"
    return low, high, band_of(duration), group


def time_in_captivity_table(cells: Mapping[Cell, int]) -> CountTable:
    counts: Counter[tuple[str, str]] = Counter()
    order: dict[str, tuple[int, int]] = {}
    for (low, high, label, group), count in cells.items():
        order[label] = (low, high)
        counts[(label, group)] += count
    labels = sorted(order, key=lambda label: order[label])
    groups = ("returned", "still_held")
    return CountTable(
        name="time_in_captivity",
        title="Time in captivity: returned, and still held so far",
        row_header="time_in_captivity",
        rows=tuple(labels),
        columns=groups,
        counts=tuple(tuple(counts[(label, g)] for g in groups) for label in labels),
        row_totals=True,
        column_totals=True,
    )
