"""Every counted figure of one day as a sum over persons, kept one person at a time. Pure.

Each figure of docs/statistics.md counts persons: a person has a cell in it (his status, his
region and status, the month he returned in, the weeks of his captures...), and the figure's
table is made from the number of persons in each cell. A `Tally` keeps every person's cells and
their sums. Putting a person in again after his evidence or his record changed takes his old
cells out of the sums and adds his new ones, so the figures of a register in which a few persons
changed are counted again for those persons alone, and are the same, cell for cell, as counted
afresh (tests/stats/test_tally.py checks it after random changes).

What does not add up person by person is made from what does when the figures are read: the
returns per exchange from each returnee's day of return and the exchanges' rosters, the totals
and the headline from the tables.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from datetime import date

from homeward.dates import PartialDate
from homeward.registry.vocab import Side, Status
from homeward.stats import captivity, custody, figures
from homeward.stats.lists import histories_of, history_cell
from homeward.stats.memo import StatusMemo
from homeward.stats.regions import UNKNOWN
from homeward.stats.rows import (
    Derived,
    EvidenceRow,
    ExchangeReturn,
    PersonRow,
    ProfileRow,
    derive_one,
    latest_profile,
)
from homeward.stats.series import SERIES_START, check_day, month_ends, series_cells, series_of
from homeward.stats.summary import BREAKDOWNS, Figures, headline
from homeward.stats.timeline import Basis

Key = tuple[Hashable, ...]  # a cell, tagged with its figure: ("status", side, status), ...


class Tally:
    """The cells of every person put in, and their sums, for the figures of `on`."""

    def __init__(
        self,
        *,
        on: date,
        today: date,
        basis: Basis = Basis.KNOWN_THEN,
        incommunicado_days: int = 90,
    ) -> None:
        check_day(on, today=today)
        self.on, self.today, self.basis = on, today, basis
        self.incommunicado_days = incommunicado_days
        self.days = month_ends(SERIES_START, on)
        # one memo for every person: timelines of the same shape recur
        self.memo = StatusMemo(incommunicado_days=incommunicado_days)
        self._cells: dict[int, tuple[Key, ...]] = {}
        self._returned: dict[int, tuple[PartialDate, bool]] = {}
        self._sums: Counter[Key] = Counter()
        self._keys: dict[Key, Key] = {}  # one object per distinct cell: persons share them

    def __len__(self) -> int:
        """The persons counted (those the register knew of by the day)."""
        return len(self._cells)

    def put(
        self,
        person: PersonRow,
        evidence: Sequence[EvidenceRow],
        profiles: Sequence[ProfileRow] = (),
    ) -> None:
        """Count the person as his record, evidence and interviews now stand (replacing what
        was counted of him before)."""
        self.drop(person.id)
        derived = derive_one(person, evidence, on=self.on, basis=self.basis, memo=self.memo)
        if derived is None:
            return  # the register did not know of him by the day
        keys = self._keys
        cells = tuple(
            keys.setdefault(key, key) for key in self._cells_of(derived, evidence, profiles)
        )
        self._cells[person.id] = cells
        self._sums.update(cells)
        returned = figures.returned_cell(derived)
        if returned is not None:
            self._returned[person.id] = returned

    def drop(self, person_id: int) -> None:
        """Count the person no more (merged into another, or about to be put in again)."""
        cells = self._cells.pop(person_id, None)
        self._returned.pop(person_id, None)
        if cells is None:
            return
        sums = self._sums
        for key in cells:
            left = sums[key] - 1
            if left:
                sums[key] = left
            else:
                del sums[key]  # a cell no one is in is no row of any table

    def persons(self) -> Iterable[int]:
        return self._cells.keys()

    def _cells_of(
        self, d: Derived, evidence: Sequence[EvidenceRow], profiles: Sequence[ProfileRow]
    ) -> list[Key]:
        side = d.person.side
        on = self.on
        cells: list[Key] = [("status", side, d.status)]
        cells += [
            ("series", side, status, day, sign)
            for status, day, sign in series_cells(d, evidence, self.days, self.basis, self.memo)
        ]
        if side is Side.OWN:
            for dimension in BREAKDOWNS:
                category = figures.DIMENSIONS[dimension](d.person) or UNKNOWN
                cells.append(("by", dimension, category, d.status))
            for tag, cell in (
                ("death", figures.death_cell(d)),
                ("incommunicado", figures.incommunicado_cell(d)),
                ("captivity", captivity.captivity_cell(d, on=on)),
                ("history", history_cell(d)),
            ):
                if cell is not None:
                    cells.append((tag, cell))
        else:
            cells += [("capture", week) for week in custody.capture_weeks(d)]
            profile = latest_profile(profiles, on)
            cells += [("profile", cell) for cell in custody.profile_cells(d, profile, on=on)]
            if d.status in custody.IN_OUR_CUSTODY:
                cells.append(("in_custody",))
        return cells

    def figures(self, exchanges: Sequence[ExchangeReturn] = ()) -> Figures:
        """Every counted figure of the day, from the sums (and the exchanges' rosters)."""
        status: dict[Side, Counter[Status]] = {side: Counter() for side in Side}
        series: dict[Side, Counter[tuple[Status, int, int]]] = {side: Counter() for side in Side}
        by: dict[str, Counter[tuple[str, Status]]] = {d: Counter() for d in BREAKDOWNS}
        tagged: dict[str, Counter[Hashable]] = {
            tag: Counter() for tag in ("death", "incommunicado", "captivity", "history")
        }
        captures: Counter[date | None] = Counter()
        profile: Counter[custody.ProfileCell] = Counter()
        in_custody = 0
        for key, count in self._sums.items():
            tag = key[0]
            if tag == "series":
                series[key[1]][(key[2], key[3], key[4])] += count  # type: ignore[index]
            elif tag == "status":
                status[key[1]][key[2]] += count  # type: ignore[index]
            elif tag == "by":
                by[key[1]][(key[2], key[3])] += count  # type: ignore[index]
            elif tag == "capture":
                captures[key[1]] += count  # type: ignore[index]
            elif tag == "profile":
                profile[key[1]] += count  # type: ignore[index]
            elif tag == "in_custody":
                in_custody += count
            else:
                tagged[tag][key[1]] += count  # type: ignore[index]
        per_exchange = figures.returned_per_exchange_table(self._returned, exchanges)
        tables = (
            figures.status_table(status[Side.OWN], Side.OWN),
            figures.status_table(status[Side.ADVERSARY], Side.ADVERSARY),
            *(figures.breakdown_table(by[dimension], dimension) for dimension in BREAKDOWNS),
            figures.returned_by_month_table(Counter(self._returned.values())),
            figures.deaths_table(tagged["death"]),  # type: ignore[arg-type]
            figures.incommunicado_table(tagged["incommunicado"]),  # type: ignore[arg-type]
            captivity.time_in_captivity_table(tagged["captivity"]),  # type: ignore[arg-type]
            custody.captures_table(captures),
            per_exchange,
            figures.cumulative(per_exchange),
            figures.exchanges_reconciled(exchanges),
            *custody.profile_tables_of(profile),
        )
        by_name = {table.name: table for table in tables}
        histories, strata = histories_of(tagged["history"])  # type: ignore[arg-type]
        return Figures(
            on=self.on,
            basis=self.basis,
            headline=headline(by_name, in_custody=in_custody),
            series=series_of(Side.OWN, self.basis, self.days, series[Side.OWN]),
            custody_series=series_of(Side.ADVERSARY, self.basis, self.days, series[Side.ADVERSARY]),
            tables=tables,
            capture_peaks=tuple(custody.peaks(by_name["captures_per_week"])),
            histories=histories,
            strata=strata,
        )
