"""How values are written on paper: dates as dd.mm.yyyy at the precision known, and words
placed inside CSS (the page counter) quoted so that no text can break out of its string."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import tinycss2
from hypothesis import given
from hypothesis import strategies as st

from homeward.dates import PartialDate
from homeward.documents import day_month_year
from homeward.documents.formats import css_string, page_counter_content
from homeward.errors import InvalidInput


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (date(2024, 2, 1), "01.02.2024"),
        (datetime(2024, 2, 1, 9, 5), "01.02.2024 09:05"),
        (PartialDate(1999, 3, 12), "12.03.1999"),
        (PartialDate(1999, 3), "03.1999"),
        (PartialDate(1985), "1985"),
        (None, ""),
    ],
)
def test_dates_are_written_day_month_year(value: date | PartialDate | None, written: str) -> None:
    assert day_month_year(value) == written


@pytest.mark.parametrize("value", ["2024-02-01", 20240201])
def test_a_value_that_is_not_a_date_is_refused(value: object) -> None:
    with pytest.raises(InvalidInput, match=r"^date: "):
        day_month_year(value)  # type: ignore[arg-type]


# CSS reads U+0000 as U+FFFD however it is written: no document prints it
TEXT = st.text(st.characters(exclude_characters="\x00"))


@given(TEXT)
def test_any_text_reads_back_from_its_css_string(text: str) -> None:
    tokens = tinycss2.parse_component_value_list(css_string(text))
    assert [(token.type, token.value) for token in tokens] == [("string", text)]


@given(TEXT)
def test_no_text_can_close_the_style_element_or_the_string(text: str) -> None:
    quoted = css_string(text)[1:-1]
    assert not any(char in quoted for char in "\"'<>\n")


@pytest.mark.parametrize(
    ("phrase", "content"),
    [
        ("Page %(page)s of %(pages)s", '"Page " counter(page) " of " counter(pages)'),
        ("Сторінка %(page)s з %(pages)s", '"Сторінка " counter(page) " з " counter(pages)'),
        ("%(page)s / %(pages)s", 'counter(page) " / " counter(pages)'),
    ],
)
def test_the_page_counter_follows_the_words_of_the_language(phrase: str, content: str) -> None:
    assert page_counter_content(phrase) == content
