"""New persons for the reports that matched nobody, written in batches.

The same records as `registry.service.create_person`, `registry.sources.link_report` and
`registry.evidence.add_evidence` write — the person with its name (and its match keys) and
identifiers, the report linked, the list's evidence, the status derived by the same pure rules,
and every history entry — but a thousand persons to a flush instead of one, so that a list of
100,000 new names takes a minute rather than ten. A new person has no evidence but the list's, so
the status follows from that one fact.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import islice
from typing import Any

from sqlalchemy.orm import Session

from homeward.access.actor import Actor
from homeward.dates import PartialDate
from homeward.imports.checking import ImportOptions
from homeward.imports.validation import ValidRow
from homeward.registry import history
from homeward.registry.models import Evidence, Identifier, Person, Report
from homeward.registry.schemas import PersonIn, SourceIn
from homeward.registry.service import name_row
from homeward.registry.sources import get_or_create_place, get_or_create_source
from homeward.registry.status.rules import Fact, StatusResult, derive_status
from homeward.registry.vocab import Status

BATCH = 1000


def chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _person(person_in: PersonIn, *, actor: Actor, source_id: int, status: StatusResult) -> Person:
    """A Person row as `create_person` makes it, with the status its first evidence gives."""
    values = person_in.model_dump(exclude={"identifiers", "birth_date", "missing_date"})
    for field in ("birth_date", "missing_date"):
        partial: PartialDate | None = getattr(person_in, field)
        day, precision = partial.to_stored() if partial else (None, None)
        values[field], values[f"{field}_precision"] = day, precision
    since = status.since.earliest if status.since else None
    person = Person(**values, status=status.status.value, status_since=since)
    person.names = [name_row(person_in, actor=actor, source_id=source_id)]
    person.identifiers = [
        Identifier(kind=i.kind.value, value=i.value, source_id=source_id)
        for i in person_in.identifiers
    ]
    return person


def _status(row: ValidRow, options: ImportOptions, today: date) -> StatusResult:
    """The status the list's evidence gives a person who has no other."""
    on = options.evidence_date(row)
    if options.kind is None or on is None:
        return StatusResult(Status.NO_INFORMATION, rule="O1")
    fact = Fact(
        id=0, kind=options.kind, on=on, reliability=options.evidence_reliability, place=row.place
    )
    return derive_status([fact], side=options.side, as_of=today)


def create_new_persons(
    session: Session,
    *,
    actor: Actor,
    pairs: list[tuple[Report, ValidRow]],
    source_in: SourceIn,
    options: ImportOptions,
    advance: Any,
) -> int:
    """A person for each report, linked, with the list's evidence; the evidence count."""
    source_id = get_or_create_source(session, source_in).id
    today = date.today()
    evidence = 0
    for chunk in chunks(pairs, BATCH):
        persons = [
            _person(
                row.person, actor=actor, source_id=source_id, status=_status(row, options, today)
            )
            for _, row in chunk
        ]
        session.add_all(persons)
        session.flush()
        for (report, row), person in zip(chunk, persons, strict=True):
            report.person_id = person.id
            where = f"{report.origin_file}, row {report.origin_row}"
            history.record(
                session,
                person_id=person.id,
                change=history.created(row.person, source=source_in.name),
                actor=actor,
                reason=f"from {where}",
            )
            history.record(
                session,
                person_id=person.id,
                change=history.report_linked(report.id, source=source_in.name),
                actor=actor,
            )
        evidence += _first_evidence(session, actor, chunk, persons, options, source_id)
        session.flush()
        advance(len(chunk))
    return evidence


def _first_evidence(
    session: Session,
    actor: Actor,
    chunk: list[tuple[Report, ValidRow]],
    persons: list[Person],
    options: ImportOptions,
    source_id: int,
) -> int:
    if options.kind is None:
        return 0
    rows: list[Evidence] = []
    for (report, row), person in zip(chunk, persons, strict=True):
        on = options.evidence_date(row)
        assert on is not None  # checking rejected the rows without one
        rows.append(
            Evidence(
                person_id=person.id,
                kind=options.kind.value,
                occurred_on=on.earliest,
                occurred_precision=on.precision.value,
                source_id=source_id,
                report_id=report.id,
                reliability=options.evidence_reliability.value,
                place=get_or_create_place(session, row.place) if row.place else None,
                recorded_by=actor.name,
            )
        )
    session.add_all(rows)
    session.flush()
    for row_evidence, person in zip(rows, persons, strict=True):
        history.record(
            session,
            person_id=person.id,
            change=history.evidence_added(row_evidence),
            actor=actor,
        )
    return len(rows)
