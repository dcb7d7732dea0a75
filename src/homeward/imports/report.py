"""What an import tells its user: the checks row by row, progress, the outcome, rejected rows."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from homeward.cli_support import console
from homeward.imports.checking import CheckedFile
from homeward.imports.export import write_csv
from homeward.imports.service import ImportResult
from homeward.imports.validation import RejectedRow

SHOWN_OUTCOMES = 500


class RichProgress:
    """The service's progress as Rich bars, one per stage; silent when not enabled."""

    def __init__(self, *, enabled: bool) -> None:
        self._bars = (
            Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=False,
            )
            if enabled
            else None
        )
        self._task: TaskID | None = None

    def __enter__(self) -> RichProgress:
        if self._bars is not None:
            self._bars.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._bars is not None:
            self._bars.stop()

    def stage(self, description: str, total: int | None) -> None:
        if self._bars is None:
            return
        if self._task is not None:
            done = self._bars.tasks[-1].total or 1
            self._bars.update(self._task, total=done, completed=done)
            self._bars.stop_task(self._task)
        self._task = self._bars.add_task(description, total=total)

    def advance(self, count: int = 1) -> None:
        if self._bars is not None and self._task is not None:
            self._bars.advance(self._task, count)


def print_checked(checked: CheckedFile, *, dry_run: bool, skip_invalid: bool) -> None:
    for note in checked.notes:
        console.print(f"[dim]{checked.file_name}: {note}[/]", highlight=False)
    columns = ", ".join(
        f"{header} → {target}" for header, target in checked.mapping.columns.items()
    )
    console.print(f"[dim]columns: {columns}[/]", highlight=False)
    for sheet in checked.sheets:
        if sheet.header.unmapped:
            kept = ", ".join(sheet.header.unmapped)
            console.print(f"[dim]not mapped (kept in the raw row): {kept}[/]", highlight=False)
    if checked.rejected:
        table = Table(title=f"{len(checked.rejected)} row(s) with errors")
        for column in ("sheet", "row", "field", "problem"):
            table.add_column(column, overflow="fold")
        for problem in checked.problems:
            table.add_row(problem.sheet or "", str(problem.row), problem.field, problem.problem)
        console.print(table)
    _print_warnings(checked)
    if checked.left_out and (dry_run or skip_invalid):
        for left_out in checked.left_out:
            console.print(f"[dim]{left_out.where()}: {left_out.problem}[/]", highlight=False)


def _print_warnings(checked: CheckedFile) -> None:
    warnings = checked.warnings
    if not warnings:
        return
    table = Table(title=f"{len(warnings)} warning(s): imported, with the value kept as written")
    for column in ("sheet", "row", "field", "warning"):
        table.add_column(column, overflow="fold")
    for warning in warnings[:SHOWN_OUTCOMES]:
        table.add_row(warning.sheet or "", str(warning.row), warning.field, warning.problem)
    console.print(table)
    if len(warnings) > SHOWN_OUTCOMES:
        more = len(warnings) - SHOWN_OUTCOMES
        console.print(f"… and {more:,} more warnings (--json lists them all)")


def print_result(
    result: ImportResult, checked: CheckedFile, *, dry_run: bool, rejected_file: Path | None
) -> None:
    if result.previous is not None:
        console.print(
            f"{result.previous.describe(result.file_name)}: nothing created.", highlight=False
        )
        return
    if dry_run:
        _print_outcomes(result)
    verb = "Would import" if dry_run else "Imported"
    console.print(
        f"{verb} {result.reports:,} of {result.rows_read:,} rows from {result.file_name}: "
        f"{result.automatic:,} linked automatically, {result.review:,} sent to review "
        f"({result.vetoed:,} vetoed), {result.new_persons:,} new persons; "
        f"{result.evidence:,} pieces of evidence.",
        highlight=False,
    )
    if result.rejected:
        where = f", written with reasons to {rejected_file}" if rejected_file else ""
        console.print(f"{len(result.rejected):,} row(s) rejected{where}.", highlight=False)
    if dry_run:
        console.print("Dry run: nothing was written to the register.")
        if checked.rejected:
            console.print(
                "[bold]The file has errors: it would not be imported without --skip-invalid.[/]"
            )


def _print_outcomes(result: ImportResult) -> None:
    table = Table(title="What would be created or linked")
    for column in ("sheet", "row", "outcome"):
        table.add_column(column)
    for outcome in result.outcomes[:SHOWN_OUTCOMES]:
        text = {
            "linked": f"linked automatically to person {outcome.person_id}",
            "review": "sent to review",
            "new": "a new person",
        }[outcome.outcome]
        table.add_row(outcome.sheet or "", str(outcome.row), text)
    console.print(table)
    if len(result.outcomes) > SHOWN_OUTCOMES:
        more = len(result.outcomes) - SHOWN_OUTCOMES
        console.print(f"… and {more:,} more rows (--json lists them all)")


def result_json(
    result: ImportResult, checked: CheckedFile, *, dry_run: bool, rejected_file: Path | None
) -> dict[str, Any]:
    previous = result.previous
    return {
        "file": result.file_name,
        "sha256": result.sha256,
        "dry_run": dry_run,
        "already_imported": None
        if previous is None
        else {
            "import_id": previous.import_id,
            "at": previous.at.isoformat(),
            "actor": previous.actor,
            "file_name": previous.file_name,
            "same": "file" if previous.same_file else "rows",
        },
        "import_id": None if dry_run else result.import_id,
        "summary": result.summary(),
        "notes": checked.notes,
        "mapping": checked.mapping.to_json(),
        "problems": [
            {"sheet": p.sheet, "row": p.row, "field": p.field, "problem": p.problem}
            for p in checked.problems
        ],
        "warnings": [
            {"sheet": w.sheet, "row": w.row, "field": w.field, "warning": w.problem}
            for w in checked.warnings
        ],
        "left_out": [{"sheet": n.sheet, "row": n.row, "note": n.problem} for n in checked.left_out],
        "rows": [
            {"sheet": o.sheet, "row": o.row, "outcome": o.outcome, "person_id": o.person_id}
            for o in result.outcomes
        ],
        "rejected_file": str(rejected_file) if rejected_file else None,
    }


def write_rejected(path: Path, rejected: list[RejectedRow]) -> Path:
    """The rejected rows as they were, with sheet, row, field and problem first."""
    headers = list(dict.fromkeys(name for row in rejected for name in row.raw))
    rows = [
        [
            row.sheet,
            row.row,
            "; ".join(p.field for p in row.problems),
            "; ".join(p.problem for p in row.problems),
            *(row.raw.get(name, "") for name in headers),
        ]
        for row in rejected
    ]
    write_csv(path, ["sheet", "row", "field", "problem", *headers], rows)
    return path
