"""`homeward stats` as an analyst runs it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from homeward.access.models import AuditEntry
from homeward.cli import app
from tests.stats.register import build
from tests.stats.test_estimate_population import UK

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


@pytest.fixture
def db(clean_db: Engine) -> str:
    """The hand-made register (tests/stats/register.py), committed; emptied afterwards."""
    with Session(clean_db) as session, session.begin():
        build(session)
    return clean_db.url.render_as_string(hide_password=False)


def test_mse_with_a_file_prints_the_estimate_as_json() -> None:
    if not UK.exists():
        pytest.skip("the shared test vectors are not there")
    code, out = invoke("stats", "mse", str(UK), "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data["observed"] == 2744 and round(data["estimate"]) == 11_313
    assert len(data["interval"]) == 2
    assert data["model"]["interactions"][0] == ["LA", "NG"]


def test_mse_with_a_bad_file_names_the_row_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("A,B,C,count\n1,0,0,3\n1,1,0,\n", encoding="utf-8")
    code, out = invoke("stats", "mse", str(path))
    assert code == 2
    assert "error: bad.csv, row 3, count: is missing" in out


def test_mse_on_the_register_exports_its_histories_and_estimates(db: str) -> None:
    code, out = invoke("stats", "mse", "--on", "31.12.2024", "--csv", "--db", db)
    assert code == 0, out
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["relatives", "icrc", "captor", "media", "testimonies", "returns", "count"]
    assert sum(int(row[-1]) for row in rows[1:]) == 5
    code, out = invoke("stats", "mse", "--on", "31.12.2024", "--db", db)
    assert code == 0, out
    assert out.startswith("At least 5 documented; an estimated ")
    assert "note: left out, holding no one: testimonies" in out


def test_mse_prints_its_estimates_as_csv_the_whole_and_each_stratum(db: str) -> None:
    code, out = invoke("stats", "mse", "--on", "31.12.2024", "--estimates-csv", "--db", db)
    assert code == 0, out
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:4] == ["by", "stratum", "observed", "estimate"] and len(rows) == 2
    assert rows[1][:3] == ["all", "all", "5"]
    args = ("--by", "year", "--estimates-csv", "--public", "--db", db)
    code, out = invoke("stats", "mse", "--on", "31.12.2024", *args)
    assert code == 0, out
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[1][:3] == ["all", "all", "5"]  # the years together
    assert {row[0] for row in rows[2:]} == {"year"}
    assert all(row[2] in ("0", "<5", "x") for row in rows[2:])  # five in all: no year shown
    code, out = invoke("stats", "mse", "--on", "31.12.2024", "--public", "--db", db)
    assert code == 2 and "--estimates-csv" in out


def test_series_as_json_and_as_public_csv(db: str) -> None:
    code, out = invoke("stats", "series", "--until", "2024-12-31", "--json", "--db", db)
    assert code == 0, out
    data = json.loads(out)
    assert data["days"][-1] == "2024-12-31"
    assert data["counts"]["returned"][-1] == 2
    code, out = invoke("stats", "series", "--until", "2024-12-31", "--csv", "--public", "--db", db)
    assert code == 0, out
    last = list(csv.reader(io.StringIO(out)))[-1]
    assert last == ["2024-12-31", "0", "<5", "<5", "<5", "<5", "<5", "7"]


def test_figures_one_table_as_csv_and_the_read_is_audited(db: str, clean_db: Engine) -> None:
    code, out = invoke(
        "stats",
        "figures",
        "--on",
        "2024-12-31",
        "--table",
        "captures_per_week",
        "--csv",
        "--actor",
        "stats-analyst",
        "--db",
        db,
    )
    assert code == 0, out
    assert list(csv.reader(io.StringIO(out))) == [
        ["week", "captures"],
        ["2024-03-04", "2"],
        ["week unknown", "1"],
        ["total", "3"],
    ]
    with Session(clean_db) as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.username == "stats-analyst")
        ).one()
    assert entry.action == "export" and entry.detail["statistics"] == "figures"


def test_it_rejects_a_day_before_the_war_and_an_unknown_table(db: str) -> None:
    code, out = invoke("stats", "figures", "--on", "01.01.2020", "--db", db)
    assert code == 2 and "on: 2020-01-01 is before the war began" in out
    code, out = invoke("stats", "figures", "--table", "nonsense", "--db", db)
    assert code == 2 and "table: 'nonsense' is not one of" in out


def test_charts_are_written_as_svg(db: str, tmp_path: Path) -> None:
    code, out = invoke("stats", "charts", "--on", "2024-12-31", "--out", str(tmp_path), "--db", db)
    assert code == 0, out
    assert (tmp_path / "status_series_own.svg").read_text("utf-8").lstrip().startswith("<svg")


def test_profile_prints_the_prisoners_we_hold_as_json_and_public_csv(db: str) -> None:
    code, out = invoke("stats", "profile", "--on", "2024-12-31", "--json", "--db", db)
    assert code == 0, out
    data = json.loads(out)
    assert data["in_custody_now"] == 2 and data["repatriated"] == 1
    assert data["capture_peaks"] == [{"week": "2024-03-04", "captures": 2}]
    names = [table["name"] for table in data["tables"]]
    assert "prisoners_by_rank_category" in names and "prisoners_by_citizenship" in names
    code, out = invoke("stats", "profile", "--on", "2024-12-31", "--csv", "--public", "--db", db)
    assert code == 0, out
    assert "# prisoners_by_age_band" in out
    assert "25-34,<5,<5,<5" in out  # two held now and one repatriated, all small


def test_exchanges_prints_each_exchange_with_its_share_and_running_sums(db: str) -> None:
    code, out = invoke("stats", "exchanges", "--on", "2024-12-31", "--json", "--db", db)
    assert code == 0, out
    data = json.loads(out)
    assert data["exchanges"] == [
        {
            "exchange": "2023-01-08",
            "returned": 2,
            "never_confirmed": 1,
            "never_confirmed_share": 0.5,
            "returned_in_all": 2,
            "never_confirmed_in_all": 1,
        }
    ]
    assert data["overall"] == 0.5
    code, out = invoke("stats", "exchanges", "--on", "2024-12-31", "--db", db)
    assert code == 0 and "2023-01-08" in out and "50%" in out
    per = data["tables"][0]
    assert per["columns"][-1] == "never_confirmed_before_return_share"
    assert per["rows"] == [["2023-01-08", 1, 1, 2, 0.5], ["total", 1, 1, 2, 0.5]]
    code, out = invoke("stats", "exchanges", "--on", "2024-12-31", "--csv", "--db", db)
    assert code == 0, out
    assert (
        "exchange,confirmed_before_return,never_confirmed_before_return,total,"
        "never_confirmed_before_return_share"
        in out
        and "2023-01-08,1,1,2,0.5" in out
    )
    # public: the counts are under 5, so their share is hidden as well
    code, out = invoke("stats", "exchanges", "--on", "2024-12-31", "--csv", "--public", "--db", db)
    assert code == 0, out
    assert "2023-01-08,<5,<5,<5,x" in out and "0.5" not in out
    code, out = invoke("stats", "exchanges", "--on", "2024-12-31", "--json", "--public", "--db", db)
    assert json.loads(out)["tables"][0]["rows"][0][-1] == "x"
    code, out = invoke("stats", "exchanges", "--on", "2019-12-31", "--db", db)
    assert code != 0 and "2019" in out


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_report_prints_the_figures_in_ukrainian_and_public_in_english(
    db: str, tmp_path: Path
) -> None:
    path = tmp_path / "report.pdf"
    code, out = invoke("stats", "report", "--out", str(path), "--on", "2024-12-31", "--db", db)
    assert code == 0, out
    assert path.read_bytes().startswith(b"%PDF")
    text = pdf_text(path)
    assert "Статистика реєстру" in text and "31.12.2024" in text
    assert "Повернуті, за обмінами і загалом" in text
    assert "08.01.2023" in text and "2023-01-08" not in text
    assert "Застереження" in text
    public = tmp_path / "public.pdf"
    code, out = invoke("stats", "report", "--out", str(public), "--on", "2024-12-31",
                       "--public", "--lang", "en", "--db", db)  # fmt: skip
    assert code == 0, out
    text = pdf_text(public)
    assert "Statistics of the register" in text and "<5" in text
    assert "The chart is left out" in text  # every table of this small register hides a cell
    assert "Restricted distribution" not in text  # public: for publication


def test_a_table_printed_as_csv_guards_its_cells_against_formulas(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A unit or a place is what a source wrote: `=HYPERLINK(…)` stays text in a spreadsheet,
    as in every other export (imports.export.guard)."""
    from homeward.stats.cli import _print_table
    from homeward.stats.tables import CountTable

    table = CountTable(
        name="status_by_unit",
        title="Our people by unit and status",
        row_header="unit",
        rows=('=HYPERLINK("http://example.invalid","x")', "@SUM(A1)", "U01"),
        columns=("missing", "returned"),
        counts=((1, 2), (3, 4), (5, 6)),
        row_totals=True,
        column_totals=True,
    )
    _print_table(table, as_csv=True, public=False)
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    labels = [row[0] for row in rows[1:]]
    assert labels[:3] == ['\'=HYPERLINK("http://example.invalid","x")', "'@SUM(A1)", "U01"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
