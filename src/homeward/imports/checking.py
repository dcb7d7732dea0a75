"""A file checked end to end before anything is stored: read, mapped, every row validated.

Pure: no database. The result says which rows would be imported, which are rejected and why,
and which were rightly left out (blank rows, a totals row, a repeated header).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from homeward.dates import PartialDate
from homeward.errors import HomewardError, InvalidInput, Message
from homeward.imports.fingerprint import rows_fingerprint
from homeward.imports.mapping import ColumnMapping, find_header
from homeward.imports.reading import ReadLimits, Workbook, read_file
from homeward.imports.validation import CheckedSheet, Problem, RejectedRow, ValidRow, check_sheet
from homeward.registry.vocab import EvidenceKind, Reliability, Side, SourceKind, kinds_for

# The evidence a list makes is as reliable as its kind of source usually is.
DEFAULT_RELIABILITY = {
    EvidenceKind.ICRC_NOTIFICATION: Reliability.HIGH,
    EvidenceKind.ICRC_VISIT: Reliability.HIGH,
    EvidenceKind.RETURNED: Reliability.HIGH,
    EvidenceKind.REPATRIATED: Reliability.HIGH,
    EvidenceKind.CAPTURED: Reliability.HIGH,
    EvidenceKind.REMAINS_IDENTIFIED: Reliability.HIGH,
}
# For these kinds a row's own date of disappearance (or capture) dates the evidence.
_DATED_BY_MISSING = frozenset({EvidenceKind.REPORTED_MISSING, EvidenceKind.CAPTURED})


@dataclass(frozen=True)
class ImportOptions:
    """What the user says about a list: its kind and date make the evidence."""

    kind: EvidenceKind | None = None
    on: PartialDate | None = None
    side: Side = Side.OWN
    source_name: str | None = None
    source_kind: SourceKind = SourceKind.LIST
    reliability: Reliability | None = None
    mapping: ColumnMapping = field(default_factory=ColumnMapping)
    sheets: tuple[str, ...] = ()
    skip_invalid: bool = False

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in kinds_for(self.side):
            who = "own persons" if self.side is Side.OWN else "prisoners held by our side"
            raise InvalidInput(
                "kind",
                "%(value)s is not evidence about %(who)s",
                value=repr(self.kind.value),
                who=who,
            )
        if self.kind is EvidenceKind.RETRACTION:
            raise InvalidInput("kind", "a list cannot retract evidence: retract it one by one")

    @property
    def evidence_reliability(self) -> Reliability:
        if self.reliability is not None:
            return self.reliability
        return (
            DEFAULT_RELIABILITY.get(self.kind, Reliability.MEDIUM)
            if self.kind
            else (Reliability.MEDIUM)
        )

    def evidence_date(self, row: ValidRow) -> PartialDate | None:
        if row.event_date is not None:
            return row.event_date
        if self.on is not None:
            return self.on
        if self.kind in _DATED_BY_MISSING:
            return row.person.missing_date
        return None


@dataclass
class CheckedFile:
    file_name: str
    sha256: str
    file_format: str
    encoding: str | None
    sheets: list[CheckedSheet]
    mapping: ColumnMapping
    notes: list[Message] = field(default_factory=list)
    rows_sha256: str | None = None  # the fingerprint of its rows: `fingerprint.rows_fingerprint`

    @property
    def valid(self) -> list[ValidRow]:
        return [row for sheet in self.sheets for row in sheet.valid]

    @property
    def rejected(self) -> list[RejectedRow]:
        return [row for sheet in self.sheets for row in sheet.rejected]

    @property
    def problems(self) -> list[Problem]:
        return [p for row in self.rejected for p in row.problems]

    @property
    def warnings(self) -> list[Problem]:
        """Values of imported rows kept as written for the user to look at (an unknown rank)."""
        return [w for sheet in self.sheets for row in sheet.valid for w in row.warnings]

    @property
    def left_out(self) -> list[Problem]:
        return [note for sheet in self.sheets for note in sheet.notes]

    @property
    def rows_read(self) -> int:
        return sum(len(s.valid) + len(s.rejected) + len(s.notes) for s in self.sheets)


def check_file(path: Path, options: ImportOptions, limits: ReadLimits | None = None) -> CheckedFile:
    """Read, map and validate a list; `HomewardError` naming the file if it is not one, or if
    it is beyond the limits (`limits.ReadLimits`: the defaults unless given)."""
    return check_workbook(read_file(path, limits), options)


def check_workbook(workbook: Workbook, options: ImportOptions) -> CheckedFile:
    wanted = set(options.sheets)
    unknown = wanted - {sheet.name for sheet in workbook.sheets}
    if unknown and workbook.file_format != "csv":
        names = ", ".join(repr(s.name) for s in workbook.sheets)
        raise InvalidInput(
            "sheet",
            "%(file_name)s has no sheet %(sheet)s (its sheets: %(names)s)",
            file_name=workbook.file_name,
            sheet=repr(sorted(unknown)[0]),
            names=names,
        )
    checked: list[CheckedSheet] = []
    notes = list(workbook.notes)
    first_problem: Message | None = None
    for sheet in workbook.sheets:
        if wanted and sheet.name not in wanted and workbook.file_format != "csv":
            continue
        where = (
            Message("%(file)s, sheet %(sheet)s", file=workbook.file_name, sheet=repr(sheet.name))
            if sheet.name
            else workbook.file_name
        )
        if not any(any(cell not in (None, "") for cell in row) for row in sheet.rows):
            notes.append(Message("%(where)s: empty, left out", where=where))
            continue
        try:
            header = find_header(sheet.rows, options.mapping, sheet=where)
        except InvalidInput as error:
            if wanted:
                raise
            first_problem = first_problem or error.as_message()
            notes.append(Message("%(where)s: no header found, left out", where=where))
            continue
        checked.append(_with_evidence_dates(check_sheet(sheet, header, side=options.side), options))
    if not checked:
        if first_problem:
            raise HomewardError(first_problem.template, **first_problem.values)
        raise HomewardError("%(file)s: no sheet holds a list", file=workbook.file_name)
    mapping = ColumnMapping(header_row=options.mapping.header_row)
    for sheet_checked in checked:
        mapping = mapping.merged(sheet_checked.header.used_mapping())
    return CheckedFile(
        workbook.file_name,
        workbook.sha256,
        workbook.file_format,
        workbook.encoding,
        checked,
        ColumnMapping({**mapping.columns, **options.mapping.columns}, mapping.header_row),
        notes,
        rows_fingerprint(workbook.sheets),
    )


def _with_evidence_dates(sheet: CheckedSheet, options: ImportOptions) -> CheckedSheet:
    """A list that makes evidence needs a date for each row: its own, or the list's."""
    if options.kind is None:
        return sheet
    kept: list[ValidRow] = []
    for row in sheet.valid:
        problem = _evidence_date_problem(row, options.evidence_date(row))
        if problem is None:
            kept.append(row)
            continue
        error = Problem(row.sheet, row.row, "event_date", problem)
        sheet.rejected.append(RejectedRow(row.sheet, row.row, row.payload["raw"], [error]))
    sheet.valid = kept
    sheet.rejected.sort(key=lambda r: r.row)
    return sheet


def _evidence_date_problem(row: ValidRow, on: PartialDate | None) -> Message | None:
    if on is None:
        return Message("no date for the evidence: give --date or map a date column")
    if on.earliest > date.today():
        return Message("the evidence's date %(on)s is in the future", on=on)
    birth = row.person.birth_date
    if birth is not None and on.certainly_before(birth):
        return Message(
            "the evidence's date %(on)s is before the birth date %(birth)s", on=on, birth=birth
        )
    return None
