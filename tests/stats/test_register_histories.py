"""The register's sources as lists: which lists hold each of our people."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from homeward.stats.lists import REGISTER_LISTS
from homeward.stats.service import register_capture_histories
from tests.factories import ANALYST
from tests.stats.register import ON, build


def test_our_people_are_counted_by_the_lists_that_hold_them(session: Session) -> None:
    build(session)
    histories = register_capture_histories(session, actor=ANALYST, on=ON, today=date.today())
    assert list(REGISTER_LISTS) == [
        "relatives",
        "icrc",
        "captor",
        "media",
        "testimonies",
        "returns",
    ]
    assert dict(histories["all"].counts) == {
        (0, 1, 1, 0, 0, 1): 1,  # on the captor's list, notified by the ICRC, returned
        (0, 0, 0, 0, 0, 1): 1,  # known captive only from the return
        (0, 1, 0, 0, 0, 0): 1,  # notified by the ICRC, died in captivity
        (0, 0, 0, 1, 0, 0): 1,  # seen in a video
        (1, 1, 0, 0, 0, 0): 1,  # notified, and a call home
    }


def test_histories_by_year_of_disappearance(session: Session) -> None:
    build(session)
    by_year = register_capture_histories(
        session, actor=ANALYST, on=ON, today=date.today(), by="year"
    )
    assert {year: h.observed for year, h in by_year.items()} == {
        "2022": 3,
        "2023": 2,
        "2024": 0,
    }
