"""Reading lists: encodings and delimiters detected, mojibake repaired, workbooks with sheets."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from homeward.imports.reading import UnreadableFile, read_bytes, read_file
from tests.imports.files import HEADER_UK, ROWS_UK, csv_bytes, write_ods, write_xlsx

TABLE = [HEADER_UK, *ROWS_UK]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize(
    ("encoding", "prefix", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("cp1251", b"", "cp1251"),
        ("koi8_u", b"", "koi8_u"),
        ("utf-16", b"", "utf-16"),
    ],
)
def test_it_detects_the_encoding_and_the_delimiter(
    encoding: str, prefix: bytes, expected: str, delimiter: str
) -> None:
    data = prefix + csv_bytes(TABLE, encoding=encoding, delimiter=delimiter)
    book = read_bytes(data, name="list.csv")
    assert (book.encoding, book.delimiter) == (expected, delimiter)
    assert book.sheets[0].rows == TABLE


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_u"])
def test_it_tells_windows_1251_from_koi8_in_capitals_and_in_russian(encoding: str) -> None:
    rows = [["ФАМИЛИЯ", "ИМЯ"], ["ИВАНОВ", "СЕРГЕЙ"], ["ПЕТРЕНКО", "ЮЛИЯ"], ["ШЕВЧЕНКО", "ЁЖИК"]]
    book = read_bytes(csv_bytes(rows, encoding=encoding, delimiter=";"), name="caps.csv")
    assert book.encoding == encoding
    assert book.sheets[0].rows == rows


def test_it_repairs_utf8_that_was_read_as_windows_1251_on_its_way() -> None:
    garbled = [[cell.encode().decode("cp1251", errors="replace") for cell in row] for row in TABLE]
    book = read_bytes(csv_bytes(garbled), name="garbled.csv")
    assert book.sheets[0].rows[1][:3] == ["Коваленко", "Олександр", "Петрович"]
    assert any("repaired" in note for note in book.notes)


def test_it_keeps_a_quoted_cell_over_two_lines_as_one_row() -> None:
    data = 'Прізвище,Примітка\r\nКоваленко,"перший рядок\nдругий рядок"\r\nШевчук,x\r\n'
    rows = read_bytes(data.encode(), name="notes.csv").sheets[0].rows
    assert rows[1] == ["Коваленко", "перший рядок\nдругий рядок"]
    assert rows[2] == ["Шевчук", "x"]


def test_it_reads_every_sheet_of_an_xlsx_with_typed_cells(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "lists.xlsx",
        {"Полонені": TABLE, "Повернуті": [["ПІБ", "Дата"], ["Коваленко О. П.", date(2024, 5, 1)]]},
    )
    book = read_file(path)
    assert book.file_format == "xlsx"
    assert [sheet.name for sheet in book.sheets] == ["Полонені", "Повернуті"]
    assert book.sheets[1].rows[1] == ["Коваленко О. П.", date(2024, 5, 1)]


def test_it_reads_every_sheet_of_an_ods(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "lists.ods", {"Перший": TABLE, "Другий": [["Фамилия"], ["Иванов"]]})
    book = read_file(path)
    assert book.file_format == "ods"
    assert [sheet.name for sheet in book.sheets] == ["Перший", "Другий"]
    assert book.sheets[0].rows[1][:2] == ["Коваленко", "Олександр"]


def test_a_workbook_named_csv_is_read_as_the_workbook_it_is(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "list.xlsx", {"Аркуш1": TABLE})
    renamed = path.rename(tmp_path / "list.csv")
    book = read_file(renamed)
    assert book.file_format == "xlsx"
    assert any("content is XLSX" in note for note in book.notes)


def test_a_workbook_that_needs_an_unknown_zip_version_is_a_clear_error(tmp_path: Path) -> None:
    data = bytearray(write_xlsx(tmp_path / "list.xlsx", {"Аркуш1": TABLE}).read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 6] = 0xFF  # "version needed to extract": 25.5
    with pytest.raises(UnreadableFile, match=r"new\.xlsx: cannot be read as XLSX: .*version"):
        read_bytes(bytes(data), name="new.xlsx")


def test_a_truncated_xlsx_is_a_clear_error(tmp_path: Path) -> None:
    whole = write_xlsx(tmp_path / "whole.xlsx", {"Аркуш1": TABLE}).read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(UnreadableFile, match=r"cut\.xlsx: cannot be read as XLSX: .*damaged"):
        read_file(cut)


def test_a_binary_file_named_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(UnreadableFile, match=r"photo\.csv: is not a text file"):
        read_file(path)


def test_a_nul_byte_is_named_by_row_and_column() -> None:
    data = csv_bytes(TABLE, delimiter=";")
    third_row = data.index("Шевчук".encode())
    damaged = data[: third_row + 4] + b"\x00" + data[third_row + 4 :]
    with pytest.raises(UnreadableFile, match=r"nul\.csv: row 3, column 1: a NUL byte"):
        read_bytes(damaged, name="nul.csv")


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n"])
def test_an_empty_file_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(UnreadableFile, match=r"empty\.csv: the file is empty"):
        read_bytes(data, name="empty.csv")


def test_a_file_that_is_not_there_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match=r"gone\.csv: cannot be read"):
        read_file(tmp_path / "gone.csv")


def test_the_same_bytes_give_the_same_sha256() -> None:
    data = csv_bytes(TABLE)
    assert read_bytes(data, name="a.csv").sha256 == read_bytes(data, name="b.csv").sha256
    assert read_bytes(data, name="a.csv").sha256 != read_bytes(data + b"\n", name="a.csv").sha256
