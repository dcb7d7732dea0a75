"""Linkage for anyone with a spreadsheet: records in from CSV, clusters and links out to CSV.

A file is read whole and checked before anything is linked; every problem is reported with the
file, the row (as a spreadsheet numbers it: the header is row 1) and the field, at most
`MAX_PROBLEMS` of them at once. A date that cannot be read (31.02.1990, 1945-04-93) does not
refuse the file: in linkage a value that cannot be read is unknown, so the record is linked on
its other fields and the date is named in a warning.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Final

from homeward.dates import parse_partial_date
from homeward.errors import HomewardError, InvalidInput
from homeward.linkage.batch import DedupeResult, LinkDecision
from homeward.linkage.features import LinkRecord

COLUMNS: Final = (
    "record_id", "surname", "given_name", "patronymic", "sex", "birth_date", "birth_place",
    "unit", "missing_date", "missing_place", "source", "service_number", "tax_number",
)  # fmt: skip
DATE_COLUMNS: Final = ("birth_date", "missing_date")
MAX_PROBLEMS: Final = 20
CLUSTER_COLUMNS: Final = ("record_id", "cluster_id", "score")
LINK_COLUMNS: Final = ("list_record_id", "register_record_id", "score", "decision")


class FileProblem(HomewardError):
    """A file that cannot be linked as it is; the message lists what to fix."""


def read_records(
    path: Path, *, encoding: str = "utf-8", warn: Callable[[str], None] | None = None
) -> list[LinkRecord]:
    """The records of a CSV file with a header row of `COLUMNS` (any but record_id may be left
    out; values may be empty). Dates: dd.mm.yyyy, yyyy-mm-dd, dd/mm/yyyy or a bare year; one
    that cannot be read is left empty (unknown) and told to `warn`, as "row 3, birth_date: …"."""
    text = _text(path, encoding)
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if header is None or not any(cell.strip() for cell in header):
        raise FileProblem(f"{path}: the file is empty: the first row must name the columns "
                          f"({', '.join(COLUMNS)})")  # fmt: skip
    names = [cell.strip().lstrip("\ufeff").lower() for cell in header]
    _check_header(path, names)
    records: list[LinkRecord] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for cells in rows:
        line = rows.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(names):
            problems.append(f"row {line}: {len(cells)} values for {len(names)} columns")
            continue
        values = {name: cell.strip() for name, cell in zip(names, cells, strict=True)}
        problems.extend(f"row {line}, {p}" for p in _row_problems(values, seen, line))
        for column, problem in _unreadable_dates(values):
            values[column] = ""
            if warn is not None:
                warn(f"row {line}, {problem}; taken as unknown")
        records.append(LinkRecord(**values))
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        shown = "\n  ".join(problems[:MAX_PROBLEMS])
        more = " (the first ones)" if len(problems) >= MAX_PROBLEMS else ""
        raise FileProblem(f"{path}: {len(problems)} problem(s){more}:\n  {shown}")
    return records


def _text(path: Path, encoding: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileProblem(f"{path}: cannot read the file: {error.strerror or error}") from None
    try:
        return data.decode(
            "utf-8-sig" if encoding.lower().replace("_", "-") == "utf-8" else encoding
        )
    except LookupError:
        raise FileProblem(f"{path}: unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise FileProblem(
            f"{path}: row {row}: the file is not {encoding} (byte 0x{data[error.start]:02x}); "
            "save it as UTF-8 (in Excel: CSV UTF-8) or give its encoding, e.g. --encoding cp1251"
        ) from None


def _check_header(path: Path, names: list[str]) -> None:
    unknown = [name for name in names if name not in COLUMNS]
    if unknown:
        raise FileProblem(f"{path}: unknown column(s) {', '.join(map(repr, unknown))}; "
                          f"the columns are {', '.join(COLUMNS)}")  # fmt: skip
    doubled = sorted({name for name in names if names.count(name) > 1})
    if doubled:
        raise FileProblem(f"{path}: column(s) given twice: {', '.join(doubled)}")
    if "record_id" not in names:
        raise FileProblem(f"{path}: missing column record_id (the header has: {', '.join(names)})")


def _row_problems(values: Mapping[str, str], seen: dict[str, int], line: int) -> list[str]:
    problems = []
    record_id = values["record_id"]
    if not record_id:
        problems.append("record_id: empty (every row needs its own id)")
    elif record_id in seen:
        problems.append(f"record_id: {record_id!r} is also on row {seen[record_id]}")
    else:
        seen[record_id] = line
    return problems


def _unreadable_dates(values: Mapping[str, str]) -> list[tuple[str, str]]:
    found = []
    for column in DATE_COLUMNS:
        try:
            parse_partial_date(values.get(column), field=column)
        except InvalidInput as error:
            found.append((column, f"{error.field}: {error.problem}"))
    return found


def write_clusters(path: Path, records: Iterable[LinkRecord], result: DedupeResult) -> None:
    """record_id, cluster_id, score (the probability of the record's best automatic link)."""
    with _writer(path) as (handle, writer):
        writer.writerow(CLUSTER_COLUMNS)
        for record in records:
            best = result.best.get(record.record_id)
            score = "" if best is None else f"{best:.6f}"
            writer.writerow((record.record_id, result.clusters[record.record_id], score))
        handle.flush()


def write_links(path: Path, decisions: Iterable[LinkDecision], *, explain: bool = False) -> None:
    """list_record_id, register_record_id (empty when none), score, decision [, explanation]."""
    with _writer(path) as (_, writer):
        writer.writerow((*LINK_COLUMNS, "explanation") if explain else LINK_COLUMNS)
        for decision in decisions:
            score = (
                ""
                if decision.register_record_id is None
                else (f"{decision.score.match_probability:.6f}")
            )
            row = [decision.list_record_id, decision.register_record_id or "", score,
                   decision.decision]  # fmt: skip
            writer.writerow((*row, decision.explanation) if explain else row)


class _writer:
    """A CSV writer on `path`, written whole or not at all (a temporary file, then renamed)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.partial = path.with_name(path.name + ".partial")

    def __enter__(self) -> tuple[io.TextIOWrapper, csv._writer]:  # type: ignore[name-defined]
        try:
            self.handle = self.partial.open("w", encoding="utf-8", newline="")
        except OSError as error:
            raise FileProblem(f"{self.path}: cannot write: {error.strerror or error}") from None
        return self.handle, csv.writer(self.handle)

    def __exit__(self, kind: object, *rest: object) -> None:
        self.handle.close()
        if kind is None:
            self.partial.replace(self.path)
        else:
            self.partial.unlink(missing_ok=True)
