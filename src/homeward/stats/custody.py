"""Figures about the prisoners our side holds: captures from their evidence (captured,
repatriated, ...), and their profile (rank category, how they came to serve, age, citizenship,
reported coercion) from the interviews homeward.custody records. Pure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta

from homeward.dates import PartialDate, Precision
from homeward.registry.vocab import EvidenceKind, Side, Status
from homeward.stats.regions import UNKNOWN
from homeward.stats.rows import Derived, ProfileRow
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
    return captures_table(Counter(week for d in derived for week in capture_weeks(d)))


def capture_weeks(d: Derived) -> list[date | None]:
    """The week of each of a prisoner's captures (None: dated only to a month or a year)."""
    if d.person.side is not Side.ADVERSARY:
        return []
    return [
        week_of(fact.on.earliest) if fact.on.precision is Precision.DAY else None
        for fact in d.in_force()
        if fact.kind in CAPTURES
    ]


def captures_table(captures: Mapping[date | None, int]) -> CountTable:
    weeks = {week: count for week, count in captures.items() if week is not None and count}
    unknown = captures.get(None, 0)
    rows: list[str] = []
    counts: list[tuple[int]] = []
    if weeks:
        week, last = min(weeks), max(weeks)
        while week <= last:
            rows.append(week.isoformat())
            counts.append((weeks.get(week, 0),))
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


# --- the profile of the prisoners we hold -------------------------------------------------

HOME_STATE = "RUS"  # the Power the prisoners depend on, as custody registration assumes
HELD = ("held_now", "no_longer_held")
AGE_BANDS: tuple[tuple[str, int], ...] = (
    ("under 18", 0),
    ("18-24", 18),
    ("25-34", 25),
    ("35-44", 35),
    ("45-54", 45),
    ("55 or older", 55),
)
PROFILE_ROWS: dict[str, tuple[str, ...]] = {
    "rank_category": ("rank_and_file", "sergeant", "officer"),
    "service_route": ("contract", "contract_prison", "contract_pmc", "mobilised", "conscript"),
    "age_band": tuple(name for name, _ in AGE_BANDS),
    "coercion": ("reported", "not_reported"),
}
PROFILE_TITLES: dict[str, str] = {
    "rank_category": "Prisoners we hold by rank category",
    "service_route": "Prisoners we hold by how they came to serve",
    "age_band": "Prisoners we hold by age on the day",
    "citizenship": "Prisoners we hold by citizenship",
    "coercion": "Prisoners we hold who reported coercion or deception into service",
}


def age_band(birth: PartialDate | None, on: date) -> str:
    """The band of the age in whole years on `on`, from the latest day the birth may be (when
    only the year or the month is known, the youngest he can be); unknown without a birth."""
    if birth is None:
        return UNKNOWN
    born = birth.latest
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return next(name for name, first in reversed(AGE_BANDS) if age >= first)


def _coercion(value: bool | None) -> str:
    return UNKNOWN if value is None else "reported" if value else "not_reported"


def profile_tables(
    adversaries: Sequence[Derived],
    profiles: Callable[[int], ProfileRow | None],
    *,
    on: date,
) -> tuple[CountTable, ...]:
    """The prisoners we hold counted by `on`, by rank category, how they came to serve, age,
    citizenship and reported coercion; held now and no longer held. What he did not say (no
    interview, or no answer) is `unknown`. The rank category, the route and coercion come from
    his latest interview by the day; citizenship from it, or else from the register."""
    cells: Counter[ProfileCell] = Counter()
    for d in adversaries:
        cells.update(profile_cells(d, profiles(d.person.id), on=on))
    return profile_tables_of(cells)


ProfileCell = tuple[str, str, str]  # the table, the category, held now or no longer


def profile_cells(d: Derived, profile: ProfileRow | None, *, on: date) -> list[ProfileCell]:
    """A prisoner's cell in each table of the profile (none for our people)."""
    if d.person.side is not Side.ADVERSARY:
        return []
    held = HELD[0] if d.status in IN_OUR_CUSTODY else HELD[1]
    citizenship = (profile.citizenship if profile else None) or d.person.citizenship
    return [
        ("rank_category", (profile.rank_category if profile else None) or UNKNOWN, held),
        ("service_route", (profile.service_route if profile else None) or UNKNOWN, held),
        ("age_band", age_band(d.person.birth, on), held),
        ("citizenship", citizenship.upper() if citizenship else UNKNOWN, held),
        ("coercion", _coercion(profile.coercion_or_deception if profile else None), held),
    ]


def profile_tables_of(cells: Mapping[ProfileCell, int]) -> tuple[CountTable, ...]:
    by_name: dict[str, Counter[tuple[str, str]]] = {name: Counter() for name in PROFILE_TITLES}
    for (name, category, held), count in cells.items():
        if count:
            by_name[name][(category, held)] += count
    return tuple(_profile_table(name, counts) for name, counts in by_name.items())


def _profile_table(name: str, cells: Counter[tuple[str, str]]) -> CountTable:
    present = {category for category, _ in cells}
    if name == "citizenship":
        totals = Counter[str]()
        for (category, _), count in cells.items():
            totals[category] += count
        rows = sorted(present, key=lambda c: (c == UNKNOWN, c != HOME_STATE, -totals[c], c))
    else:
        rows = [*PROFILE_ROWS[name], *sorted(present - set(PROFILE_ROWS[name]) - {UNKNOWN})]
        rows.append(UNKNOWN)
    return CountTable(
        name=f"prisoners_by_{name}",
        title=PROFILE_TITLES[name],
        row_header=name,
        rows=tuple(rows),
        columns=HELD,
        counts=tuple(tuple(cells[(row, held)] for held in HELD) for row in rows),
        row_totals=True,
        column_totals=True,
    )


def foreigners(table: CountTable) -> tuple[int, int]:
    """Foreigners (citizens of a state other than HOME_STATE, citizenship known) and the number
    of their countries, from the citizenship table."""
    countries = [row for row in table.rows if row not in (HOME_STATE, UNKNOWN)]
    return sum(sum(table.counts[table.rows.index(c)]) for c in countries), sum(
        1 for c in countries if sum(table.counts[table.rows.index(c)])
    )
