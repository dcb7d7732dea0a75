"""Rows per second of `homeward import`, from file to committed and linked reports.

A list of synthetic relatives' reports (homeward.demo.population) is written as CSV and as XLSX;
each is imported into a fresh SQLite register, in one transaction, through linkage (the default
model; `--no-link` when the model is not there or not wanted). The baseline, measured in the
same run, is reading the same file alone: csv.reader for the CSV, python-calamine for the XLSX.

    .venv/bin/python benchmarks/imports.py --rows 100000
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import python_calamine
from openpyxl import Workbook  # type: ignore[import-untyped]

from homeward.access.actor import Actor, Channel
from homeward.db import make_engine, session_factory
from homeward.demo.population import generate
from homeward.imports.checking import ImportOptions, check_file
from homeward.imports.service import LinkStep, import_file, linkage_step, no_linkage
from homeward.migrate import upgrade
from homeward.registry.vocab import EvidenceKind

KEYS = {
    "surname": "Прізвище",
    "given_name": "Ім'я",
    "patronymic": "По батькові",
    "sex": "Стать",
    "birth_date": "Дата народження",
    "birth_place": "Місце народження",
    "unit": "в/ч",
    "missing_date": "Дата зникнення",
    "missing_place": "Місце зникнення",
    "service_number": "Особистий номер",
    "tax_number": "РНОКПП",
    "rank": "Звання",
}
DEMO_HEADER = list(KEYS.values())


def demo_rows(count: int, *, seed: int) -> list[list[str]]:
    """Relatives' reports about own persons, as the synthetic population writes them."""
    rows: list[list[str]] = []
    for person in generate(persons=count * 2, seed=seed):
        for report in person.reports:
            if person.side == "own" and report.source_kind == "relative":
                rows.append([report.fields[key] for key in KEYS])
                if len(rows) == count:
                    return rows
    return rows


def _write(folder: Path, rows: list[list[str]]) -> tuple[Path, Path]:
    csv_path, xlsx_path = folder / "list.csv", folder / "list.xlsx"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out, delimiter=";").writerows([DEMO_HEADER, *rows])
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Список")
    for row in [DEMO_HEADER, *rows]:
        sheet.append(row)
    book.save(xlsx_path)
    return csv_path, xlsx_path


def _read_csv(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return sum(1 for _ in csv.reader(file, delimiter=";"))


def _read_xlsx(path: Path) -> int:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return len(book.get_sheet_by_index(0).to_python())


def _timed(work: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = work()
    return time.perf_counter() - started, value


def _import(path: Path, folder: Path, link_step: LinkStep) -> tuple[float, str]:
    engine = make_engine(f"sqlite:///{folder / (path.suffix[1:] + '.sqlite3')}")
    upgrade(engine)
    options = ImportOptions(kind=EvidenceKind.REPORTED_MISSING, skip_invalid=True)
    actor = Actor("benchmark", Channel.IMPORT)
    started = time.perf_counter()
    checked = check_file(path, options)
    with session_factory(engine)() as session:
        result = import_file(
            session, actor=actor, checked=checked, options=options, link_step=link_step
        )
        session.commit()
    elapsed = time.perf_counter() - started
    engine.dispose()
    summary = (
        f"{result.reports:,} reports ({len(result.rejected):,} rows rejected), "
        f"{result.automatic:,} linked, {result.review:,} to review, {result.new_persons:,} new"
    )
    return elapsed, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--no-link", action="store_true", help="a new person for every row")
    args = parser.parse_args()
    step = no_linkage if args.no_link else linkage_step()
    rows = demo_rows(args.rows, seed=2026)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        csv_path, xlsx_path = _write(folder, rows)
        print(f"{len(rows):,} rows; linkage: {'off (--no-link)' if args.no_link else 'on'}")
        for path, read in ((csv_path, _read_csv), (xlsx_path, _read_xlsx)):
            kind = path.suffix[1:].upper()
            baseline, _ = _timed(lambda: read(path))  # noqa: B023
            elapsed, summary = _import(path, folder, step)
            print(
                f"{kind:<5} baseline (read only) {len(rows) / baseline:>10,.0f} rows/s | "
                f"import to committed and linked reports {len(rows) / elapsed:>8,.0f} rows/s "
                f"({elapsed:.1f} s): {summary}"
            )


if __name__ == "__main__":
    main()
