"""Life after return, pure: the time in captivity as a range of days from an uncertain capture
date, and the back pay it entitles from dated, versioned payment tables kept as data
(`backpay.toml`, an example the bureau replaces)."""

from __future__ import annotations

import calendar
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from homeward.dates import PartialDate
from homeward.errors import InvalidInput

_DATA = Path(__file__).with_name("backpay.toml")
TASKS = ("medical_screening", "psychological_rehabilitation", "documents_restored", "back_pay")


@dataclass(frozen=True)
class PayTable:
    version: str
    effective: date
    monthly: dict[str, int]
    one_off: dict[str, int]


@dataclass(frozen=True)
class Captivity:
    """From the earliest and the latest day the capture may have been, to the return."""

    earliest_start: date
    latest_start: date
    returned: date

    @property
    def fewest_days(self) -> int:
        return (self.returned - self.latest_start).days

    @property
    def most_days(self) -> int:
        return (self.returned - self.earliest_start).days


@dataclass(frozen=True)
class BackPay:
    captivity: Captivity
    rank_category: str
    low: int  # for the fewest days he may have been held
    high: int  # for the most
    one_off: dict[str, int]
    tables: tuple[str, ...]  # the versions that applied


def parse_tables(text: str) -> list[PayTable]:
    tables = [
        PayTable(
            version=str(entry["version"]),
            effective=date.fromisoformat(entry["effective"]),
            monthly={k: int(v) for k, v in entry["monthly"].items()},
            one_off={k: int(v) for k, v in entry.get("one_off", {}).items()},
        )
        for entry in tomllib.loads(text)["table"]
    ]
    return sorted(tables, key=lambda t: t.effective)


@cache
def pay_tables() -> tuple[PayTable, ...]:
    return tuple(parse_tables(_DATA.read_text(encoding="utf-8")))


def captivity(captured: PartialDate | None, returned: date) -> Captivity:
    if captured is None:
        raise InvalidInput("captured", "the day of capture is not known at all: no range")
    if captured.earliest > returned:
        raise InvalidInput(
            "captured",
            "captured %(captured)s, after the return on %(returned)s",
            captured=captured.iso(),
            returned=returned.isoformat(),
        )
    return Captivity(captured.earliest, min(captured.latest, returned), returned)


def _in_effect(tables: tuple[PayTable, ...], day: date) -> PayTable | None:
    found = None
    for table in tables:
        if table.effective <= day:
            found = table
    return found


def _pay(start: date, end: date, group: str, tables: tuple[PayTable, ...]) -> tuple[int, set[str]]:
    """Monthly amounts for the days from `start` up to (not including) `end`, each day at the
    rate of its month in the table in effect that day."""
    total, used = 0.0, set()
    day = start
    while day < end:
        month_days = calendar.monthrange(day.year, day.month)[1]
        month_end = date(day.year, day.month, month_days) + timedelta(days=1)
        table = _in_effect(tables, day)
        next_table = next((t.effective for t in tables if t.effective > day), None)
        stop = min(end, month_end, next_table or end)
        if table is not None:
            rate = table.monthly.get(group, table.monthly.get("unknown", 0))
            total += rate * (stop - day).days / month_days
            used.add(table.version)
        day = stop
    return round(total), used


def back_pay(
    held: Captivity, rank_category: str | None, tables: tuple[PayTable, ...] | None = None
) -> BackPay:
    tables = tables if tables is not None else pay_tables()
    group = rank_category or "unknown"
    low, used_low = _pay(held.latest_start, held.returned, group, tables)
    high, used_high = _pay(held.earliest_start, held.returned, group, tables)
    on_return = _in_effect(tables, held.returned)
    one_off = dict(on_return.one_off) if on_return else {}
    if on_return:
        used_high.add(on_return.version)
    return BackPay(held, group, low, high, one_off, tuple(sorted(used_low | used_high)))


def captivities(
    first_missing: PartialDate | None, events: list[tuple[str, PartialDate]]
) -> list[tuple[PartialDate | None, date]]:
    """Each captivity of a man who may have been captured again after coming home: from the
    disappearance before each return to that return. `events` are his `reported_missing` and
    `returned` evidence, in order of date; the first disappearance may be only the person's
    own field. A disappearance after the last return is a captivity not yet ended: left out."""
    found: list[tuple[PartialDate | None, date]] = []
    start = first_missing
    for kind, on in sorted(events, key=lambda e: (e[1].earliest, e[1].latest)):
        if kind == "reported_missing":
            if found and on.earliest <= found[-1][1]:
                continue  # the report of the first disappearance, not a new one
            start = on
        elif kind == "returned":
            if found and start is found[-1][0]:
                continue  # a second record of the same return
            found.append((start, on.earliest))
    return found
