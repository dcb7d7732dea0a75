"""Time in captivity as a range from an uncertain capture date, and the back pay it entitles
from dated, versioned tables."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homeward.dates import PartialDate
from homeward.errors import InvalidInput
from homeward.exchanges.aftercare import back_pay, captivity, parse_tables, pay_tables

TABLES = tuple(
    parse_tables(
        """
[[table]]
version = "a"
effective = "2022-01-01"
monthly = { rank_and_file = 3100, unknown = 3100 }
one_off = { return = 1000 }

[[table]]
version = "b"
effective = "2024-01-01"
monthly = { rank_and_file = 6200, unknown = 6200 }
one_off = { return = 2000 }
"""
    )
)


def test_a_capture_known_to_the_month_gives_a_range_not_a_guess() -> None:
    held = captivity(PartialDate(2023, 3), date(2023, 5, 1))
    assert (held.earliest_start, held.latest_start) == (date(2023, 3, 1), date(2023, 3, 31))
    assert (held.fewest_days, held.most_days) == (31, 61)


def test_a_whole_month_pays_the_monthly_amount_and_a_part_month_pro_rata() -> None:
    held = captivity(PartialDate(2023, 1, 1), date(2023, 2, 1))
    assert back_pay(held, "rank_and_file", TABLES).low == 3100
    half = captivity(PartialDate(2023, 1, 17), date(2023, 2, 1))
    assert back_pay(half, "rank_and_file", TABLES).low == 1500  # 15 days of 31


def test_each_day_is_paid_by_the_table_in_effect_that_day() -> None:
    held = captivity(PartialDate(2023, 12, 1), date(2024, 2, 1))
    pay = back_pay(held, None, TABLES)
    assert pay.low == pay.high == 3100 + 6200
    assert pay.one_off == {"return": 2000} and pay.tables == ("a", "b")


def test_the_range_of_pay_follows_the_range_of_days() -> None:
    pay = back_pay(captivity(PartialDate(2023), date(2024, 1, 1)), "rank_and_file", TABLES)
    assert pay.low == 100 and pay.high == 12 * 3100  # one day (31.12) to a whole year


def test_a_capture_after_the_return_or_unknown_is_refused() -> None:
    with pytest.raises(InvalidInput, match="after the return"):
        captivity(PartialDate(2025, 1, 2), date(2025, 1, 1))
    with pytest.raises(InvalidInput, match="not known at all"):
        captivity(None, date(2025, 1, 1))


def test_the_shipped_example_table_reads() -> None:
    tables = pay_tables()
    assert [t.effective for t in tables] == sorted(t.effective for t in tables)
    assert all("unknown" in t.monthly for t in tables)


@given(
    year=st.integers(2022, 2024),
    month=st.integers(1, 12),
    back=st.dates(date(2025, 1, 1), date(2026, 6, 30)),
)
def test_the_low_never_exceeds_the_high(year: int, month: int, back: date) -> None:
    held = captivity(PartialDate(year, month), back)
    pay = back_pay(held, "sergeant", TABLES)
    assert held.fewest_days <= held.most_days and pay.low <= pay.high


def test_a_man_captured_again_after_coming_home_starts_a_new_captivity() -> None:
    from homeward.exchanges.aftercare import captivities

    events = [
        ("reported_missing", PartialDate(2022, 3)),
        ("returned", PartialDate(2022, 9, 21)),
        ("returned", PartialDate(2022, 9, 21)),  # the same return, recorded twice
        ("reported_missing", PartialDate(2023, 8, 2)),
        ("returned", PartialDate(2025, 5, 23)),
        ("reported_missing", PartialDate(2026, 1)),  # captive again: not ended, left out
    ]
    found = captivities(PartialDate(2022, 3), events)
    assert found == [
        (PartialDate(2022, 3), date(2022, 9, 21)),
        (PartialDate(2023, 8, 2), date(2025, 5, 23)),
    ]
    assert captivities(None, [("returned", PartialDate(2025, 1, 1))]) == [(None, date(2025, 1, 1))]
