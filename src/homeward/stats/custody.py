"""Figures about the prisoners our side holds, from their evidence (captured, repatriated, ...).
Pure. Their profile (rank category, how they came to serve, age, citizenship, coercion) and the
figures per exchange wait for the custody and exchanges domains.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from homeward.dates import Precision
from homeward.registry.vocab import EvidenceKind, Side, Status
from homeward.stats.rows import Derived
from homeward.stats.tables import CountTable

CAPTURES = frozenset({EvidenceKind.CAPTURED, EvidenceKind.RECAPTURED})
IN_OUR_CUSTODY = frozenset({Status.IN_CUSTODY, Status.HOSPITALISED})
WEEK_UNKNOWN = "week unknown"


def week_of(day: date) -> date:
    """The Monday that begins the ISO week of `day`."""
    return day - timedelta(days=day.weekday())


def captures_per_week(derived: Sequence[Derived]) -> CountTable:
    """Captures (and recaptures) by the week they happened in, every week from the first to the
    last shown; captures dated only to a month or a year are counted apart."""
    weeks: Counter[date] = Counter()
    unknown = 0
    for d in derived:
        if d.person.side is not Side.ADVERSARY:
            continue
        for fact in d.in_force():
            if fact.kind not in CAPTURES:
                continue
            if fact.on.precision is Precision.DAY:
                weeks[week_of(fact.on.earliest)] += 1
            else:
                unknown += 1
    rows: list[str] = []
    counts: list[tuple[int]] = []
    if weeks:
        week, last = min(weeks), max(weeks)
        while week <= last:
            rows.append(week.isoformat())
            counts.append((weeks[week],))
            week += timedelta(days=7)
    if unknown:
        rows.append(WEEK_UNKNOWN)
        counts.append((unknown,))
    return CountTable(
        name="captures_per_week",
        title="Prisoners captured by our side, per week (weeks begin on Monday)",
        row_header="week",
        rows=tuple(rows),
        columns=("captures",),
        counts=tuple(counts),
        column_totals=True,
    )


def peaks(table: CountTable, *, top: int = 5) -> list[tuple[str, int]]:
    """The weeks with the most captures, most first."""
    dated = [(row, line[0]) for row, line in zip(table.rows, table.counts, strict=True)]
    dated = [(row, count) for row, count in dated if row != WEEK_UNKNOWN and count]
    return sorted(dated, key=lambda item: (-item[1], item[0]))[:top]


def in_custody(derived: Sequence[Derived]) -> int:
    """Prisoners in our custody (held or in hospital) on the day of the figure."""
    return sum(1 for d in derived if d.person.side is Side.ADVERSARY and d.status in IN_OUR_CUSTODY)
