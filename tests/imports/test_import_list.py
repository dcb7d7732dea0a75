"""Importing a list: reports with their origin, new persons, evidence, once and all at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.dates import PartialDate
from homeward.errors import HomewardError, InvalidInput
from homeward.imports.checking import ImportOptions, check_file
from homeward.imports.models import Import
from homeward.imports.service import FileHasErrors, ImportResult, import_file, no_linkage
from homeward.registry.models import Evidence, Person, PersonHistory, Report
from homeward.registry.vocab import EvidenceKind, Side
from tests.imports.files import HEADER_UK, ROWS_UK, write_csv, write_xlsx

IMPORTER = Actor("operator", Channel.IMPORT)
CAPTOR_LIST = ImportOptions(kind=EvidenceKind.CAPTOR_LIST, on=PartialDate(2024, 5, 1))


def _import(session: Session, path: Path, options: ImportOptions = CAPTOR_LIST) -> ImportResult:
    checked = check_file(path, options)
    return import_file(
        session, actor=IMPORTER, checked=checked, options=options, link_step=no_linkage
    )


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_each_row_becomes_a_report_that_keeps_its_origin(session: Session, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "captor.xlsx", {"Травень": [HEADER_UK, *ROWS_UK]})
    result = _import(session, path)
    reports = session.scalars(select(Report).order_by(Report.origin_row)).all()
    assert result.reports == len(reports) == 3
    assert {r.origin_file for r in reports} == {"captor.xlsx"}
    assert {r.origin_sha256 for r in reports} == {result.sha256}
    assert [(r.origin_sheet, r.origin_row) for r in reports] == [
        ("Травень", 2),
        ("Травень", 3),
        ("Травень", 4),
    ]
    assert {r.channel for r in reports} == {"import"}


def test_a_report_carries_the_standard_keys_and_the_raw_row(
    session: Session, tmp_path: Path
) -> None:
    _import(session, write_csv(tmp_path / "list.csv", [HEADER_UK, *ROWS_UK]))
    first = session.scalars(select(Report).order_by(Report.origin_row)).first()
    assert first is not None
    payload = first.payload
    assert payload["surname"] == "Коваленко"
    assert payload["birth_date"] == "1999-03-12"
    assert payload["sex"] == "M"
    assert payload["rank"] == "старший лейтенант"
    assert payload["rank_code"] == "senior_lieutenant"
    assert payload["raw"]["Звання"] == "ст. л-т"
    assert payload["evidence"] == {
        "kind": "captor_list",
        "on": "2024-05-01",
        "reliability": "medium",
        "place": None,
    }


def test_unmatched_reports_become_new_persons_with_the_lists_evidence(
    session: Session, tmp_path: Path
) -> None:
    result = _import(session, write_csv(tmp_path / "list.csv", [HEADER_UK, *ROWS_UK]))
    assert (result.new_persons, result.evidence) == (3, 3)
    persons = session.scalars(select(Person).order_by(Person.id)).all()
    assert [p.status for p in persons] == ["captivity_possible"] * 3
    shevchuk = next(p for p in persons if p.surname == "Шевчук")
    assert (shevchuk.sex, shevchuk.birth_date_precision) == ("F", "year")
    assert shevchuk.version == 1
    reports = session.scalars(select(Report)).all()
    assert {r.person_id for r in reports} == {p.id for p in persons}
    evidence = session.scalars(select(Evidence)).all()
    assert {(e.kind, e.report_id is not None) for e in evidence} == {("captor_list", True)}
    actions = session.scalars(
        select(PersonHistory.action).where(PersonHistory.person_id == shevchuk.id)
    )
    assert sorted(actions) == ["create", "evidence_added", "report_linked"]


def test_the_same_file_twice_creates_nothing_and_says_so(session: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", [HEADER_UK, *ROWS_UK])
    first = _import(session, path)
    counts = (_count(session, Report), _count(session, Person), _count(session, Evidence))
    again = _import(session, path.rename(tmp_path / "renamed.csv"))
    assert again.previous is not None and again.previous.import_id == first.import_id
    assert again.reports == 0
    assert (_count(session, Report), _count(session, Person), _count(session, Evidence)) == counts


def test_a_file_with_errors_is_not_imported(session: Session, tmp_path: Path) -> None:
    bad = [*ROWS_UK, ["Петренко", "Іван", "Іванович", "31.02.1999", "", "", ""]]
    path = write_csv(tmp_path / "bad.csv", [HEADER_UK, *bad])
    with pytest.raises(FileHasErrors, match=r"bad\.csv: 1 row\(s\) with errors.*row 5, birth_date"):
        _import(session, path)
    assert _count(session, Report) == _count(session, Import) == 0


def test_with_skip_invalid_the_valid_rows_are_imported(session: Session, tmp_path: Path) -> None:
    bad = [*ROWS_UK, ["Петренко", "Іван", "Іванович", "31.02.1999", "", "", ""]]
    path = write_csv(tmp_path / "bad.csv", [HEADER_UK, *bad])
    options = ImportOptions(
        kind=EvidenceKind.CAPTOR_LIST, on=PartialDate(2024, 5, 1), skip_invalid=True
    )
    result = _import(session, path, options)
    assert result.reports == 3
    assert [(r.row, r.problems[0].field) for r in result.rejected] == [(5, "birth_date")]
    record = session.scalars(select(Import)).one()
    assert (record.rows_imported, record.rows_rejected) == (3, 1)
    assert record.summary["new_persons"] == 3


def test_a_row_may_date_its_own_evidence(session: Session, tmp_path: Path) -> None:
    header = ["ПІБ", "Дата народження", "Дата повернення"]
    rows = [["Коваленко Олександр Петрович", "12.03.1999", "14.02.2025"]]
    path = write_csv(tmp_path / "exchange.csv", [header, *rows])
    _import(session, path, ImportOptions(kind=EvidenceKind.RETURNED))
    evidence = session.scalars(select(Evidence)).one()
    assert (evidence.kind, evidence.on, evidence.reliability) == (
        "returned",
        PartialDate(2025, 2, 14),
        "high",
    )


def test_a_list_of_missing_persons_is_dated_by_each_disappearance(
    session: Session, tmp_path: Path
) -> None:
    header = ["Прізвище", "Ім'я", "Дата зникнення"]
    path = write_csv(tmp_path / "missing.csv", [header, ["Шевчук", "Іван", "03.2023"]])
    _import(session, path, ImportOptions(kind=EvidenceKind.REPORTED_MISSING))
    person = session.scalars(select(Person)).one()
    assert (person.status, person.status_since.isoformat() if person.status_since else None) == (
        "missing",
        "2023-03-01",
    )


def test_evidence_needs_a_date(session: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "undated.csv", [HEADER_UK, *ROWS_UK])
    with pytest.raises(FileHasErrors, match="no date for the evidence"):
        _import(session, path, ImportOptions(kind=EvidenceKind.ICRC_NOTIFICATION))


def test_a_kind_of_the_other_side_is_refused() -> None:
    with pytest.raises(InvalidInput, match="'captor_list' is not evidence about prisoners held"):
        ImportOptions(kind=EvidenceKind.CAPTOR_LIST, side=Side.ADVERSARY)


def test_a_list_without_a_kind_makes_reports_and_persons_only(
    session: Session, tmp_path: Path
) -> None:
    result = _import(
        session, write_csv(tmp_path / "plain.csv", [HEADER_UK, *ROWS_UK]), ImportOptions()
    )
    assert (result.reports, result.new_persons, result.evidence) == (3, 3, 0)
    assert {p.status for p in session.scalars(select(Person))} == {"no_information"}


def test_a_list_with_only_errors_imports_nothing(session: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "none.csv", [["Прізвище", "Дата народження"], ["Іванов", "x"]])
    options = ImportOptions(skip_invalid=True)
    with pytest.raises(HomewardError, match=r"none\.csv: no row to import"):
        _import(session, path, options)
    assert _count(session, Import) == 0


def test_a_place_in_capitals_named_again_in_any_case_is_one_place(
    session: Session, tmp_path: Path
) -> None:
    """A place stored once in Cyrillic capitals, then named on several rows of a list in
    capitals, in lower case and with Latin look-alike letters: one place, and every row imported
    (SQLite's lower() does not fold Cyrillic; the key is computed in Python)."""
    from homeward.registry.models import Place
    from homeward.registry.sources import get_or_create_place

    stored = get_or_create_place(session, "СІЗО-2 ТАГАНРОГ")
    session.flush()
    header = [*HEADER_UK, "Місце утримання"]
    spellings = ["СІЗО-2 ТАГАНРОГ", "сізо-2 таганрог", "CIЗO-2 Таганрог"]  # Latin C, O
    rows = [[*row, place] for row, place in zip(ROWS_UK, spellings, strict=True)]
    _import(session, write_csv(tmp_path / "places.csv", [header, *rows]))
    assert _count(session, Evidence) == 3
    assert session.scalars(select(Place)).all() == [stored]
    assert {e.place_id for e in session.scalars(select(Evidence))} == {stored.id}
