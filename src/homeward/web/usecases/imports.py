"""Importing a list through the web: checked and shown first (a dry run), then imported.

The checking is `homeward.imports.checking` (pure); the import is `imports.service.import_file`
with the register's linkage, in the request's transaction: all of the list, or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor, Channel
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.dates import parse_partial_date
from homeward.db import reading
from homeward.errors import HomewardError, InvalidInput, Message
from homeward.imports.checking import CheckedFile, ImportOptions, check_workbook
from homeward.imports.mapping import FIELDS, IGNORE, ColumnMapping, normalise_header
from homeward.imports.models import Import
from homeward.imports.reading import ENCODING_NAMES, ReadLimits, Workbook, read_bytes
from homeward.imports.service import (
    ImportResult,
    LinkStep,
    PreviousImport,
    RowOutcome,
    import_file,
    linkage_step,
    previous_import,
)
from homeward.imports.validation import Problem, RejectedRow, ValidRow
from homeward.imports.values import cell_text
from homeward.registry.models import Person
from homeward.registry.vocab import EvidenceKind, Side
from homeward.text import ascii_number
from homeward.web.labels import word

PREVIEW_ROWS = 20
RAW_ROWS = 12  # rows shown as they are when no header was found
SHOWN_WARNINGS = 200


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


FIELD_LABELS: dict[str, str] = {
    IGNORE: _("Nothing: kept with the report as written"),
    "full_name": _("Full name (surname, given name, patronymic)"),
    "surname": _("Surname"),
    "given_name": _("Given name"),
    "patronymic": _("Patronymic"),
    "sex": _("Sex"),
    "birth_date": _("Date of birth"),
    "birth_place": _("Place of birth"),
    "citizenship": _("Citizenship"),
    "branch": _("Branch of the armed forces"),
    "unit": _("Military unit"),
    "rank": _("Rank"),
    "service_number": _("Service number"),
    "tax_number": _("Tax number"),
    "passport": _("Passport"),
    "military_id": _("Military ID"),
    "missing_date": _("Date of disappearance or capture"),
    "missing_place": _("Place of disappearance or capture"),
    "event_date": _("Date of the event the list records"),
    "place": _("Place of detention"),
    "father_name": _("Father's name"),
    "mother_maiden_name": _("Mother's maiden name"),
    "person_to_inform": _("Person to inform"),
    "correspondence_address": _("Address for correspondence"),
    "note": _("Note"),
}
# The form's fields, as an error names them.
FORM_LABELS: dict[str, str] = {
    **FIELD_LABELS,
    "row": _("Row"),
    "header": _("Header"),
    "header_row": _("Header row"),
    "file": _("File"),
    "kind": _("Kind of list"),
    "list_date": _("Date of the list"),
    "side": _("Whose people"),
    "source_name": _("Source"),
    "mapping": _("Columns"),
    "column_field": _("Columns"),
    "skip_invalid": _("Skip the invalid rows"),
    "sheet": _("Sheet"),
}
assert set(FIELDS) <= set(FIELD_LABELS)
# The evidence a list can make, in the order the form offers them.
LIST_KINDS: tuple[EvidenceKind, ...] = tuple(
    k for k in EvidenceKind if k is not EvidenceKind.RETRACTION
)
_PERSON_FIELDS = (
    "surname",
    "given_name",
    "patronymic",
    "sex",
    "birth_date",
    "birth_place",
    "citizenship",
    "branch",
    "unit",
    "rank",
    "service_number",
    "missing_date",
    "missing_place",
    "father_name",
    "mother_maiden_name",
    "person_to_inform",
    "correspondence_address",
)


@dataclass(frozen=True)
class ListForm:
    """What the user says about a list, as the form (or the API) gave it."""

    kind: str = ""
    list_date: str = ""
    side: str = Side.OWN.value
    source_name: str = ""
    header_row: str = ""
    columns: tuple[tuple[str, str], ...] = ()  # (header text, field); "" leaves it automatic
    skip_invalid: bool = False

    def options(self) -> ImportOptions:
        """The import's options; `InvalidInput` naming the form's field when one is wrong."""
        _no_nul(
            kind=self.kind,
            list_date=self.list_date,
            side=self.side,
            source_name=self.source_name,
            header_row=self.header_row,
            mapping="".join(h + f for h, f in self.columns),
        )
        try:
            side = Side(self.side)
        except ValueError:
            raise InvalidInput("side", _("own or adversary")) from None
        kind = None
        if self.kind:
            try:
                kind = EvidenceKind(self.kind)
            except ValueError:
                raise InvalidInput(
                    "kind", "%(kind)s is not a kind of list", kind=repr(self.kind)
                ) from None
        on = parse_partial_date(self.list_date, field="list_date") if self.list_date else None
        if on is not None and on.earliest > date.today():
            raise InvalidInput("list_date", "%(on)s is in the future", on=on)
        header_row = None
        if self.header_row.strip():
            text = self.header_row.strip()
            if ascii_number(text, most=10_000) is None:
                raise InvalidInput("header_row", _("a row number, from 1"))
            header_row = int(text)
        columns = {h.strip(): f for h, f in self.columns if h.strip() and f}
        return ImportOptions(
            kind=kind,
            on=on,
            side=side,
            source_name=self.source_name.strip()[:300] or None,
            mapping=ColumnMapping(columns, header_row),
            skip_invalid=self.skip_invalid,
        )


def _no_nul(**values: str) -> None:
    """A NUL character cannot be stored (PostgreSQL refuses it): name the field that has one."""
    for name, value in values.items():
        if "\x00" in value:
            raise InvalidInput(name, _("contains a NUL character"))


@dataclass(frozen=True)
class ColumnView:
    """A column of the list and the field it is read as (None: not read, kept in the raw row)."""

    header: str
    field: str | None
    sheets: tuple[str, ...]


@dataclass(frozen=True)
class PreviewRow:
    sheet: str | None
    row: int
    values: dict[str, Any]
    problems: list[Problem]


@dataclass(frozen=True)
class Counts:
    rows_read: int
    valid: int
    rejected: int
    left_out: int


@dataclass(frozen=True)
class Preview:
    """What a list would give: its reading, columns, first rows, every problem, counts."""

    file_name: str
    sha256: str
    size: int
    file_format: str
    encoding: str | None
    notes: list[Message]
    columns: list[ColumnView]
    fields_shown: list[str]
    rows: list[PreviewRow]
    problems: list[Problem]
    left_out: list[Problem]
    counts: Counts
    previous: PreviousImport | None
    header_problem: str | None = None  # no header found: the columns must be named
    raw_rows: list[list[str]] = field(default_factory=list)

    @property
    def can_import(self) -> bool:
        return self.previous is None and self.header_problem is None and self.counts.valid > 0


@dataclass(frozen=True)
class ImportDone:
    file_name: str
    sha256: str
    import_id: int | None
    previous: PreviousImport | None
    rows_read: int
    imported: int
    rejected: list[RejectedRow]
    automatic: int
    review: int
    vetoed: int
    new_persons: int
    evidence: int
    made: tuple[RowOutcome, ...] = ()  # the rows that made a new person, in the list's order

    @property
    def problems(self) -> list[Problem]:
        return [problem for row in self.rejected for problem in row.problems]

    @classmethod
    def of(cls, result: ImportResult) -> ImportDone:
        return cls(
            result.file_name,
            result.sha256,
            result.import_id,
            result.previous,
            result.rows_read,
            result.reports,
            result.rejected,
            result.automatic,
            result.review,
            result.vetoed,
            result.new_persons,
            result.evidence,
            tuple(o for o in result.outcomes if o.outcome == "new" and o.person_id is not None),
        )


@dataclass(frozen=True)
class ImportRecord:
    id: int
    file_name: str
    at: datetime
    actor: str
    list_kind: str | None
    side: str
    rows_read: int
    rows_imported: int
    rows_rejected: int


def _read(data: bytes, file_name: str, limits: ReadLimits | None) -> Workbook:
    try:
        return read_bytes(data, name=file_name, limits=limits)
    except HomewardError as error:
        raise InvalidInput("file", str(error)) from None


def _check(workbook: Workbook, options: ImportOptions) -> CheckedFile:
    try:
        return check_workbook(workbook, options)
    except InvalidInput as error:
        if error.field in ("header", "header_row"):
            raise InvalidInput("header", _no_header(workbook, error.problem)) from None
        raise
    except HomewardError as error:
        raise InvalidInput("header", _no_header(workbook, str(error))) from None


def _no_header(workbook: Workbook, problem: str) -> str:
    # the imports package words it for the command line (--column, --mapping)
    cut = problem.split("; name the columns with")[0]
    return cut.removeprefix(f"{workbook.file_name}: ") or problem


def preview_import(
    session: Session,
    actor: Actor,
    *,
    data: bytes,
    file_name: str,
    form: ListForm,
    limits: ReadLimits | None = None,
) -> Preview:
    """Check a list without storing anything in the register; audited as IMPORT_PREVIEW.
    A list beyond the limits (the defaults unless given) is refused unread, naming the file."""
    actor.require(Permission.IMPORT)
    options = form.options()
    workbook = _read(data, file_name, limits)
    try:
        checked = _check(workbook, options)
    except InvalidInput as error:
        if error.field != "header":
            raise
        preview = _headerless(workbook, options, error.problem, len(data))
    else:
        previous = previous_import(session, checked.sha256, checked.rows_sha256)
        preview = _preview(checked, len(data), previous)
    audit.log(
        session,
        actor,
        AuditAction.IMPORT_PREVIEW,
        object_type="file",
        object_id=preview.sha256,
        detail={
            "file_name": file_name,
            "kind": form.kind or None,
            "side": options.side.value,
            "rows_read": preview.counts.rows_read,
            "valid": preview.counts.valid,
            "rejected": preview.counts.rejected,
            "header_found": preview.header_problem is None,
            "imported_before": preview.previous.import_id if preview.previous else None,
        },
    )
    return preview


def _preview(checked: CheckedFile, size: int, previous: PreviousImport | None) -> Preview:
    columns = _columns(checked)
    mapped = {c.field for c in columns if c.field and c.field != IGNORE}
    if "full_name" in mapped:
        mapped |= {"surname", "given_name", "patronymic"}
    shown = [name for name in FIELD_LABELS if name in mapped and name != "full_name"]
    return Preview(
        file_name=checked.file_name,
        sha256=checked.sha256,
        size=size,
        file_format=checked.file_format,
        encoding=ENCODING_NAMES.get(checked.encoding or "", checked.encoding),
        notes=[*checked.notes, *_warning_notes(checked.warnings)],
        columns=columns,
        fields_shown=shown,
        rows=_first_rows(checked),
        problems=checked.problems,
        left_out=checked.left_out,
        counts=Counts(
            checked.rows_read, len(checked.valid), len(checked.rejected), len(checked.left_out)
        ),
        previous=previous,
    )


def _warning_notes(warnings: list[Problem]) -> list[Message]:
    """Rows imported with a value kept as written (an unknown rank), named by row and field."""
    notes = [
        Message(
            "%(where)s, %(field)s: %(problem)s",
            where=w.where(),
            field=Message(word(w.field)),
            problem=w.problem,
        )
        for w in warnings[:SHOWN_WARNINGS]
    ]
    if len(warnings) > SHOWN_WARNINGS:
        notes.append(Message("more warnings, not shown: %(n)s", n=len(warnings) - SHOWN_WARNINGS))
    return notes


def _columns(checked: CheckedFile) -> list[ColumnView]:
    by_header: dict[str, ColumnView] = {}
    for sheet in checked.sheets:
        for index in sorted(sheet.header.texts):
            text = sheet.header.texts[index]
            key = normalise_header(text)
            seen = by_header.get(key)
            name = sheet.name or ""
            if seen is None:
                by_header[key] = ColumnView(text, sheet.header.columns.get(index), (name,))
            elif name not in seen.sheets:
                by_header[key] = replace(seen, sheets=(*seen.sheets, name))
    return list(by_header.values())


def _first_rows(checked: CheckedFile) -> list[PreviewRow]:
    rows: list[PreviewRow] = []
    for sheet in checked.sheets:
        fields_of = {
            sheet.header.texts[i]: f for i, f in sheet.header.columns.items() if f != IGNORE
        }
        rows += [PreviewRow(r.sheet, r.row, _values(r), []) for r in sheet.valid]
        rows += [
            PreviewRow(r.sheet, r.row, _raw_values(r, fields_of), r.problems)
            for r in sheet.rejected
        ]
    order = {sheet.name: n for n, sheet in enumerate(checked.sheets)}
    rows.sort(key=lambda r: (order.get(r.sheet, 0), r.row))
    return rows[:PREVIEW_ROWS]


def _values(row: ValidRow) -> dict[str, Any]:
    person = row.person
    values: dict[str, Any] = {name: getattr(person, name) for name in _PERSON_FIELDS}
    values["sex"] = person.sex.value
    values.update({i.kind.value: i.value for i in person.identifiers})
    values.update(event_date=row.event_date, place=row.place, note=row.payload.get("note"))
    return values


def _raw_values(row: RejectedRow, fields_of: dict[str, str]) -> dict[str, Any]:
    return {fields_of[header]: text for header, text in row.raw.items() if header in fields_of}


def _headerless(workbook: Workbook, options: ImportOptions, problem: str, size: int) -> Preview:
    """A list whose header was not found: its first rows as they are, to name the columns."""
    sheet = next((s for s in workbook.sheets if any(any(c) for c in s.rows)), workbook.sheets[0])
    raw = [[cell_text(cell) for cell in row] for row in sheet.rows[:RAW_ROWS]]
    columns: list[ColumnView] = []
    header_row = options.mapping.header_row
    if header_row is not None and header_row <= len(sheet.rows):
        texts = [cell_text(cell) for cell in sheet.rows[header_row - 1]]
        columns = [
            ColumnView(text, options.mapping.field_for(text), (sheet.name or "",))
            for text in texts
            if text
        ]
    return Preview(
        file_name=workbook.file_name,
        sha256=workbook.sha256,
        size=size,
        file_format=workbook.file_format,
        encoding=ENCODING_NAMES.get(workbook.encoding or "", workbook.encoding),
        notes=list(workbook.notes),
        columns=columns,
        fields_shown=[],
        rows=[],
        problems=[],
        left_out=[],
        counts=Counts(0, 0, 0, 0),
        previous=None,
        header_problem=problem,
        raw_rows=raw,
    )


def commit_import(
    session: Session,
    actor: Actor,
    *,
    data: bytes,
    file_name: str,
    form: ListForm,
    link_step: LinkStep | None = None,
    limits: ReadLimits | None = None,
) -> ImportDone:
    """Import a list in the caller's transaction: reports, linkage, new persons, evidence.

    The same file (by SHA-256) imported before creates nothing and says when and by whom."""
    actor.require(Permission.IMPORT)
    options = form.options()
    checked = _check(_read(data, file_name, limits), options)
    with reading(session) as reader:  # not in the write transaction: see `import_file`
        previous = previous_import(reader, checked.sha256, checked.rows_sha256)
    if previous is None:
        if not checked.valid:
            raise InvalidInput("file", _("no row of the list can be imported: see its errors"))
        if checked.rejected and not options.skip_invalid:
            raise InvalidInput(
                "skip_invalid",
                "rows with errors: %(rejected)s. Correct the file, or choose to skip them and "
                "import the valid rows (%(valid)s).",
                rejected=len(checked.rejected),
                valid=len(checked.valid),
            )
    result = import_file(
        session,
        actor=replace(actor, channel=Channel.IMPORT),
        checked=checked,
        options=options,
        link_step=link_step or linkage_step(),
    )
    done = ImportDone.of(result)
    audit.log(
        session,
        actor,
        AuditAction.IMPORT,
        object_type="import",
        object_id=done.import_id if done.previous is None else done.previous.import_id,
        detail={
            "file_name": file_name,
            "sha256": done.sha256,
            "kind": form.kind or None,
            "list_date": options.on.iso() if options.on else None,
            "side": options.side.value,
            "outcome": "imported" if done.previous is None else "imported before: nothing created",
            **result.summary(),
        },
    )
    return done


MADE_SHOWN = 500  # new persons an import's summary names; the rest are counted


@dataclass(frozen=True)
class MadePerson:
    person_id: int
    name: str  # as the register holds it now
    sheet: str | None
    row: int


def persons_made(session: Session, actor: Actor, done: ImportDone) -> list[MadePerson]:
    """The persons an import made, the first MADE_SHOWN with their names, for its summary to
    link to; the names are personal data: their read is audited as a list read of the import's
    persons, naming the import and the persons shown."""
    actor.require(Permission.IMPORT)
    made = done.made[:MADE_SHOWN]
    if not made or done.import_id is None:
        return []
    ids = [o.person_id for o in made if o.person_id is not None]
    rows = session.execute(
        select(Person.id, Person.surname, Person.given_name, Person.patronymic).where(
            Person.id.in_(ids)
        )
    )
    names = {r.id: " ".join(p for p in (r.surname, r.given_name, r.patronymic) if p) for r in rows}
    audit.log(
        session,
        actor,
        AuditAction.LIST_PERSONS,
        object_type="import",
        object_id=done.import_id,
        detail={"persons": ids},
    )
    return [
        MadePerson(o.person_id, names.get(o.person_id, ""), o.sheet, o.row)
        for o in made
        if o.person_id is not None
    ]


def recent_imports(session: Session, actor: Actor, *, limit: int = 20) -> list[ImportRecord]:
    """The lists imported last: files and counts, no personal data (not audited)."""
    actor.require(Permission.IMPORT)
    records = session.scalars(
        select(Import).order_by(Import.at.desc(), Import.id.desc()).limit(limit)
    )
    return [
        ImportRecord(
            r.id,
            r.file_name,
            r.at,
            r.actor,
            r.list_kind,
            r.side,
            r.rows_read,
            r.rows_imported,
            r.rows_rejected,
        )
        for r in records
    ]
