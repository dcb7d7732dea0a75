"""Committing a checked list: reports, linkage, new persons and evidence, all in one transaction.

The service never commits: the command (or the web request) does, so a dry run is the same
import rolled back. A file whose SHA-256 was imported before creates nothing, and so does a file
of other bytes that holds the same rows (`fingerprint.rows_fingerprint`). Reports that
linkage links automatically, and the new persons made for reports that matched nobody, get the
list's evidence at once; a report sent to review carries its evidence in its payload, and
`registry.evidence.record_report_evidence` records it when a reviewer links the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from homeward.access.actor import Actor
from homeward.access.roles import Permission
from homeward.db import reading, utcnow
from homeward.errors import HomewardError
from homeward.imports.checking import CheckedFile, ImportOptions
from homeward.imports.models import Import
from homeward.imports.persons import chunks, create_new_persons
from homeward.imports.validation import RejectedRow, ValidRow
from homeward.linkage.features import LinkRecord
from homeward.registry.evidence import record_report_evidence
from homeward.registry.models import Report, Source
from homeward.registry.schemas import NameIn, SourceIn
from homeward.registry.service import add_name, get_person
from homeward.registry.sources import get_or_create_source

BATCH = 1000


class Progress(Protocol):
    """Where a long import says how far it is; the CLI shows it as Rich progress bars."""

    def stage(self, description: str, total: int | None) -> None: ...

    def advance(self, count: int = 1) -> None: ...


class NoProgress:
    def stage(self, description: str, total: int | None) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass


@dataclass
class LinkOutcome:
    """What the link step did: counts, and the reports that matched nobody."""

    automatic: int
    review: int
    vetoed: int
    unmatched: list[Report]


class LinkStep(Protocol):
    """Linkage in two steps: `plan` only reads the register (before the import takes the
    write lock), `apply` writes the plan's links for the stored reports, in the plan's order."""

    def plan(self, reader: Session, records: list[LinkRecord]) -> Any: ...

    def apply(
        self, session: Session, actor: Actor, plan: Any, reports: list[Report]
    ) -> LinkOutcome: ...


@dataclass(frozen=True)
class RegisterLinkage:
    """The link step of the register: `homeward.linkage`, with its default model."""

    model_path: Any = None

    def plan(self, reader: Session, records: list[LinkRecord]) -> Any:
        from homeward.linkage.model import LinkageModel
        from homeward.linkage.register import plan_links

        model = LinkageModel.load(self.model_path)
        return model.version, plan_links(reader, records, model=model)

    def apply(
        self, session: Session, actor: Actor, plan: Any, reports: list[Report]
    ) -> LinkOutcome:
        from homeward.linkage.register import apply_links

        version, decisions = plan
        by_record = {_record_id(n): report for n, report in enumerate(reports)}
        summary, unmatched = apply_links(
            session, actor=actor, decisions=decisions, reports=by_record, model_version=version
        )
        return LinkOutcome(summary.automatic, summary.review, summary.vetoed, unmatched)


def linkage_step(model_path: Any = None) -> LinkStep:
    return RegisterLinkage(model_path)


class NoLinkage:
    """A new person for every report: for the first load of a register with nobody in it."""

    def plan(self, reader: Session, records: list[LinkRecord]) -> Any:
        return None

    def apply(
        self, session: Session, actor: Actor, plan: Any, reports: list[Report]
    ) -> LinkOutcome:
        return LinkOutcome(0, 0, 0, list(reports))


no_linkage: LinkStep = NoLinkage()


def _record_id(index: int) -> str:
    return f"row{index}"


def list_records(rows: list[ValidRow], options: ImportOptions, source: str) -> list[LinkRecord]:
    """The rows as linkage reads them: the fields their reports will carry."""
    from homeward.linkage.register import REPORT_FIELDS

    records = []
    for index, row in enumerate(rows):
        payload = _payload(row, options)
        values = {name: str(payload.get(name) or "") for name in REPORT_FIELDS}
        records.append(LinkRecord(record_id=_record_id(index), source=source, **values))
    return records


class FileHasErrors(HomewardError):
    """Rows with errors, and the import was not told to skip them: nothing was stored."""

    def __init__(self, checked: CheckedFile) -> None:
        first = checked.problems[0]
        super().__init__(
            f"{checked.file_name}: {len(checked.rejected)} row(s) with errors, nothing imported "
            f"(first: {first.where()}, {first.field}: {first.problem}); correct them, or import "
            "the other rows with --skip-invalid"
        )
        self.checked = checked


@dataclass(frozen=True)
class PreviousImport:
    """The earlier import of the same file, or of the same rows in another file."""

    import_id: int
    at: datetime
    actor: str
    reports: int
    file_name: str = ""
    same_file: bool = True  # False: other bytes, the same rows (`fingerprint.rows_fingerprint`)

    @classmethod
    def of(cls, record: Import, *, same_file: bool = True) -> PreviousImport:
        return cls(
            record.id, record.at, record.actor, record.rows_imported, record.file_name, same_file
        )

    def describe(self, file_name: str) -> str:
        """Which import this one repeats, in words: file, date, who."""
        when = f"{self.at:%Y-%m-%d %H:%M} UTC by {self.actor}"
        what = f"import {self.import_id}, {self.reports:,} reports"
        if self.same_file:
            return f"{file_name} was already imported on {when} ({what})"
        return f"{file_name} holds the same rows as {self.file_name}, imported on {when} ({what})"


@dataclass(frozen=True)
class RowOutcome:
    sheet: str | None
    row: int
    report_id: int
    outcome: str  # linked | review | new
    person_id: int | None


@dataclass
class ImportResult:
    file_name: str
    sha256: str
    import_id: int | None = None
    previous: PreviousImport | None = None  # set when the same file was imported before
    rows_read: int = 0
    reports: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    automatic: int = 0
    review: int = 0
    vetoed: int = 0
    new_persons: int = 0
    evidence: int = 0
    outcomes: list[RowOutcome] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {
            "rows_read": self.rows_read,
            "reports": self.reports,
            "rejected": len(self.rejected),
            "automatic": self.automatic,
            "review": self.review,
            "vetoed": self.vetoed,
            "new_persons": self.new_persons,
            "evidence": self.evidence,
        }


def previous_import(
    session: Session, sha256: str, rows_sha256: str | None = None
) -> PreviousImport | None:
    """The import of the same file (by its bytes), else of the same rows (by their fingerprint);
    imports made before fingerprints were kept are found by their bytes only."""
    record = session.scalar(select(Import).where(Import.sha256 == sha256))
    if record is not None:
        return PreviousImport.of(record)
    if rows_sha256 is None:
        return None
    record = session.scalar(select(Import).where(Import.rows_sha256 == rows_sha256))
    return PreviousImport.of(record, same_file=False) if record else None


def import_file(
    session: Session,
    *,
    actor: Actor,
    checked: CheckedFile,
    options: ImportOptions,
    link_step: LinkStep,
    progress: Progress | None = None,
) -> ImportResult:
    """Store a checked list's valid rows as reports, link them, make persons and evidence."""
    actor.require(Permission.IMPORT)
    progress = progress or NoProgress()
    result = ImportResult(checked.file_name, checked.sha256, rows_read=checked.rows_read)
    source_in = SourceIn(kind=options.source_kind, name=options.source_name or checked.file_name)
    # Read and decide first, through a connection of its own: on SQLite the request's write
    # transaction, and with it the write lock every other writer waits for, begins only when
    # the reports are stored.
    with reading(session) as reader:
        result.previous = previous_import(reader, checked.sha256, checked.rows_sha256)
        if result.previous is not None:
            return result
        if checked.rejected and not options.skip_invalid:
            raise FileHasErrors(checked)
        rows = checked.valid
        if not rows:
            raise HomewardError("%(file_name)s: no row to import", file_name=checked.file_name)
        progress.stage("Linking to the register", None)
        plan = link_step.plan(reader, list_records(rows, options, source_in.name))
    result.previous = previous_import(session, checked.sha256, checked.rows_sha256)
    if result.previous is not None:  # imported by someone else meanwhile
        return result
    result.rejected = checked.rejected
    record = _claim(session, actor=actor, checked=checked, options=options, source_in=source_in)
    reports = _store_reports(session, actor, checked, options, record.source_id, progress)
    result.import_id, result.reports = record.id, len(reports)
    outcome = link_step.apply(session, actor, plan, reports)
    result.automatic, result.review, result.vetoed = (
        outcome.automatic,
        outcome.review,
        outcome.vetoed,
    )
    by_report = {id(report): row for report, row in zip(reports, rows, strict=True)}
    linked = [report for report in reports if report.person_id is not None]
    _name_variants(session, actor, linked, source_in)
    result.evidence = _evidence(session, actor, linked, options, progress)
    progress.stage("Creating new persons", len(outcome.unmatched))
    result.new_persons = len(outcome.unmatched)
    result.evidence += create_new_persons(
        session,
        actor=actor,
        pairs=[(report, by_report[id(report)]) for report in outcome.unmatched],
        source_in=source_in,
        options=options,
        advance=progress.advance,
    )
    result.outcomes = _outcomes(reports, by_report, outcome.unmatched)
    record.rows_imported, record.rows_rejected = len(reports), len(checked.rejected)
    record.summary = result.summary()
    session.flush()
    return result


def _claim(
    session: Session,
    *,
    actor: Actor,
    checked: CheckedFile,
    options: ImportOptions,
    source_in: SourceIn,
) -> Import:
    """The file's record, written first: a second import of the same file stops here."""
    day, precision = options.on.to_stored() if options.on else (None, None)
    record = Import(
        file_name=checked.file_name[:300],
        sha256=checked.sha256,
        rows_sha256=checked.rows_sha256,
        file_format=checked.file_format,
        encoding=checked.encoding,
        list_kind=options.kind.value if options.kind else None,
        list_date=day,
        list_date_precision=precision,
        side=options.side.value,
        source_id=get_or_create_source(session, source_in).id,
        rows_read=checked.rows_read,
        rows_imported=0,
        rows_rejected=len(checked.rejected),
        actor=actor.name,
        channel=actor.channel.value,
        summary={},
        mapping=checked.mapping.to_json(),
    )
    session.add(record)
    try:
        session.flush()
    except IntegrityError:
        raise HomewardError(
            "%(file_name)s: is being imported by someone else right now: nothing created",
            file_name=checked.file_name,
        ) from None
    return record


def _store_reports(
    session: Session,
    actor: Actor,
    checked: CheckedFile,
    options: ImportOptions,
    source_id: int,
    progress: Progress,
) -> list[Report]:
    rows = checked.valid
    progress.stage("Storing reports", len(rows))
    source = session.get(Source, source_id)
    received = utcnow()
    reports: list[Report] = []
    for chunk in chunks(rows, BATCH):
        batch = [
            Report(
                source=source,
                received_at=received,
                entered_by=actor.name,
                channel=actor.channel.value,
                payload=_payload(row, options),
                origin_file=checked.file_name[:300],
                origin_sha256=checked.sha256,
                origin_sheet=row.sheet[:100] if row.sheet else None,
                origin_row=row.row,
            )
            for row in chunk
        ]
        session.add_all(batch)
        session.flush()
        reports.extend(batch)
        progress.advance(len(batch))
    return reports


def _payload(row: ValidRow, options: ImportOptions) -> dict[str, Any]:
    payload = dict(row.payload)
    on = options.evidence_date(row)
    if options.kind is not None and on is not None:
        payload["evidence"] = {
            "kind": options.kind.value,
            "on": on.iso(),
            "reliability": options.evidence_reliability.value,
            "place": row.place,
        }
    return payload


def _name_variants(
    session: Session, actor: Actor, linked: list[Report], source_in: SourceIn
) -> None:
    """A report linked automatically may spell the name anew: keep that spelling too."""
    for report in linked:
        assert report.person_id is not None
        payload = report.payload
        spelling = (payload["surname"], payload.get("given_name"), payload.get("patronymic"))
        person = get_person(session, report.person_id)
        if any((n.surname, n.given_name, n.patronymic) == spelling for n in person.names):
            continue
        name = NameIn(surname=spelling[0], given_name=spelling[1], patronymic=spelling[2])
        add_name(session, actor=actor, person_id=person.id, name=name, source=source_in)


def _evidence(
    session: Session,
    actor: Actor,
    linked: list[Report],
    options: ImportOptions,
    progress: Progress,
) -> int:
    """The list's evidence about the persons reports were linked to automatically."""
    if options.kind is None:
        return 0
    progress.stage("Recording evidence", len(linked))
    count = 0
    for report in linked:
        count += record_report_evidence(session, actor=actor, report=report)
        progress.advance()
    return count


def _outcomes(
    reports: list[Report], by_report: dict[int, ValidRow], unmatched: list[Report]
) -> list[RowOutcome]:
    new = {id(report) for report in unmatched}
    outcomes = []
    for report in reports:
        row = by_report[id(report)]
        if id(report) in new:
            outcome = "new"
        else:
            outcome = "linked" if report.person_id is not None else "review"
        outcomes.append(RowOutcome(row.sheet, row.row, report.id, outcome, report.person_id))
    return outcomes
