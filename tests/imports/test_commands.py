"""`homeward import` and `homeward export` as a user runs them: dry runs, errors, rejected rows."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import typer
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from homeward.imports.cli import export_app, import_app
from homeward.registry.models import Person, Report
from tests.imports.files import HEADER_UK, ROWS_UK, write_csv

app = typer.Typer()
app.add_typer(import_app)
app.add_typer(export_app)
runner = CliRunner()
BAD_ROW = ["Петренко", "Іван", "Іванович", "31.02.1999", "x", "", ""]


def _run(engine: Engine, *args: str) -> tuple[int, str]:
    url = engine.url.render_as_string(hide_password=False)
    who = ["--actor", "operator"] if args[0] == "import" else []
    result = runner.invoke(app, [*args, "--db", url, *who])
    return result.exit_code, result.output


def _counts(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session:
        reports = session.scalar(select(func.count()).select_from(Report)) or 0
        persons = session.scalar(select(func.count()).select_from(Person)) or 0
    return reports, persons


@pytest.fixture
def bad_list(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "bad.csv", [HEADER_UK, *ROWS_UK, BAD_ROW], delimiter=";")


def test_a_dry_run_reports_each_row_and_writes_nothing(clean_db: Engine, bad_list: Path) -> None:
    code, output = _run(
        clean_db, "import", str(bad_list), "--kind", "captor_list", "--date", "01.05.2024",
        "--no-link", "--dry-run", "--json",
    )  # fmt: skip
    report = json.loads(output)
    assert code == 1  # the file has errors: as it stands it would not be imported
    assert {(p["row"], p["field"]) for p in report["problems"]} == {(5, "birth_date"), (5, "sex")}
    assert [(r["row"], r["outcome"]) for r in report["rows"]] == [
        (2, "new"),
        (3, "new"),
        (4, "new"),
    ]
    assert report["summary"]["new_persons"] == 3
    assert _counts(clean_db) == (0, 0)


def test_a_dry_run_prints_rows_fields_and_problems(clean_db: Engine, bad_list: Path) -> None:
    code, output = _run(clean_db, "import", str(bad_list), "--no-link", "--dry-run")
    assert code == 1
    assert "birth_date" in output and "31.02.1999" in output
    assert "Would import 3 of 4 rows" in output
    assert "nothing was written" in output
    assert _counts(clean_db) == (0, 0)


def test_a_file_with_errors_is_refused_naming_file_row_and_field(
    clean_db: Engine, bad_list: Path
) -> None:
    code, output = _run(clean_db, "import", str(bad_list), "--no-link")
    assert code == 2
    assert "bad.csv: 1 row(s) with errors, nothing imported" in " ".join(output.split())
    assert "row 5, birth_date" in " ".join(output.split())
    assert _counts(clean_db) == (0, 0)


def test_skip_invalid_imports_the_rest_and_writes_the_rejected_rows(
    clean_db: Engine, bad_list: Path, tmp_path: Path
) -> None:
    rejected = tmp_path / "rejected.csv"
    code, output = _run(
        clean_db,
        "import",
        str(bad_list),
        "--no-link",
        "--skip-invalid",
        "--rejected",
        str(rejected),
    )
    assert code == 0, output
    assert _counts(clean_db) == (3, 3)
    with rejected.open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    assert [(r["row"], r["field"]) for r in rows] == [("5", "birth_date; sex")]
    assert rows[0]["Прізвище"] == "Петренко"
    assert "31.02.1999" in rows[0]["problem"]


def test_importing_the_same_file_again_says_so(clean_db: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", [HEADER_UK, *ROWS_UK])
    assert _run(clean_db, "import", str(path), "--no-link")[0] == 0
    code, output = _run(clean_db, "import", str(path), "--no-link")
    assert code == 0
    assert "was already imported" in output and "nothing created" in output
    assert _counts(clean_db) == (3, 3)


def test_a_mapping_is_saved_from_one_import_for_the_next(clean_db: Engine, tmp_path: Path) -> None:
    first = write_csv(
        tmp_path / "may.csv", [["Хто", "Звідки"], ["Коваленко Олександр Петрович", "Київ"]]
    )
    mapping = tmp_path / "mapping.json"
    code, _ = _run(
        clean_db, "import", str(first), "--no-link", "--column", "Хто=full_name",
        "--column", "Звідки=birth_place", "--save-mapping", str(mapping),
    )  # fmt: skip
    assert code == 0
    second = write_csv(
        tmp_path / "june.csv", [["Хто", "Звідки"], ["Шевчук Марія Іванівна", "Львів"]]
    )
    code, output = _run(clean_db, "import", str(second), "--no-link", "--mapping", str(mapping))
    assert code == 0, output
    with Session(clean_db) as session:
        places = set(session.scalars(select(Person.birth_place)))
    assert places == {"Київ", "Львів"}


def test_an_unknown_kind_is_a_clear_error(clean_db: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", [HEADER_UK, *ROWS_UK])
    code, output = _run(clean_db, "import", str(path), "--kind", "rumour", "--no-link")
    assert code == 2
    assert "kind: 'rumour' is not a kind of list" in output


def test_export_writes_the_imported_list_with_status(clean_db: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", [HEADER_UK, *ROWS_UK])
    _run(clean_db, "import", str(path), "--no-link", "--kind", "captor_list", "--date", "05.2024")
    out = tmp_path / "out.csv"
    code, output = _run(clean_db, "export", str(out), "--list", "list.csv", "--lang", "uk")
    assert code == 0, output
    with out.open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    assert [r["surname"] for r in rows] == ["Коваленко", "Шевчук", "Мельник"]
    assert {r["status"] for r in rows} == {"captivity_possible"}
    assert {r["status_since"] for r in rows} == {"2024-05-01"}
    assert all(r["explanation"] for r in rows)


def test_imports_and_exports_from_the_console_are_audited(clean_db: Engine, tmp_path: Path) -> None:
    from homeward.access.models import AuditEntry

    good = write_csv(tmp_path / "good.csv", [HEADER_UK, *ROWS_UK], delimiter=";")
    code, output = _run(clean_db, "import", str(good), "--kind", "captor_list",
                        "--date", "01.05.2024", "--no-link")  # fmt: skip
    assert code == 0, output
    out = tmp_path / "out.csv"
    code, output = _run(clean_db, "export", str(out), "--actor", "exporter-of-tests")
    assert code == 0, output
    with Session(clean_db) as session:
        imported = session.scalars(
            select(AuditEntry).where(
                AuditEntry.username == "operator", AuditEntry.action == "import"
            )
        ).all()
        exported = session.scalars(
            select(AuditEntry).where(AuditEntry.username == "exporter-of-tests")
        ).one()
    assert any(entry.detail["file"] == "good.csv" for entry in imported)
    assert exported.action == "export"
    assert exported.detail["persons"] == 3


def test_a_dry_run_from_the_console_is_audited_as_a_check(clean_db: Engine, tmp_path: Path) -> None:
    """A dry run links the rows to the register and prints whom each would join: a read of
    personal data, audited as the web's check of a list is — and still nothing imported."""
    from homeward.access.models import AuditEntry

    good = write_csv(tmp_path / "checked-only.csv", [HEADER_UK, *ROWS_UK], delimiter=";")
    code, output = _run(clean_db, "import", str(good), "--no-link", "--dry-run")
    assert code == 0, output
    with Session(clean_db) as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.username == "operator")).all()
    mine = [e for e in entries if "checked-only.csv" in str(e.detail)]
    assert [e.action for e in mine] == ["import_preview"]
    assert mine[0].detail["dry_run"] is True and mine[0].detail["rows_read"] == 3
