"""Ranks as lists write them: in Ukrainian, Russian and English, abbreviated or not; a rank the
controlled list does not know is kept as written, and the row is imported with a warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from homeward.access.actor import Actor, Channel
from homeward.access.roles import Role
from homeward.imports.checking import ImportOptions, check_file
from homeward.imports.cli import import_app
from homeward.imports.service import import_file, no_linkage
from homeward.imports.values import parse_rank
from homeward.registry.models import Person, Report
from homeward.web.usecases.imports import ListForm, preview_import
from tests.imports.files import csv_bytes, write_csv

HEADER_EN = ["Surname", "First name", "Patronymic", "Date of birth", "Rank"]
ICRC_ROWS = [
    ["Kovalenko", "Oleksandr", "Petrovych", "12.03.1999", "Soldier"],
    ["Shevchuk", "Ivan", "Ivanovych", "01.02.1985", "Senior soldier"],
    ["Melnyk", "Yevhen", "Ihorovych", "03.1999", "Sergeant"],
]
UNKNOWN = ["Bondar", "Petro", "Petrovych", "1990", "Rifleman 2nd grade"]


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Soldier", "private"),
        ("Private", "private"),
        ("Pvt.", "private"),
        ("Senior soldier", "senior_private"),
        ("Lance corporal", "senior_private"),
        ("Junior sergeant", "junior_sergeant"),
        ("Jr. Sgt.", "junior_sergeant"),
        ("SERGEANT", "sergeant"),
        ("Senior sergeant", "senior_sergeant"),
        ("Sr. Sgt", "senior_sergeant"),
        ("Staff sergeant", "staff_sergeant"),
        ("Master sergeant", "master_sergeant"),
        ("Warrant officer", "warrant_officer"),
        ("Senior warrant officer", "senior_warrant_officer"),
        ("Lieutenant", "lieutenant"),
        ("Senior lieutenant", "senior_lieutenant"),
        ("Sr. Lt.", "senior_lieutenant"),
        ("Captain", "captain"),
        ("Capt.", "captain"),
        ("Major", "major"),
        ("Lieutenant colonel", "lieutenant_colonel"),
        ("Lt. Col.", "lieutenant_colonel"),
        ("Colonel", "colonel"),
        ("Seaman", "sailor"),
        ("Sailor", "sailor"),
        ("Senior seaman", "senior_sailor"),
        ("Petty officer 2nd class", "petty_officer_2"),
        ("Petty Officer First Class", "petty_officer_1"),
        ("Chief petty officer", "chief_petty_officer"),
        ("Chief ship petty officer", "master_chief_petty_officer"),
        ("Midshipman", "warrant_officer"),
        ("Captain-lieutenant", "captain_lieutenant"),
        ("Captain 3rd rank", "naval_lieutenant_commander"),
        ("Captain of the 2nd rank", "lieutenant_colonel"),
        ("Captain 1st rank", "colonel"),
        ("Rear admiral", "major_general"),
        ("Maj. Gen.", "major_general"),
        ("Starshiy serzhant", "senior_sergeant"),
    ],
)
def test_it_recognises_ranks_as_english_lists_write_them(written: str, code: str) -> None:
    rank = parse_rank(written)
    assert rank is not None and rank.code == code


def test_an_icrc_list_in_english_is_imported_with_its_ranks(
    session: Session, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "icrc.csv", [HEADER_EN, *ICRC_ROWS])
    checked = check_file(path, ImportOptions())
    assert (len(checked.valid), checked.rejected, checked.warnings) == (3, [], [])
    import_file(
        session,
        actor=Actor("operator", Channel.IMPORT),
        checked=checked,
        options=ImportOptions(),
        link_step=no_linkage,
    )
    ranks = session.scalars(select(Person.rank).order_by(Person.id)).all()
    assert ranks == ["солдат", "старший солдат", "сержант"]


def test_an_unknown_rank_is_kept_as_written_and_warned_of_by_row_and_field(
    session: Session, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "icrc.csv", [HEADER_EN, *ICRC_ROWS, UNKNOWN])
    checked = check_file(path, ImportOptions())
    assert checked.rejected == []
    [warning] = checked.warnings
    assert (warning.row, warning.field, warning.severity) == (5, "rank", "warning")
    assert "'Rifleman 2nd grade' is not a rank Homeward knows: kept as written" in warning.problem
    import_file(
        session,
        actor=Actor("operator", Channel.IMPORT),
        checked=checked,
        options=ImportOptions(),
        link_step=no_linkage,
    )
    bondar = session.scalars(select(Person).where(Person.surname == "Bondar")).one()
    assert bondar.rank == "Rifleman 2nd grade"
    report = session.scalars(select(Report).where(Report.origin_row == 5)).one()
    assert report.payload["rank"] == "Rifleman 2nd grade"
    assert "rank_code" not in report.payload


def test_a_rank_too_long_for_the_register_is_cut_and_the_row_kept(tmp_path: Path) -> None:
    long_rank = "Private " + "x" * 150
    path = write_csv(tmp_path / "long.csv", [HEADER_EN, [*UNKNOWN[:4], long_rank]])
    checked = check_file(path, ImportOptions())
    [row] = checked.valid
    assert row.person.rank == long_rank[:100]
    assert "cut to 100 characters" in checked.warnings[0].problem


def test_the_command_shows_the_warning_and_imports_the_row(
    clean_db: Engine, tmp_path: Path
) -> None:
    app = typer.Typer()
    app.add_typer(import_app)
    path = write_csv(tmp_path / "icrc.csv", [HEADER_EN, *ICRC_ROWS, UNKNOWN])
    url = clean_db.url.render_as_string(hide_password=False)
    base = ["import", str(path), "--db", url, "--actor", "operator", "--no-link"]
    as_text = CliRunner().invoke(app, [*base, "--dry-run"])
    assert as_text.exit_code == 0, as_text.output
    assert "1 warning(s)" in as_text.output and "Rifleman 2nd grade" in as_text.output
    as_json = CliRunner().invoke(app, [*base, "--json"])
    assert as_json.exit_code == 0, as_json.output
    report = json.loads(as_json.output)
    assert report["summary"]["reports"] == 4
    [warning] = report["warnings"]
    assert (warning["row"], warning["field"]) == (5, "rank")


def test_the_preview_shows_the_warning_with_row_and_field(session: Session) -> None:
    data = csv_bytes([HEADER_EN, *ICRC_ROWS, UNKNOWN])
    operator = Actor("operator", Channel.WEB, Role.OPERATOR)
    preview = preview_import(session, operator, data=data, file_name="icrc.csv", form=ListForm())
    assert preview.counts.valid == 4 and preview.counts.rejected == 0
    assert any(
        note.startswith("row 5, Rank: 'Rifleman 2nd grade' is not a rank") for note in preview.notes
    )
