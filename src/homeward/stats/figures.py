"""Counted figures about our people as they stood on one day. Pure, over `Derived` rows.

Each figure's definition is a section of docs/statistics.md; the status itself always comes from
homeward.registry.status, never from rules of this module's own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

from homeward.dates import PartialDate, Precision
from homeward.registry.status.rules import LADDER
from homeward.registry.vocab import Side, Status
from homeward.stats.regions import UNKNOWN, region_of
from homeward.stats.rows import Derived, ExchangeReturn, PersonRow
from homeward.stats.series import statuses_of
from homeward.stats.tables import CountTable

CAPTIVE_RUNGS = frozenset({Status.CAPTIVITY_POSSIBLE, Status.CAPTIVITY_CONFIRMED})
CONFIRMING = frozenset(k for k, rung in LADDER.items() if rung is Status.CAPTIVITY_CONFIRMED)
SHOWING_CAPTIVITY = frozenset(k for k, rung in LADDER.items() if rung in CAPTIVE_RUNGS)
# days without a letter, call or ICRC visit, for those flagged incommunicado
SILENCE_BANDS: tuple[tuple[str, int], ...] = (
    ("up to 6 months", 183),
    ("6-12 months", 365),
    ("1-2 years", 730),
    ("over 2 years", 10**9),
)


def period_of(day: PartialDate) -> str:
    """The month a fact is dated to ("2024-03"), or its year when the month is not known."""
    return day.iso()[:7] if day.precision is not Precision.YEAR else day.iso()


# Each figure is a sum over persons: a person's cell (or cells) in it, and the table made from
# the cells' counts. The figure over a list of persons counts their cells; homeward.stats.tally
# keeps each person's cells and the sums, so that a change to a few persons is counted again
# for them alone.


def status_now(derived: Sequence[Derived], side: Side) -> CountTable:
    return status_table(Counter(d.status for d in derived if d.person.side is side), side)


def status_table(counts: Mapping[Status, int], side: Side) -> CountTable:
    statuses = statuses_of(side)
    return CountTable(
        name=f"status_{side.value}",
        title="Persons by status",
        row_header="status",
        rows=tuple(s.value for s in statuses),
        columns=("persons",),
        counts=tuple((counts.get(s, 0),) for s in statuses),
        column_totals=True,
    )


DIMENSIONS: dict[str, Callable[[PersonRow], str | None]] = {
    "region": lambda person: region_of(person.missing_place),
    "branch": lambda person: person.branch,
    "unit": lambda person: person.unit,
    "service": lambda person: person.service_status,
}


def breakdown(derived: Sequence[Derived], dimension: str) -> CountTable:
    """Our people by status and by region, branch, unit or service; unknown is a category."""
    read = DIMENSIONS[dimension]
    cells = Counter(
        (read(d.person) or UNKNOWN, d.status) for d in derived if d.person.side is Side.OWN
    )
    return breakdown_table(cells, dimension)


def breakdown_table(cells: Mapping[tuple[str, Status], int], dimension: str) -> CountTable:
    statuses = statuses_of(Side.OWN)
    totals = Counter[str]()
    for (category, _), count in cells.items():
        totals[category] += count
    categories = sorted(totals, key=lambda c: (c == UNKNOWN, -totals[c], c))
    return CountTable(
        name=f"status_by_{dimension}",
        title=f"Our people by {dimension} and status",
        row_header=dimension,
        rows=tuple(categories),
        columns=tuple(s.value for s in statuses),
        counts=tuple(tuple(cells.get((c, s), 0) for s in statuses) for c in categories),
        row_totals=True,
        column_totals=True,
    )


def returned_by_month(derived: Sequence[Derived]) -> CountTable:
    """Our people returned, by the month of their return, split by whether their captivity had
    been confirmed (ICRC notification or visit, the captor's acknowledgment) before it."""
    return returned_by_month_table(_count(returned_cell(d) for d in derived))


def returned_cell(d: Derived) -> tuple[PartialDate, bool] | None:
    """A returnee's day of return, and whether he was confirmed captive before it."""
    if d.person.side is not Side.OWN or d.status is not Status.RETURNED:
        return None
    assert d.result.since is not None
    return d.result.since, _confirmed_before_return(d)


def returned_by_month_table(returns: Mapping[tuple[PartialDate, bool], int]) -> CountTable:
    cells: Counter[tuple[str, bool]] = Counter()
    for (since, confirmed), count in returns.items():
        cells[(period_of(since), confirmed)] += count
    months = _every_month([month for month, _ in cells])
    return CountTable(
        name="returned_by_month",
        title="Returned, by month of return, confirmed captive before it or never",
        row_header="month",
        rows=tuple(months),
        columns=("confirmed_before_return", "never_confirmed_before_return"),
        counts=tuple((cells[(m, True)], cells[(m, False)]) for m in months),
        row_totals=True,
        column_totals=True,
    )


def _every_month(periods: list[str]) -> list[str]:
    """Every month from the first to the last of `periods` (months with no one included), then
    the years of returns dated only to a year."""
    months = sorted(p for p in periods if len(p) == 7)
    years = sorted({p for p in periods if len(p) == 4})
    if not months:
        return years
    year, month = int(months[0][:4]), int(months[0][5:])
    every = []
    while f"{year:04d}-{month:02d}" <= months[-1]:
        every.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return every + years


def _confirmed_before_return(derived: Derived) -> bool:
    returned = derived.result.basis[-1].on
    return any(
        fact.kind in CONFIRMING and fact.on.earliest < returned.earliest
        for fact in derived.in_force()
    )


def deaths_by_year(derived: Sequence[Derived]) -> CountTable:
    """Our dead by the year of death: those known to have been in captivity before it (a sign
    of captivity dated no later than the death) and the others."""
    return deaths_table(_count(death_cell(d) for d in derived))


def death_cell(d: Derived) -> tuple[str, bool] | None:
    if d.person.side is not Side.OWN or d.status is not Status.DECEASED:
        return None
    assert d.result.since is not None
    return str(d.result.since.year), _died_in_captivity(d)


def deaths_table(cells: Mapping[tuple[str, bool], int]) -> CountTable:
    years = sorted({year for year, _ in cells})
    return CountTable(
        name="deaths_by_year",
        title="Deaths, in captivity or not known to have been captive",
        row_header="year",
        rows=tuple(years),
        columns=("in_captivity", "not_known_captive"),
        counts=tuple((cells.get((y, True), 0), cells.get((y, False), 0)) for y in years),
        row_totals=True,
        column_totals=True,
    )


def _died_in_captivity(derived: Derived) -> bool:
    death = derived.result.since
    assert death is not None
    return any(
        fact.kind in SHOWING_CAPTIVITY and fact.on.earliest <= death.latest
        for fact in derived.in_force()
    )


def incommunicado(derived: Sequence[Derived]) -> CountTable:
    """Captives flagged incommunicado (rule O9), by how long they have been silent."""
    return incommunicado_table(_count(incommunicado_cell(d) for d in derived))


def incommunicado_cell(d: Derived) -> tuple[str, Status] | None:
    if d.status in CAPTIVE_RUNGS and d.person.side is Side.OWN and d.result.incommunicado:
        days = d.result.days_without_contact or 0
        return next(name for name, limit in SILENCE_BANDS if days <= limit), d.status
    return None


def incommunicado_table(cells: Mapping[tuple[str, Status], int]) -> CountTable:
    statuses = (Status.CAPTIVITY_POSSIBLE, Status.CAPTIVITY_CONFIRMED)
    bands = tuple(name for name, _ in SILENCE_BANDS)
    return CountTable(
        name="incommunicado",
        title="Captives without a letter, call or ICRC visit for too long",
        row_header="without_contact",
        rows=bands,
        columns=tuple(s.value for s in statuses),
        counts=tuple(tuple(cells.get((b, s), 0) for s in statuses) for b in bands),
        row_totals=True,
        column_totals=True,
    )


K = TypeVar("K")


def _count(cells: Iterable[K | None]) -> Counter[K]:
    return Counter(cell for cell in cells if cell is not None)


def count_where(derived: Iterable[Derived], test: Callable[[Derived], bool]) -> int:
    return sum(1 for d in derived if test(d))


DATE_NOT_EXACT = "day not known"


def returned_per_exchange(
    derived: Sequence[Derived], exchanges: Sequence[ExchangeReturn] = ()
) -> CountTable:
    """Our people returned, per exchange — named where the exchange's roster was reconciled
    and the person came back on it that day; otherwise by the day of the return (the returns
    of one day are one exchange) — confirmed captive before the return or never. Returns
    dated only to a month or a year are counted apart, last."""
    returns = {}
    for d in derived:
        cell = returned_cell(d)
        if cell is not None:
            returns[d.person.id] = cell
    return returned_per_exchange_table(returns, exchanges)


def returned_per_exchange_table(
    returns: Mapping[int, tuple[PartialDate, bool]], exchanges: Sequence[ExchangeReturn] = ()
) -> CountTable:
    """`returned_per_exchange` from each returnee's `returned_cell`, by person."""
    named = _exchange_names(exchanges)
    on_roster: dict[tuple[int, str], str] = {}  # (person, day) -> the exchange's row
    for exchange in exchanges:
        for person_id in exchange.persons:
            on_roster[(person_id, exchange.day.isoformat())] = named[exchange.exchange_id]
    cells: Counter[tuple[str, bool]] = Counter()
    day_of: dict[str, str] = {}  # a row -> its day, to order the rows
    for person_id, (since, confirmed) in returns.items():
        if since.precision is Precision.DAY:
            day = since.iso()
            row = on_roster.get((person_id, day), day)
            day_of[row] = day
        else:
            row = DATE_NOT_EXACT
        cells[(row, confirmed)] += 1
    rows = sorted(day_of, key=lambda row: (day_of[row], row != day_of[row], row))
    if any(row == DATE_NOT_EXACT for row, _ in cells):
        rows.append(DATE_NOT_EXACT)
    return CountTable(
        name="returned_per_exchange",
        title="Returned, per exchange (named, or by day of return), confirmed captive before "
        "it or never",
        row_header="exchange",
        rows=tuple(rows),
        columns=("confirmed_before_return", "never_confirmed_before_return"),
        counts=tuple((cells[(row, True)], cells[(row, False)]) for row in rows),
        row_totals=True,
        column_totals=True,
        share_of="never_confirmed_before_return",
    )


def _exchange_names(exchanges: Sequence[ExchangeReturn]) -> dict[int, str]:
    """Each exchange's row: its name, with its number where two share one."""
    names = Counter(exchange.name for exchange in exchanges)
    return {
        e.exchange_id: e.name if names[e.name] == 1 else f"{e.name} (№ {e.exchange_id})"
        for e in exchanges
    }


def exchanges_reconciled(exchanges: Sequence[ExchangeReturn]) -> CountTable:
    """Per exchange whose roster of our returnees was reconciled, as the reconciliation found:
    those it found confirmed captive before the return and those never confirmed."""
    named = _exchange_names(exchanges)
    rows = [named[e.exchange_id] for e in exchanges]
    return CountTable(
        name="exchanges_reconciled",
        title="Returned per exchange as its roster was reconciled, never confirmed before or not",
        row_header="exchange",
        rows=tuple(rows),
        columns=("confirmed_before_return", "never_confirmed_before_return"),
        counts=tuple((len(e.persons) - e.never_confirmed, e.never_confirmed) for e in exchanges),
        row_totals=True,
        column_totals=True,
        share_of="never_confirmed_before_return",
    )


def cumulative(table: CountTable) -> CountTable:
    """Returned in all, and never confirmed before the return in all, after each exchange."""
    running = [0, 0]
    counts = []
    for confirmed, never in table.counts:
        running = [running[0] + confirmed + never, running[1] + never]
        counts.append(tuple(running))
    return CountTable(
        name="returned_cumulative",
        title="Returned in all after each exchange, and of them never confirmed before return",
        row_header="exchange",
        rows=table.rows,
        columns=("returned_in_all", "never_confirmed_in_all"),
        counts=tuple(counts),
    )
