"""Persons by status at the end of each month: the status rules on the evidence counted by then."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from homeward.dates import PartialDate
from homeward.errors import InvalidInput
from homeward.registry.status.rules import Fact
from homeward.registry.vocab import EvidenceKind, Side, Status
from homeward.stats.rows import PersonRow, RegisterRows
from homeward.stats.series import StatusSeries, month_ends, status_series
from homeward.stats.service import register_series
from homeward.stats.timeline import Basis, EvidenceRow
from tests.factories import ANALYST
from tests.stats.register import ON, build

TODAY = date.today()


def at(series: StatusSeries, day: str) -> dict[str, int]:
    index = series.days.index(date.fromisoformat(day))
    return {s.value: series.of(s)[index] for s in series.statuses if series.of(s)[index]}


def test_the_series_follows_each_person_up_the_ladder(session: Session) -> None:
    build(session)
    series = register_series(session, actor=ANALYST, until=ON, today=TODAY)
    assert series.days[0] == date(2022, 2, 28) and series.days[-1] == ON
    assert at(series, "2022-02-28") == {}
    assert at(series, "2022-03-31") == {"missing": 1}
    assert at(series, "2022-05-31") == {"missing": 2, "captivity_possible": 1}
    assert at(series, "2022-08-31") == {"missing": 2, "captivity_confirmed": 2}
    assert at(series, "2023-01-31") == {"missing": 2, "captivity_confirmed": 1, "returned": 2}
    assert at(series, "2024-12-31") == {
        "missing": 1,
        "captivity_possible": 1,
        "captivity_confirmed": 1,
        "returned": 2,
        "deceased": 2,
    }


def test_known_then_waits_for_the_report_known_now_does_not(session: Session) -> None:
    # the video of 1 February 2023 reached the register on 10 April 2023
    build(session)
    then = register_series(session, actor=ANALYST, until=ON, today=TODAY)
    now = register_series(session, actor=ANALYST, until=ON, today=TODAY, basis=Basis.KNOWN_NOW)
    assert at(then, "2023-02-28").get("captivity_possible", 0) == 0
    assert at(now, "2023-02-28")["captivity_possible"] == 1
    assert at(then, "2023-04-30")["captivity_possible"] == 1


def test_the_prisoners_we_hold_have_their_series(session: Session) -> None:
    build(session)
    series = register_series(session, actor=ANALYST, until=ON, today=TODAY, side=Side.ADVERSARY)
    # the capture dated only "March 2024" counts once March is over, and was reported in April
    assert at(series, "2024-03-31") == {"in_custody": 2}
    assert at(series, "2024-04-30") == {"in_custody": 2, "hospitalised": 1}
    assert at(series, "2024-10-31") == {"in_custody": 1, "hospitalised": 1, "repatriated": 1}


def row(id: int, kind: EvidenceKind, on: PartialDate, received: date) -> EvidenceRow:
    return EvidenceRow.of(Fact(id=id, kind=kind, on=on), received)


def test_a_fact_dated_to_a_month_counts_once_the_month_is_over() -> None:
    person = PersonRow(id=1, side=Side.OWN)
    evidence = [
        row(1, EvidenceKind.REPORTED_MISSING, PartialDate(2022, 3, 1), date(2022, 3, 1)),
        row(2, EvidenceKind.ICRC_NOTIFICATION, PartialDate(2022, 5), date(2022, 5, 2)),
    ]
    series = status_series(
        RegisterRows([person], {1: evidence}), until=date(2022, 6, 30), today=TODAY
    )
    assert series.of(Status.CAPTIVITY_CONFIRMED) == (0, 0, 0, 1, 1)


def test_a_retraction_changes_the_past_only_when_known_now() -> None:
    person = PersonRow(id=1, side=Side.OWN)
    died = Fact(id=2, kind=EvidenceKind.DIED, on=PartialDate(2022, 4, 1))
    retraction = Fact(id=3, kind=EvidenceKind.RETRACTION, on=PartialDate(2022, 6, 1), supersedes=2)
    evidence = [
        row(1, EvidenceKind.REPORTED_MISSING, PartialDate(2022, 3, 1), date(2022, 3, 1)),
        EvidenceRow.of(died, date(2022, 4, 2)),
        EvidenceRow.of(retraction, date(2022, 6, 2)),
    ]
    rows = RegisterRows([person], {1: evidence})
    then = status_series(rows, until=date(2022, 6, 30), today=TODAY)
    now = status_series(rows, until=date(2022, 6, 30), today=TODAY, basis=Basis.KNOWN_NOW)
    assert then.of(Status.DECEASED) == (0, 0, 1, 1, 0)
    assert now.of(Status.DECEASED) == (0, 0, 0, 0, 0)
    assert now.of(Status.MISSING) == (0, 1, 1, 1, 1)


def test_it_rejects_a_day_before_the_war_or_in_the_future() -> None:
    rows = RegisterRows([])
    with pytest.raises(InvalidInput, match="until: 2021-12-31 is before the war began"):
        status_series(rows, until=date(2021, 12, 31), today=TODAY)
    with pytest.raises(InvalidInput, match="is in the future"):
        status_series(rows, until=date(TODAY.year + 1, 1, 1), today=TODAY)


def test_month_ends_stop_at_the_day_asked() -> None:
    assert month_ends(date(2024, 1, 1), date(2024, 3, 10)) == [
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 10),
    ]
