"""Lists too large to read are refused before they are read whole — a small workbook that unpacks
to hundreds of megabytes, parts that lie about their size, two cells a million rows apart, an ODS
row repeated a million times, a CSV of too many rows — with a message naming the file and the
limit; lists within the limits are read as before, and the limits are settings."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from homeward.imports.archive import measure_workbook
from homeward.imports.cli import import_app
from homeward.imports.limits import MB, ListTooLarge, ReadLimits
from homeward.imports.reading import UnreadableFile, read_bytes, read_file
from homeward.registry.models import Report
from homeward.settings import Settings
from tests.imports.bombs import (
    ROW_BYTES,
    lying_about_sizes,
    ods_repeated,
    xlsx_bomb,
    xlsx_with_cells,
)
from tests.imports.files import HEADER_UK, ROWS_UK, csv_bytes, write_csv, write_ods, write_xlsx

BOMB_ROWS = 2_500_000  # 226 MB of sheet once unpacked, 0.8 MB packed
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return xlsx_bomb(tmp_path_factory.mktemp("bombs") / "bomb.xlsx", rows=BOMB_ROWS)


def test_the_bomb_is_small_and_unpacks_beyond_the_limit(bomb: Path) -> None:
    assert bomb.stat().st_size < 2 * MB
    assert ReadLimits().unpacked_bytes < BOMB_ROWS * ROW_BYTES


def test_a_workbook_that_says_it_unpacks_beyond_the_limit_is_refused_unread(bomb: Path) -> None:
    with pytest.raises(ListTooLarge) as refused:
        read_file(bomb)
    assert str(refused.value).startswith(
        "bomb.xlsx: its parts say they unpack to 226 MB, more than the 200 MB a list may take "
        "(HOMEWARD_IMPORT_MAX_UNPACKED_MB)"
    )


def test_parts_that_lie_about_their_size_are_stopped_as_they_unpack(
    bomb: Path, tmp_path: Path
) -> None:
    liar = lying_about_sizes(tmp_path / "liar.xlsx", source=bomb)
    few_bytes = ReadLimits(unpacked_bytes=20 * MB, rows=10**9, cells=10**12)
    with pytest.raises(
        ListTooLarge, match=re.escape("liar.xlsx: it unpacks to more than the 20 MB")
    ):
        read_file(liar, few_bytes)
    with pytest.raises(ListTooLarge, match=r"liar\.xlsx: more than 200,000 rows \(a sheet reaches"):
        read_file(liar)


def test_a_sheet_is_refused_at_its_first_row_beyond_the_limit(tmp_path: Path) -> None:
    path = xlsx_bomb(tmp_path / "long.xlsx", rows=2000)
    with pytest.raises(ListTooLarge) as refused:
        read_file(path, ReadLimits(rows=1000))
    assert str(refused.value).startswith(
        "long.xlsx: more than 1,000 rows (a sheet reaches row 1,001 and column 4), the most a "
        "list may have (HOMEWARD_IMPORT_MAX_ROWS)"
    )
    assert len(read_file(path, ReadLimits(rows=2001)).sheets[0].rows) == 2001


def test_two_cells_far_apart_are_refused_before_the_sheet_between_them_is_made(
    tmp_path: Path,
) -> None:
    far_down = xlsx_with_cells(tmp_path / "down.xlsx", {"A1": "Прізвище", "XFD1048576": "x"})
    with pytest.raises(ListTooLarge, match=r"down\.xlsx: more than 200,000 rows"):
        read_file(far_down)
    far_right = xlsx_with_cells(tmp_path / "right.xlsx", {"A1": "Прізвище", "XFD1000": "x"})
    with pytest.raises(ListTooLarge) as refused:
        read_file(far_right)
    assert str(refused.value).startswith(
        "right.xlsx: more than 5,000,000 cells (rows × columns) (a sheet reaches row 1,000 and "
        "column 16,384)"
    )


def test_an_ods_row_repeated_a_million_times_is_refused(tmp_path: Path) -> None:
    path = ods_repeated(tmp_path / "repeated.ods", rows=1_000_000, columns=30)
    with pytest.raises(
        ListTooLarge, match=r"repeated\.ods: more than 200,000 rows \(sheet 'Аркуш1'"
    ):
        read_file(path)


def test_a_csv_of_too_many_rows_is_refused_at_the_row_beyond_the_limit() -> None:
    data = csv_bytes([HEADER_UK]) + b"x,y\r\n" * 200_000
    with pytest.raises(ListTooLarge) as refused:
        read_bytes(data, name="long.csv")
    assert str(refused.value) == (
        "long.csv: more than 200,000 rows, the most a list may have "
        "(HOMEWARD_IMPORT_MAX_ROWS): split it into smaller files"
    )
    assert len(read_bytes(data[: -len(b"x,y\r\n")], name="ok.csv").sheets[0].rows) == 200_000


def test_a_csv_of_too_many_cells_is_refused(tmp_path: Path) -> None:
    data = b",".join([b"x"] * 2000) + b"\r\n"
    with pytest.raises(ListTooLarge, match=r"wide\.csv: more than 100,000 cells"):
        read_bytes(data * 60, name="wide.csv", limits=ReadLimits(cells=100_000))


def test_a_file_larger_than_a_list_may_unpack_to_is_refused_unread(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "huge.csv", [HEADER_UK, *ROWS_UK * 20_000])
    with pytest.raises(
        ListTooLarge, match=r"huge\.csv: the file is \d\.\d MB, more than the 1\.0 MB"
    ):
        read_file(path, ReadLimits(unpacked_bytes=1 * MB))


def test_a_workbook_with_a_document_type_declaration_is_refused(tmp_path: Path) -> None:
    path = xlsx_with_cells(tmp_path / "laughs.xlsx", {"A1": "&lol;"}, doctype=True)
    with pytest.raises(UnreadableFile, match=r"laughs\.xlsx: cannot be read as XLSX: .*document"):
        read_file(path)


def test_an_excel_binary_workbook_is_refused_with_a_reason(tmp_path: Path) -> None:
    path = xlsx_with_cells(tmp_path / "binary.xlsb", {"A1": "x"}, extra_part="xl/workbook.bin")
    with pytest.raises(UnreadableFile, match=r"binary\.xlsb: an Excel binary workbook \(XLSB\)"):
        read_file(path)


@pytest.mark.parametrize(
    "make",
    [
        lambda folder: write_xlsx(
            folder / "merged.xlsx",
            {"Аркуш1": [["Список"], [], HEADER_UK, *ROWS_UK], "Другий": [["Фамилия"], ["Иванов"]]},
            merge={"Аркуш1": ["A1:G1"]},
        ),
        lambda folder: write_ods(folder / "list.ods", {"Перший": [HEADER_UK, *ROWS_UK]}),
        lambda folder: xlsx_with_cells(folder / "offset.xlsx", {"C3": "Прізвище", "E7": "x"}),
        lambda folder: ods_repeated(folder / "repeated.ods", rows=40, columns=12),
    ],
)
def test_the_measure_meets_a_workbook_exactly_where_the_reader_does(
    make: Callable[[Path], Path], tmp_path: Path
) -> None:
    path = make(tmp_path)
    sheets = read_file(path).sheets
    rows = sum(len(sheet.rows) for sheet in sheets)
    cells = sum(len(sheet.rows) * max(map(len, sheet.rows), default=0) for sheet in sheets)
    data, kind = path.read_bytes(), path.suffix[1:]

    def measure(limits: ReadLimits) -> None:
        measure_workbook(data, name=path.name, file_format=kind, limits=limits)

    measure(ReadLimits(rows=rows, cells=cells))
    with pytest.raises(ListTooLarge, match="rows"):
        measure(ReadLimits(rows=rows - 1, cells=cells))
    with pytest.raises(ListTooLarge, match="cells"):
        measure(ReadLimits(rows=rows, cells=cells - 1))
    with pytest.raises(ListTooLarge, match="rows"):
        read_file(path, ReadLimits(rows=rows - 1, cells=cells))


def test_the_command_takes_its_limits_from_the_settings(clean_db: Engine, tmp_path: Path) -> None:
    app = typer.Typer()
    app.add_typer(import_app)
    path = write_csv(tmp_path / "list.csv", [HEADER_UK, *ROWS_UK])
    url = clean_db.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(
        app,
        ["import", str(path), "--db", url, "--actor", "operator", "--no-link"],
        env={"HOMEWARD_IMPORT_MAX_ROWS": "3"},
    )
    assert result.exit_code == 2
    assert "list.csv: more than 3 rows" in " ".join(result.output.split())
    with Session(clean_db) as session:
        assert session.scalar(select(func.count()).select_from(Report)) == 0


def test_the_limits_are_settings_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    limits = ReadLimits.of(Settings())
    assert limits == ReadLimits()
    for name in ("import_max_unpacked_mb", "import_max_rows", "import_max_cells"):
        assert name in Settings.model_fields
        assert f"| `HOMEWARD_{name.upper()}` |" in readme
