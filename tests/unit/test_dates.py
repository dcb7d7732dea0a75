from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homeward.dates import PartialDate, Precision, parse_partial_date
from homeward.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.03.1999", PartialDate(1999, 3, 12)),
        ("1999-03-12", PartialDate(1999, 3, 12)),
        ("12/03/1999", PartialDate(1999, 3, 12)),
        ("2.3.99", PartialDate(1999, 3, 2)),
        ("1999", PartialDate(1999)),
        ("03.1999", PartialDate(1999, 3)),
        ("1999-03", PartialDate(1999, 3)),
        ("00.00.1985", PartialDate(1985)),
        ("00.03.1985", PartialDate(1985, 3)),
        ("3 березня 1999", PartialDate(1999, 3, 3)),
        ("3 марта 1999", PartialDate(1999, 3, 3)),
        ("27 січня 2010 р.", PartialDate(2010, 1, 27)),
        ("15 травня 2023", PartialDate(2023, 5, 15)),
        ("1 мая 2023 г.", PartialDate(2023, 5, 1)),
        ("березень 2022", PartialDate(2022, 3)),
        ("1985 р.н.", PartialDate(1985)),
        ("1985 г.р.", PartialDate(1985)),
        (" 12.03.1999 ", PartialDate(1999, 3, 12)),
        ("3 February 2024", PartialDate(2024, 2, 3)),
    ],
)
def test_it_reads_dates_as_sources_write_them(text: str, expected: PartialDate) -> None:
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize("text", ["", "  ", None, "-", "невідомо", "00.00.0000", "0000", "0.0.00"])
def test_it_reads_an_empty_value_as_no_date(text: str | None) -> None:
    assert parse_partial_date(text) is None


@pytest.mark.parametrize("text", ["31.02.1999", "12.13.1999", "32.01.2000"])
def test_it_rejects_an_impossible_date_naming_the_field(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_partial_date(text, field="birth_date")
    assert caught.value.field == "birth_date"
    assert "not a real date" in str(caught.value)


@pytest.mark.parametrize("text", ["yesterday", "12.03", "abc1999", "1999-1999-1999"])
def test_it_rejects_text_where_a_date_belongs(text: str) -> None:
    with pytest.raises(InvalidInput, match="is not a date"):
        parse_partial_date(text, field="on")


def test_it_reads_excel_serial_numbers_only_when_asked() -> None:
    assert parse_partial_date("36231", allow_excel_serial=True) == PartialDate(1999, 3, 12)
    with pytest.raises(InvalidInput):
        parse_partial_date("36231")


def test_a_year_is_not_taken_for_the_first_of_january() -> None:
    year = PartialDate(1985)
    assert year.precision is Precision.YEAR
    assert (year.earliest, year.latest) == (date(1985, 1, 1), date(1985, 12, 31))
    assert not year.certainly_before(PartialDate(1985, 6, 1))
    assert year.certainly_before(PartialDate(1986, 1, 1))


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_stored_form_round_trips(day: date) -> None:
    for value in (PartialDate.of(day), PartialDate(day.year, day.month), PartialDate(day.year)):
        assert PartialDate.from_stored(*value.to_stored()) == value
        assert parse_partial_date(value.iso()) == value
