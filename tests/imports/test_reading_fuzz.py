"""The CSV reader fuzzed: any bytes give a list or a clear error, and tables come back whole."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from homeward.imports.reading import UnreadableFile, read_bytes
from tests.imports.files import csv_bytes

LETTERS = (
    "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯабвгґдеєжзиіїйклмнопрстуфхцчшщьюяЁёЫыЭэЪъ"
    + string.ascii_letters
    + string.digits
    + " .-'ʼ’/№()\""
)
cells = st.text(alphabet=LETTERS, max_size=12)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_list_or_a_clear_error(data: bytes) -> None:
    message = "fuzz.csv: "
    try:
        book = read_bytes(data, name="fuzz.csv")
    except UnreadableFile as error:
        message = str(error)
    else:
        assert book.sheets and all(isinstance(row, list) for row in book.sheets[0].rows)
    assert message.startswith("fuzz.csv: ")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_any_text_gives_a_list_or_a_clear_error(text: str) -> None:
    message = "fuzz.csv: "
    try:
        read_bytes(text.encode("utf-8", errors="surrogatepass"), name="fuzz.csv")
    except UnreadableFile as error:
        message = str(error)
    assert message.startswith("fuzz.csv: ")


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=2, max_value=6).flatmap(
        lambda width: st.lists(
            st.lists(cells, min_size=width, max_size=width).filter(lambda row: any(row)),
            min_size=2,
            max_size=8,
        )
    ),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_a_table_comes_back_as_it_was_written(
    rows: list[list[str]], delimiter: str, encoding: str
) -> None:
    book = read_bytes(csv_bytes(rows, encoding=encoding, delimiter=delimiter), name="t.csv")
    assert book.delimiter == delimiter
    assert book.sheets[0].rows == rows
