"""Every counted figure as of one day, computed in one pass over the register's rows. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from homeward.registry.vocab import Status
from homeward.stats.disclosure import SMALL, THRESHOLD
from homeward.stats.histories import CaptureHistories
from homeward.stats.memory import without_cycle_collection
from homeward.stats.rows import RegisterRows
from homeward.stats.series import StatusSeries
from homeward.stats.tables import CountTable
from homeward.stats.timeline import Basis

BREAKDOWNS = ("region", "branch", "unit")


@dataclass(frozen=True)
class Headline:
    """The few numbers a page or a report opens with."""

    own_persons: int
    held_now: int  # captivity possible or confirmed
    confirmed_now: int
    returned: int
    returned_never_confirmed: int
    deaths_in_captivity: int
    incommunicado: int
    prisoners_in_our_custody: int

    @property
    def never_confirmed_share(self) -> float | None:
        return self.returned_never_confirmed / self.returned if self.returned else None

    def to_json(self, *, public: bool = False) -> dict[str, Any]:
        """The numbers; public, each from 1 to 4 is "<5" (and the share is left out when one
        of its two numbers is)."""
        numbers: dict[str, Any] = dict(self.__dict__)
        share = self.never_confirmed_share
        numbers["never_confirmed_share"] = None if share is None else round(share, 4)
        if public:
            hidden = {k for k, v in self.__dict__.items() if 0 < v < THRESHOLD}
            numbers.update(dict.fromkeys(hidden, SMALL))
            if hidden & {"returned", "returned_never_confirmed"}:
                numbers["never_confirmed_share"] = None
        return numbers


@dataclass(frozen=True)
class Figures:
    on: date
    basis: Basis
    headline: Headline
    series: StatusSeries
    custody_series: StatusSeries
    tables: tuple[CountTable, ...]
    capture_peaks: tuple[tuple[str, int], ...]
    # our people by the register's lists that hold them (multiple systems estimation's input),
    # from the same statuses as the figures
    histories: CaptureHistories | None = field(default=None, compare=False, repr=False)
    # the same, for each year of disappearance and each region (lists.STRATA)
    strata: dict[str, dict[str, CaptureHistories]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def table(self, name: str) -> CountTable:
        return next(t for t in self.all_tables() if t.name == name)

    def all_tables(self) -> tuple[CountTable, ...]:
        return (self.series.table(), self.custody_series.table(), *self.tables)

    def to_json(self, *, public: bool = False) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "basis": self.basis.value,
            "public": public,
            "headline": self.headline.to_json(public=public),
            "capture_peaks": [
                {"week": w, "captures": SMALL if public and n < THRESHOLD else n}
                for w, n in self.capture_peaks
            ],
            "tables": [t.to_json(public=public) for t in self.all_tables()],
        }


@without_cycle_collection
def count_figures(
    rows: RegisterRows,
    *,
    on: date,
    today: date,
    basis: Basis = Basis.KNOWN_THEN,
    incommunicado_days: int = 90,
) -> Figures:
    """Every counted figure of docs/statistics.md as it stood on `on`: each person's cells
    counted (homeward.stats.tally), then the tables made from their sums."""
    from homeward.stats.tally import Tally  # which counts into this module's Figures

    tally = Tally(on=on, today=today, basis=basis, incommunicado_days=incommunicado_days)
    for person in rows.persons:
        pid = person.id
        tally.put(person, rows.evidence_of(pid), rows.profiles.get(pid, ()))
    return tally.figures(rows.exchanges)


def headline(tables: dict[str, CountTable], *, in_custody: int) -> Headline:
    own = tables["status_own"]
    returned = tables["returned_by_month"]
    held = (Status.CAPTIVITY_POSSIBLE.value, Status.CAPTIVITY_CONFIRMED.value)
    return Headline(
        own_persons=sum(own.column("persons")),
        held_now=sum(own.count(s, "persons") for s in held),
        confirmed_now=own.count(Status.CAPTIVITY_CONFIRMED.value, "persons"),
        returned=sum(sum(line) for line in returned.counts),
        returned_never_confirmed=sum(returned.column("never_confirmed_before_return")),
        deaths_in_captivity=sum(tables["deaths_by_year"].column("in_captivity")),
        incommunicado=sum(sum(line) for line in tables["incommunicado"].counts),
        prisoners_in_our_custody=in_custody,
    )
