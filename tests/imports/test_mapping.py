"""Column mapping: headers recognised in three languages, headers over two rows, saved mappings."""

from __future__ import annotations

from pathlib import Path

import pytest

from homeward.errors import InvalidInput
from homeward.imports.checking import ImportOptions, check_file
from homeward.imports.mapping import ColumnMapping, find_header, recognise
from homeward.imports.reading import Row
from tests.imports.files import write_csv, write_xlsx


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Прізвище", "surname"),
        ("Фамилия", "surname"),
        ("Surname", "surname"),
        ("Ім'я", "given_name"),
        ("Імʼя", "given_name"),
        ("Имя", "given_name"),
        ("First name", "given_name"),
        ("По батькові", "patronymic"),
        ("Отчество", "patronymic"),
        ("Patronymic", "patronymic"),
        ("Дата народження", "birth_date"),
        ("Дата рождения", "birth_date"),
        ("Date of birth", "birth_date"),
        ("Дата народження (дд.мм.рррр)", "birth_date"),
        ("в/ч", "unit"),
        ("Військова частина", "unit"),
        ("звання", "rank"),
        ("Воинское звание", "rank"),
        ("Rank", "rank"),
        ("ПІБ", "full_name"),
        ("П.І.Б.", "full_name"),
        ("ФИО", "full_name"),
        ("Full name", "full_name"),
        ("Прізвище, ім'я, по батькові", "full_name"),
        ("Стать", "sex"),
        ("РНОКПП", "tax_number"),
        ("Місце утримання", "place"),
        ("Дата зникнення безвісти", "missing_date"),
        ("№ п/п", "ignore"),
        ("Прізвище військовослужбовця", "surname"),
    ],
)
def test_common_headers_are_recognised(header: str, target: str) -> None:
    assert recognise(header) == target


def test_an_unknown_header_names_nothing() -> None:
    assert recognise("Улюблений колір") is None


def test_the_header_is_found_below_a_title_and_over_two_rows() -> None:
    rows: list[Row] = [
        ["Список військовослужбовців", "", "", "", ""],
        ["", "ПІБ", "", "", "Дата народження"],
        ["№", "Прізвище", "Ім'я", "По батькові", ""],
        ["1", "Коваленко", "Олександр", "Петрович", "12.03.1999"],
    ]
    header = find_header(rows, ColumnMapping(), sheet="list.xlsx")
    assert header.row_index == 2
    assert header.columns == {
        0: "ignore",
        1: "surname",
        2: "given_name",
        3: "patronymic",
        4: "birth_date",
    }


def test_a_sheet_without_a_header_is_a_clear_error() -> None:
    rows: list[Row] = [["a", "b"], ["1", "2"]]
    with pytest.raises(InvalidInput, match=r"list\.csv: no row among the first 2 names a surname"):
        find_header(rows, ColumnMapping(), sheet="list.csv")


def test_a_given_mapping_reads_columns_no_one_would_recognise(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "odd.csv",
        [["Хто", "Коли народився", "Де служив"], ["Коваленко Олександр Петрович", "1999", "А0536"]],
    )
    mapping = ColumnMapping.from_pairs(
        ["Хто=full_name", "Коли народився=birth_date", "Де служив=unit"]
    )
    checked = check_file(path, ImportOptions(mapping=mapping))
    payload = checked.valid[0].payload
    assert (payload["surname"], payload["given_name"], payload["birth_date"]) == (
        "Коваленко",
        "Олександр",
        "1999",
    )
    assert payload["unit"] == "А0536"


def test_a_mapping_is_saved_and_reused_for_the_next_list(tmp_path: Path) -> None:
    first = write_csv(
        tmp_path / "may.csv", [["Хто", "Звання"], ["Коваленко Олександр Петрович", "солдат"]]
    )
    checked = check_file(first, ImportOptions(mapping=ColumnMapping.from_pairs(["Хто=full_name"])))
    saved = tmp_path / "source.json"
    checked.mapping.save(saved)
    second = write_csv(
        tmp_path / "june.csv", [["Хто", "Звання"], ["Шевчук Марія Іванівна", "сержант"]]
    )
    reused = check_file(second, ImportOptions(mapping=ColumnMapping.load(saved)))
    assert reused.valid[0].payload["surname"] == "Шевчук"
    assert reused.valid[0].payload["rank"] == "сержант"
    assert ColumnMapping.load(saved).columns == {"Хто": "full_name", "Звання": "rank"}


def test_a_mapping_to_no_field_is_an_error() -> None:
    with pytest.raises(InvalidInput, match="'Хто' → 'who': no such field"):
        ColumnMapping.from_pairs(["Хто=who"])
    with pytest.raises(InvalidInput, match="is not Header=field"):
        ColumnMapping.from_pairs(["Хто"])


def test_a_damaged_mapping_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", "utf-8")
    with pytest.raises(InvalidInput, match=r"broken\.json is not a saved mapping"):
        ColumnMapping.load(path)


def test_the_header_row_can_be_given(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "given.xlsx",
        {"Аркуш1": [["Прізвище", "Ім'я"], ["", ""], ["Фамилия", "Имя"], ["Иванов", "Сергей"]]},
    )
    checked = check_file(path, ImportOptions(mapping=ColumnMapping(header_row=3)))
    assert [row.payload["surname"] for row in checked.valid] == ["Иванов"]


def test_a_full_name_column_is_split_by_homeward_names(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "pib.csv",
        [
            ["ПІБ"],
            ["КОВАЛЕНКО Олександр Петрович"],
            ["Шевчук М. І."],
            ["Олександр Петрович Коваленко"],
        ],
    )
    names = [
        (v.payload["surname"], v.payload.get("given_name"), v.payload.get("patronymic"))
        for v in check_file(path, ImportOptions()).valid
    ]
    assert names == [
        ("КОВАЛЕНКО", "Олександр", "Петрович"),
        ("Шевчук", "М", "І"),
        ("Коваленко", "Олександр", "Петрович"),
    ]


def test_a_bare_name_beside_a_surname_is_the_given_name() -> None:
    """ "Surname, Name, Patronymic" (a roster in English): the given name is read, not left out
    as a second whole name; alone, "Name" is still the whole name."""
    rows: list[Row] = [
        ["Surname", "Name", "Patronymic", "Date of birth"],
        ["Krishtal", "Serhii", "Mykolaiovych", "07.11.1977"],
    ]
    header = find_header(rows, ColumnMapping(), sheet="roster.csv")
    assert header.columns == {0: "surname", 1: "given_name", 2: "patronymic", 3: "birth_date"}
    alone = find_header([["Name", "Date of birth"], ["Krishtal Serhii", "1977"]], ColumnMapping(),
                        sheet="roster.csv")  # fmt: skip
    assert alone.columns == {0: "full_name", 1: "birth_date"}
    told = find_header(rows, ColumnMapping({"Name": "full_name"}), sheet="roster.csv")
    assert told.columns[1] == "full_name"
