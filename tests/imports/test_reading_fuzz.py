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


def _workbook(kind: str) -> bytes:
    import tempfile
    from pathlib import Path

    from tests.imports.files import HEADER_UK, ROWS_UK, write_ods, write_xlsx

    with tempfile.TemporaryDirectory() as folder:
        write = write_xlsx if kind == "xlsx" else write_ods
        return write(Path(folder) / f"list.{kind}", {"Аркуш1": [HEADER_UK, *ROWS_UK]}).read_bytes()


WORKBOOKS = {kind: _workbook(kind) for kind in ("xlsx", "ods")}


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(sorted(WORKBOOKS)),
    st.lists(
        st.tuples(
            # anywhere, and more often in the central directory at the end of the archive
            st.floats(0, 1, exclude_max=True) | st.floats(0.9, 1, exclude_max=True),
            st.binary(min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_a_damaged_workbook_gives_a_list_or_a_clear_error(
    kind: str, damage: list[tuple[float, bytes]]
) -> None:
    data = bytearray(WORKBOOKS[kind])
    for where, replacement in damage:
        at = int(where * len(data))
        data[at : at + len(replacement) or at + 1] = replacement
    message = "damaged.xlsx: "
    try:
        read_bytes(bytes(data), name="damaged.xlsx")
    except UnreadableFile as error:
        message = str(error)
    assert message.startswith("damaged.xlsx: ")
