"""Messy files: each is imported right, or refused with an error naming file, row and field —
never a traceback, never half a file."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from homeward.imports.cli import import_app
from homeward.registry.models import Person, Report
from tests.imports.files import DEMO_HEADER, HEADER_UK, ROWS_UK, csv_bytes, demo_rows, write_xlsx

app = typer.Typer()
app.add_typer(import_app)
runner = CliRunner()


def _import(engine: Engine, path: Path, *extra: str) -> tuple[int, str]:
    url = engine.url.render_as_string(hide_password=False)
    result = runner.invoke(app, ["import", str(path), "--no-link", "--db", url, *extra])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback is a failure of this test
    return result.exit_code, " ".join(result.output.split())


def _reports(engine: Engine) -> list[tuple[str | None, int | None, str]]:
    with Session(engine) as session:
        rows = session.execute(
            select(Report.origin_sheet, Report.origin_row, Report.payload).order_by(Report.id)
        ).all()
    return [(sheet, row, payload["surname"]) for sheet, row, payload in rows]


def _persons(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(Person)) or 0


def test_windows_1251_with_semicolons(clean_db: Engine, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(csv_bytes([HEADER_UK, *ROWS_UK], encoding="cp1251", delimiter=";"))
    assert _import(clean_db, path)[0] == 0
    assert [surname for _, _, surname in _reports(clean_db)] == ["Коваленко", "Шевчук", "Мельник"]


def test_merged_header_rows(clean_db: Engine, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Список військовополонених станом на 01.05.2024", "", "", "", ""],
        ["№", "ПІБ", "", "", "Дата народження"],
        ["", "Прізвище", "Ім'я", "По батькові", ""],
        [1, "Коваленко", "Олександр", "Петрович", "12.03.1999"],
        [2, "Шевчук", "Марія", "Іванівна", "1985"],
    ]
    path = write_xlsx(
        tmp_path / "merged.xlsx", {"Аркуш1": rows}, merge={"Аркуш1": ["A1:E1", "B2:D2", "E2:E3"]}
    )
    code, output = _import(clean_db, path)
    assert code == 0, output
    assert _reports(clean_db) == [("Аркуш1", 4, "Коваленко"), ("Аркуш1", 5, "Шевчук")]


def test_blank_lines_and_a_totals_row(clean_db: Engine, tmp_path: Path) -> None:
    rows = [HEADER_UK, ROWS_UK[0], [], ["", "", ""], ROWS_UK[1], [], ROWS_UK[2], ["Разом: 3"]]
    path = tmp_path / "totals.csv"
    path.write_bytes(csv_bytes(rows, delimiter=";"))
    code, _ = _import(clean_db, path)
    assert code == 0
    assert [row for _, row, _ in _reports(clean_db)] == [2, 5, 7]


def test_a_truncated_xlsx(clean_db: Engine, tmp_path: Path) -> None:
    whole = write_xlsx(tmp_path / "whole.xlsx", {"Аркуш1": [HEADER_UK, *ROWS_UK]}).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    code, output = _import(clean_db, path)
    assert code == 2
    assert "cut.xlsx: cannot be read as XLSX" in output
    assert _reports(clean_db) == []


def test_a_binary_file_named_csv(clean_db: Engine, tmp_path: Path) -> None:
    path = tmp_path / "scan.csv"
    path.write_bytes(bytes(range(256)) * 40)
    code, output = _import(clean_db, path)
    assert code == 2
    assert "scan.csv: is not a text file" in output
    assert _reports(clean_db) == []


def test_a_csv_with_a_nul_byte(clean_db: Engine, tmp_path: Path) -> None:
    data = csv_bytes([HEADER_UK, *ROWS_UK], delimiter=";")
    at = data.index("Олександр".encode())
    path = tmp_path / "nul.csv"
    path.write_bytes(data[:at] + b"\x00" + data[at:])
    code, output = _import(clean_db, path)
    assert code == 2
    assert "nul.csv: row 2, column 2: a NUL byte" in output
    assert _reports(clean_db) == []


def test_a_bad_row_deep_in_a_file_leaves_nothing_behind(clean_db: Engine, tmp_path: Path) -> None:
    rows = [*demo_rows(300), ["Петренко", "Іван", "", "", "31.02.1999", "", "", "", "", "", "", ""]]
    path = tmp_path / "late.csv"
    path.write_bytes(csv_bytes([DEMO_HEADER, *rows], delimiter=";"))
    code, output = _import(clean_db, path)
    assert code == 2
    assert "late.csv" in output and "row 302, birth_date" in output
    assert (_reports(clean_db), _persons(clean_db)) == ([], 0)


@pytest.mark.slow
def test_a_sheet_of_10000_rows(clean_db: Engine, tmp_path: Path) -> None:
    """Every row of a large sheet is imported or named as rejected (its speed and memory are
    measured by benchmarks/imports.py, not here)."""
    rows = demo_rows(10_000, seed=11)
    path = write_xlsx(tmp_path / "big.xlsx", {"Список": [DEMO_HEADER, *rows]})
    code, output = _import(clean_db, path, "--skip-invalid")
    assert code == 0, output
    imported = len(_reports(clean_db))
    assert imported == _persons(clean_db)
    assert (
        imported + int(output.split(" row(s) rejected")[0].split()[-1].replace(",", "")) == 10_000
    )


def test_a_formula_in_a_name_column_is_an_error_of_its_row(
    clean_db: Engine, tmp_path: Path
) -> None:
    """A cell a spreadsheet would run is nobody's name: the row is refused, naming the field,
    rather than a person called "=HYPERLINK(…)" entering the register."""
    rows = [
        HEADER_UK,
        ['=HYPERLINK("http://example.org","click")', "Іван", "", "1990", "", "", ""],
        ["Коваленко", "@SUM(A1)", "", "1990", "", "", ""],
        ["Шевчук", "Марія", "Іванівна", "00.00.0000", "", "", ""],
        # an "=" further in is a register's notation of another spelling, not a formula
        ["Петренко (=Петренков)", "Олег", "", "1985", "", "", ""],
    ]
    path = tmp_path / "formulas.csv"
    path.write_bytes(csv_bytes(rows))
    code, output = _import(clean_db, path)
    assert code == 2
    assert "formula" in output
    assert "│ 2 │ surname" in output and "│ 3 │ given_name" in output, output
    assert (_reports(clean_db), _persons(clean_db)) == ([], 0)
    code, output = _import(clean_db, path, "--skip-invalid")
    assert code == 0, output
    assert sorted(surname for _, _, surname in _reports(clean_db)) == [
        "Петренко (=Петренков)",
        "Шевчук",
    ]
