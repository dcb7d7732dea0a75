"""A list imported again in other bytes (a trailing newline, another encoding, re-saved, sorted)
is recognised by its rows: nothing is created, and the answer names the import it repeats."""

from __future__ import annotations

from pathlib import Path

import typer
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from homeward.access.actor import Actor, Channel
from homeward.access.roles import Role
from homeward.imports.checking import ImportOptions, check_file
from homeward.imports.cli import import_app
from homeward.imports.models import Import
from homeward.imports.service import ImportResult, import_file, no_linkage
from homeward.registry.models import Report
from homeward.web.usecases.imports import ListForm, preview_import
from tests.imports.files import HEADER_UK, ROWS_UK, csv_bytes, write_xlsx

OPERATOR = Actor("operator", Channel.IMPORT)
LIST = [["Список полонених станом на 01.05.2024"], HEADER_UK, *ROWS_UK]


def _import(session: Session, path: Path, actor: Actor = OPERATOR) -> ImportResult:
    checked = check_file(path, ImportOptions())
    return import_file(
        session, actor=actor, checked=checked, options=ImportOptions(), link_step=no_linkage
    )


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _reports(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Report)) or 0


def test_the_same_list_with_one_more_trailing_newline_creates_nothing(
    session: Session, tmp_path: Path
) -> None:
    first = _import(session, _write(tmp_path / "list.csv", csv_bytes(LIST)))
    again = _import(
        session,
        _write(tmp_path / "list (1).csv", csv_bytes(LIST) + b"\r\n"),
        Actor("analyst", Channel.IMPORT),
    )
    assert again.sha256 != first.sha256
    assert again.previous is not None and again.import_id is None
    assert (again.previous.import_id, again.previous.same_file) == (first.import_id, False)
    assert (again.previous.file_name, again.previous.actor) == ("list.csv", "operator")
    assert _reports(session) == 3


def test_the_answer_names_the_file_the_day_and_who_imported_it(
    session: Session, tmp_path: Path
) -> None:
    first = _import(session, _write(tmp_path / "list.csv", csv_bytes(LIST)))
    again = _import(session, _write(tmp_path / "copy.csv", csv_bytes(LIST) + b"\n\n"))
    assert again.previous is not None
    record = session.get(Import, first.import_id)
    assert record is not None
    assert again.previous.describe("copy.csv") == (
        f"copy.csv holds the same rows as list.csv, imported on {record.at:%Y-%m-%d %H:%M} UTC "
        f"by operator (import {first.import_id}, 3 reports)"
    )


def test_another_encoding_delimiter_or_order_is_the_same_list(
    session: Session, tmp_path: Path
) -> None:
    _import(session, _write(tmp_path / "list.csv", csv_bytes(LIST)))
    as_1251 = csv_bytes(LIST, encoding="cp1251", delimiter=";")
    sorted_rows = csv_bytes([LIST[0], LIST[1], *reversed(ROWS_UK)], encoding="utf-8-sig")
    respaced = csv_bytes([LIST[0], HEADER_UK, *([f" {c} " for c in r] for r in ROWS_UK)])
    for name, data in (("1251.csv", as_1251), ("sorted.csv", sorted_rows), ("sp.csv", respaced)):
        again = _import(session, _write(tmp_path / name, data))
        assert again.previous is not None, name
    workbook = write_xlsx(tmp_path / "list.xlsx", {"Аркуш1": LIST})
    assert _import(session, workbook).previous is not None
    assert _reports(session) == 3


def test_a_list_with_another_row_or_another_title_is_imported(
    session: Session, tmp_path: Path
) -> None:
    _import(session, _write(tmp_path / "list.csv", csv_bytes(LIST)))
    more = [*LIST, ["Бондар", "Петро", "Петрович", "1990", "ч", "солдат", "А0001"]]
    other_day = [["Список полонених станом на 01.06.2024"], HEADER_UK, *ROWS_UK]
    assert _import(session, _write(tmp_path / "more.csv", csv_bytes(more))).previous is None
    assert _import(session, _write(tmp_path / "june.csv", csv_bytes(other_day))).previous is None
    assert _reports(session) == 3 + 4 + 3


def test_an_import_made_before_fingerprints_is_still_recognised_by_its_bytes(
    session: Session, tmp_path: Path
) -> None:
    path = _write(tmp_path / "list.csv", csv_bytes(LIST))
    first = _import(session, path)
    record = session.get(Import, first.import_id)
    assert record is not None and record.rows_sha256 is not None
    record.rows_sha256 = None  # as the imports made before migration 0005
    session.flush()
    again = _import(session, path)
    assert again.previous is not None and again.previous.same_file
    assert _reports(session) == 3


def test_the_command_says_which_import_the_list_repeats(clean_db: Engine, tmp_path: Path) -> None:
    app = typer.Typer()
    app.add_typer(import_app)
    url = clean_db.url.render_as_string(hide_password=False)
    first = _write(tmp_path / "list.csv", csv_bytes(LIST))
    again = _write(tmp_path / "list-again.csv", csv_bytes(LIST) + b"\r\n")
    for path in (first, again):
        result = CliRunner().invoke(
            app, ["import", str(path), "--db", url, "--actor", "operator", "--no-link"]
        )
        assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "list-again.csv holds the same rows as list.csv, imported on" in output
    assert "by operator (import" in output and "nothing created" in output
    with Session(clean_db) as session:
        assert _reports(session) == 3


def test_the_web_check_says_the_list_was_imported_before(session: Session, tmp_path: Path) -> None:
    first = _import(session, _write(tmp_path / "list.csv", csv_bytes(LIST)))
    operator = Actor("operator", Channel.WEB, Role.OPERATOR)
    preview = preview_import(
        session, operator, data=csv_bytes(LIST) + b"\r\n", file_name="list.csv", form=ListForm()
    )
    assert preview.previous is not None and preview.previous.import_id == first.import_id
    assert not preview.can_import
