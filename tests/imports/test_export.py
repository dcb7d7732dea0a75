"""Exporting persons: the selection, status with explanation, and cells that are never formulas."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from sqlalchemy.orm import Session

from homeward.imports.export import (
    COLUMNS,
    Selection,
    export_persons,
    guard,
    write_csv,
    write_xlsx,
)
from homeward.registry.evidence import add_evidence
from homeward.registry.service import create_person
from homeward.registry.vocab import Status
from tests.factories import OPERATOR, evidence_in, person_in

TODAY = date(2026, 11, 1)
DANGEROUS = ['=HYPERLINK("http://x","y")', "+380501112233", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


@pytest.mark.parametrize("value", DANGEROUS)
def test_a_cell_that_would_be_a_formula_is_guarded(value: str) -> None:
    assert guard(value) == "'" + value
    assert guard("Коваленко") == "Коваленко"


def _first_column(path: Path, column: int = 0) -> list[str]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as file:
            return [row[column] for row in list(csv.reader(file))[1:]]
    cells = [row[column] for row in load_workbook(path).active.iter_rows(min_row=2)]
    assert {cell.data_type for cell in cells} == {"s"}  # text, never a formula
    return [cell.value for cell in cells]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_no_written_cell_is_a_formula(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"cells{suffix}"
    rows = [[value] for value in DANGEROUS]
    if suffix == ".csv":
        write_csv(path, ["value"], rows)
    else:
        write_xlsx(path, ["value"], rows, title="cells")
    written = [value.replace("\r", "\n") for value in _first_column(path)]  # XML keeps no \r
    assert written == ["'" + value.replace("\r", "\n") for value in DANGEROUS]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_no_exported_name_is_a_formula(session: Session, tmp_path: Path, suffix: str) -> None:
    # the register already folds leading tabs and line breaks into nothing, and refuses a name
    # that holds "=" or starts with "+" or "@": such names are written here as a register made
    # before that rule (or by hand in the database) may hold them
    printable = [value for value in DANGEROUS if not value[0].isspace()]
    for value in printable:
        person = create_person(
            session, actor=OPERATOR, person=person_in(surname="Тест", birth_place=value)
        )
        person.surname = value
    session.flush()
    path = tmp_path / f"persons{suffix}"
    assert export_persons(
        session, actor=OPERATOR, selection=Selection(), path=path, as_of=TODAY
    ) == len(printable)
    surnames = _first_column(path, COLUMNS.index("surname"))
    assert surnames == ["'" + value for value in printable]


def test_the_selection_takes_status_side_dates_and_place(session: Session, tmp_path: Path) -> None:
    held = create_person(session, actor=OPERATOR, person=person_in(surname="Коваленко"))
    add_evidence(
        session,
        actor=OPERATOR,
        person_id=held.id,
        evidence=evidence_in("icrc_notification", "01.06.2024", place="СІЗО-2 Таганрог"),
    )
    missing = create_person(
        session, actor=OPERATOR, person=person_in(surname="Шевчук", missing_place="Бахмут")
    )
    add_evidence(
        session,
        actor=OPERATOR,
        person_id=missing.id,
        evidence=evidence_in("reported_missing", "20.05.2023"),
    )

    def surnames(selection: Selection) -> list[str]:
        path = tmp_path / "out.csv"
        export_persons(session, actor=OPERATOR, selection=selection, path=path, as_of=TODAY)
        return [row["surname"] for row in _read_csv(path)]

    assert surnames(Selection(statuses=(Status.CAPTIVITY_CONFIRMED,))) == ["Коваленко"]
    assert surnames(Selection(since=date(2024, 1, 1))) == ["Коваленко"]
    assert surnames(Selection(until=date(2024, 1, 1))) == ["Шевчук"]
    assert surnames(Selection(place="сізо-2 таганрог")) == ["Коваленко"]
    assert surnames(Selection(place="Бахмут")) == ["Шевчук"]


def test_an_export_has_status_explanation_and_dates_at_their_precision(
    session: Session, tmp_path: Path
) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in(birth_date="1985"))
    add_evidence(
        session,
        actor=OPERATOR,
        person_id=person.id,
        evidence=evidence_in("icrc_notification", "01.06.2024"),
    )
    path = tmp_path / "out.xlsx"
    export_persons(session, actor=OPERATOR, selection=Selection(), path=path, as_of=TODAY)
    sheet = load_workbook(path).active
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    row = dict(zip(header, [cell.value for cell in next(sheet.iter_rows(min_row=2))], strict=True))
    assert row["birth_date"] == "1985"
    assert row["status"] == "captivity_confirmed"
    assert row["status_since"].date() == date(2024, 6, 1)
    assert "ICRC" in row["explanation"]


def test_an_export_to_another_format_is_refused(session: Session, tmp_path: Path) -> None:
    with pytest.raises(Exception, match=r"out\.pdf: export to \.csv or \.xlsx"):
        export_persons(
            session, actor=OPERATOR, selection=Selection(), path=tmp_path / "out.pdf", as_of=TODAY
        )
