"""Persons by status over time: the status every person had at the end of each month. Pure.

Each point is what the status rules (homeward.registry.status, unchanged) derive from the
evidence counted by the last day of the month (see rows.py for "counted"); the last point is
the day asked for. A person counts from the day the register first knew of him. A person's
status can change only on a day a fact starts to count, so the rules are applied once per
month in which a new fact counts, not once per month, and once per shape of timeline
(memo.py).
"""

from __future__ import annotations

import calendar
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from homeward.errors import InvalidInput
from homeward.registry.vocab import Side, Status
from homeward.stats.memo import StatusMemo
from homeward.stats.memory import without_cycle_collection
from homeward.stats.rows import Derived, RegisterRows, derive_all
from homeward.stats.tables import CountTable
from homeward.stats.timeline import Basis, EvidenceRow, countable, counted_by

WAR_BEGAN = date(2022, 2, 24)
SERIES_START = date(2022, 2, 1)

OWN_STATUSES = (
    Status.NO_INFORMATION,
    Status.MISSING,
    Status.CAPTIVITY_POSSIBLE,
    Status.CAPTIVITY_CONFIRMED,
    Status.RETURNED,
    Status.DECEASED,
)
ADVERSARY_STATUSES = (
    Status.NO_INFORMATION,
    Status.IN_CUSTODY,
    Status.HOSPITALISED,
    Status.TRANSFERRED,
    Status.REPATRIATED,
    Status.RELEASED,
    Status.ESCAPED,
    Status.DECEASED,
)


def statuses_of(side: Side) -> tuple[Status, ...]:
    return OWN_STATUSES if side is Side.OWN else ADVERSARY_STATUSES


def check_day(day: date, *, today: date, field: str = "on") -> None:
    """A figure's day lies between the start of the war and today."""
    if day < WAR_BEGAN:
        raise InvalidInput(
            field,
            "%(value)s is before the war began (%(start)s)",
            value=day.isoformat(),
            start=WAR_BEGAN.isoformat(),
        )
    if day > today:
        raise InvalidInput(field, "%(value)s is in the future", value=day.isoformat())


def month_ends(start: date, until: date) -> list[date]:
    """The last day of every month from `start`'s to `until`'s; `until` itself ends the list."""
    ends: list[date] = []
    year, month = start.year, start.month
    while (year, month) <= (until.year, until.month):
        last = date(year, month, calendar.monthrange(year, month)[1])
        ends.append(min(last, until))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ends


@dataclass(frozen=True)
class StatusSeries:
    side: Side
    basis: Basis
    days: tuple[date, ...]
    statuses: tuple[Status, ...]
    counts: tuple[tuple[int, ...], ...]  # counts[status index][day index]

    def of(self, status: Status) -> tuple[int, ...]:
        return self.counts[self.statuses.index(status)]

    def table(self) -> CountTable:
        return CountTable(
            name=f"status_series_{self.side.value}",
            title="Persons by status at the end of each month",
            row_header="month_end",
            rows=tuple(day.isoformat() for day in self.days),
            columns=tuple(status.value for status in self.statuses),
            counts=tuple(
                tuple(self.counts[s][d] for s in range(len(self.statuses)))
                for d in range(len(self.days))
            ),
            row_totals=True,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "side": self.side.value,
            "basis": self.basis.value,
            "days": [day.isoformat() for day in self.days],
            "counts": {s.value: list(self.counts[i]) for i, s in enumerate(self.statuses)},
        }


@without_cycle_collection
def status_series(
    rows: RegisterRows,
    *,
    until: date,
    today: date,
    side: Side = Side.OWN,
    start: date = SERIES_START,
    basis: Basis = Basis.KNOWN_THEN,
    memo: StatusMemo | None = None,
    derived: Sequence[Derived] | None = None,
) -> StatusSeries:
    """Persons of `side` by status at the end of each month from `start` to `until`.

    `derived`, every person's status on `until` by `derive_all` with the same basis and memo,
    saves deriving it again.
    """
    check_day(until, today=today, field="until")
    if start < SERIES_START or start > until:
        raise InvalidInput(
            "start",
            "%(value)s is not between %(start)s and %(until)s",
            value=start.isoformat(),
            start=SERIES_START,
            until=until,
        )
    days = month_ends(start, until)
    memo = memo or StatusMemo()
    if derived is None:
        derived = derive_all(rows, on=until, basis=basis, memo=memo)
    cells: Counter[SeriesCell] = Counter()
    for person in derived:
        if person.person.side is side:
            evidence = rows.evidence_of(person.person.id)
            cells.update(series_cells(person, evidence, days, basis, memo))
    return series_of(side, basis, days, cells)


SeriesCell = tuple[Status, int, int]  # a status, a day's index, 1 entering it or -1 leaving


def series_cells(
    person: Derived,
    evidence: Sequence[EvidenceRow],
    days: Sequence[date],
    basis: Basis,
    memo: StatusMemo,
) -> list[SeriesCell]:
    """Where the person enters a status and where he leaves one, among `days`."""
    cells: list[SeriesCell] = []
    previous: Status | None = None
    for day_index, status in _status_changes(person, evidence, days, basis, memo):
        cells.append((status, day_index, 1))
        if previous is not None:
            cells.append((previous, day_index, -1))
        previous = status
    return cells


def series_of(
    side: Side, basis: Basis, days: Sequence[date], cells: Mapping[SeriesCell, int]
) -> StatusSeries:
    """The series from the counts of its persons' `series_cells`."""
    statuses = statuses_of(side)
    # changes[s][d]: how many persons enter status s at day d, minus those who leave it
    changes = [[0] * (len(days) + 1) for _ in statuses]
    position = {status: i for i, status in enumerate(statuses)}
    for (status, day_index, sign), count in cells.items():
        changes[position[status]][day_index] += sign * count
    counts = tuple(tuple(_running(line)[: len(days)]) for line in changes)
    return StatusSeries(side, basis, tuple(days), statuses, counts)


def _running(changes: list[int]) -> list[int]:
    total, sums = 0, []
    for change in changes:
        total += change
        sums.append(total)
    return sums


def _status_changes(
    person: Derived,
    evidence: Sequence[EvidenceRow],
    days: Sequence[date],
    basis: Basis,
    memo: StatusMemo,
) -> list[tuple[int, Status]]:
    """(day index, status) at each point where the person's status changes; the last is the
    status on the last day, already derived."""
    entry = 0 if person.first is None else bisect_left(days, person.first)
    if entry >= len(days):
        return []
    rows = countable(evidence, basis)
    moments = {entry}
    for row in rows:
        moments.add(max(entry, bisect_left(days, row.counted_from(basis))))
    ordered = sorted(index for index in moments if index < len(days))
    changes: list[tuple[int, Status]] = []
    side = person.person.side
    for index in ordered[:-1]:
        status = memo.status(counted_by(rows, days[index], basis), side)
        if not changes or changes[-1][1] is not status:
            changes.append((index, status))
    # the last moment's facts are every fact counted by the last day
    if not changes or changes[-1][1] is not person.status:
        changes.append((ordered[-1], person.status))
    return changes
