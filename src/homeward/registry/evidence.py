"""Evidence in, status out: the only way a person's fate changes in the register."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from homeward.access.actor import Actor
from homeward.access.roles import Permission
from homeward.errors import InvalidInput, Message
from homeward.registry import history
from homeward.registry.models import Evidence, Person, Place, Report, Source
from homeward.registry.schemas import EvidenceIn, SourceIn
from homeward.registry.service import get_person
from homeward.registry.sources import get_or_create_place, get_or_create_source, require_linking
from homeward.registry.status.rules import Fact, StatusResult, derive_status
from homeward.registry.vocab import EvidenceKind, Reliability, Side, kinds_for

_CHUNK = 5000  # persons in one query


def add_evidence(
    session: Session,
    *,
    actor: Actor,
    person_id: int,
    evidence: EvidenceIn,
    incommunicado_days: int = 90,
) -> Evidence:
    """Record a claim about the person; its status is derived again at once."""
    actor.require(Permission.EVIDENCE)
    return _add_evidence(
        session,
        actor=actor,
        person_id=person_id,
        evidence=evidence,
        incommunicado_days=incommunicado_days,
    )


def record_evidence(
    session: Session, *, actor: Actor, person_id: int, evidence: EvidenceIn
) -> Evidence:
    """`add_evidence` for a service that has checked the permission its own work needs (the
    custody bureau recording a prisoner's movements, a link bringing a list's evidence)."""
    return _add_evidence(session, actor=actor, person_id=person_id, evidence=evidence)


def _add_evidence(
    session: Session,
    *,
    actor: Actor,
    person_id: int,
    evidence: EvidenceIn,
    incommunicado_days: int = 90,
) -> Evidence:
    person = get_person(session, person_id)
    _check_against_person(session, person, evidence)
    row = Evidence(
        person_id=person_id,
        kind=evidence.kind.value,
        occurred_on=evidence.on.earliest,
        occurred_precision=evidence.on.precision.value,
        source=get_or_create_source(session, evidence.source) if evidence.source else None,
        report_id=evidence.report_id,
        reliability=evidence.reliability.value,
        place=get_or_create_place(session, evidence.place) if evidence.place else None,
        note=evidence.note,
        supersedes_id=evidence.supersedes_id,
        recorded_by=actor.name,
    )
    session.add(row)
    session.flush()
    history.record(
        session,
        person_id=person_id,
        change=history.evidence_added(row),
        actor=actor,
        reason=evidence.note,
    )
    refresh_status(session, person, as_of=date.today(), incommunicado_days=incommunicado_days)
    return row


def record_evidence_many(
    session: Session, *, actor: Actor, evidence: Sequence[tuple[int, EvidenceIn]]
) -> list[Evidence]:
    """`record_evidence` for many persons at once (a roster's returns): the same checks, rows,
    history and derived statuses, with the persons, the sources and places, and everyone's
    evidence read in a few queries, not row by row. A bad one raises before anything is
    added."""
    persons: dict[int, Person] = {}
    ids = sorted({person_id for person_id, _ in evidence})
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        persons.update(
            (p.id, p) for p in session.scalars(select(Person).where(Person.id.in_(chunk)))
        )
    for person_id, given in evidence:
        person = persons.get(person_id) or get_person(session, person_id)  # NotFound, named
        _check_against_person(session, person, given)
    sources: dict[SourceIn, Source] = {}
    places: dict[str, Place] = {}
    rows = []
    for person_id, given in evidence:
        if given.source is not None and given.source not in sources:
            sources[given.source] = get_or_create_source(session, given.source)
        if given.place and given.place not in places:
            places[given.place] = get_or_create_place(session, given.place)
        rows.append(
            Evidence(
                person_id=person_id,
                kind=given.kind.value,
                occurred_on=given.on.earliest,
                occurred_precision=given.on.precision.value,
                source=sources[given.source] if given.source else None,
                report_id=given.report_id,
                reliability=given.reliability.value,
                place=places[given.place] if given.place else None,
                note=given.note,
                supersedes_id=given.supersedes_id,
                recorded_by=actor.name,
            )
        )
    session.add_all(rows)
    session.flush()
    for row, (person_id, given) in zip(rows, evidence, strict=True):
        history.record(
            session,
            person_id=person_id,
            change=history.evidence_added(row),
            actor=actor,
            reason=given.note,
        )
    refresh_statuses(session, [persons[i] for i in ids], as_of=date.today())
    return rows


def _check_against_person(session: Session, person: Person, evidence: EvidenceIn) -> None:
    side = Side(person.side)
    if evidence.kind not in kinds_for(side):
        who = (
            Message("an own person") if side is Side.OWN else Message("a prisoner held by our side")
        )
        raise InvalidInput(
            "kind",
            "%(value)s is not evidence about %(who)s",
            value=repr(evidence.kind.value),
            who=who,
        )
    birth = person.birth
    if birth is not None and evidence.on.certainly_before(birth):
        raise InvalidInput(
            "on", "%(on)s is before the person's birth (%(birth)s)", on=evidence.on, birth=birth
        )
    if evidence.supersedes_id is not None:
        target = session.get(Evidence, evidence.supersedes_id)
        if target is None or target.person_id != person.id:
            raise InvalidInput(
                "supersedes_id",
                "evidence %(supersedes_id)s is not evidence about person %(id)s",
                supersedes_id=evidence.supersedes_id,
                id=person.id,
            )
    if evidence.report_id is not None and session.get(Report, evidence.report_id) is None:
        raise InvalidInput(
            "report_id", "there is no report %(report_id)s", report_id=evidence.report_id
        )


def evidence_of(session: Session, person_id: int) -> list[Evidence]:
    query = (
        select(Evidence)
        .where(Evidence.person_id == person_id)
        .order_by(Evidence.occurred_on, Evidence.id)
    )
    return list(session.scalars(query))


def as_fact(row: Evidence) -> Fact:
    return Fact(
        id=row.id,
        kind=EvidenceKind(row.kind),
        on=row.on,
        supersedes=row.supersedes_id,
        reliability=Reliability(row.reliability),
        place=row.place.name if row.place else None,
        source=row.source.name if row.source else None,
    )


def person_status(
    session: Session, person: Person, *, as_of: date, incommunicado_days: int = 90
) -> StatusResult:
    facts = [as_fact(row) for row in evidence_of(session, person.id)]
    return derive_status(
        facts, side=Side(person.side), as_of=as_of, incommunicado_days=incommunicado_days
    )


def refresh_status(
    session: Session, person: Person, *, as_of: date, incommunicado_days: int = 90
) -> StatusResult:
    """Store the derived status beside the person, without bumping the edit version."""
    result = person_status(session, person, as_of=as_of, incommunicado_days=incommunicado_days)
    since = result.since.earliest if result.since else None
    session.execute(
        update(Person)
        .where(Person.id == person.id)
        .values(status=result.status.value, status_since=since)
        .execution_options(synchronize_session=False)
    )
    set_committed_value(person, "status", result.status.value)
    set_committed_value(person, "status_since", since)
    return result


def refresh_statuses(
    session: Session, persons: Sequence[Person], *, as_of: date, incommunicado_days: int = 90
) -> None:
    """`refresh_status` for many persons: their evidence read in one query a few thousand."""
    facts: dict[int, list[Fact]] = defaultdict(list)
    ids = [person.id for person in persons]
    for start in range(0, len(ids), _CHUNK):
        rows = session.scalars(
            select(Evidence)
            .where(Evidence.person_id.in_(ids[start : start + _CHUNK]))
            .options(selectinload(Evidence.place), selectinload(Evidence.source))
            .order_by(Evidence.person_id, Evidence.occurred_on, Evidence.id)
        )
        for row in rows:
            facts[row.person_id].append(as_fact(row))
    changes = []
    for person in persons:
        result = derive_status(
            facts[person.id], side=Side(person.side), as_of=as_of,
            incommunicado_days=incommunicado_days,
        )  # fmt: skip
        since = result.since.earliest if result.since else None
        changes.append({"pid": person.id, "status": result.status.value, "since": since})
        set_committed_value(person, "status", result.status.value)
        set_committed_value(person, "status_since", since)
    if changes:
        table = Person.__table__
        assert isinstance(table, Table)
        session.execute(
            update(table)
            .where(table.c.id == bindparam("pid"))
            .values(status=bindparam("status"), status_since=bindparam("since")),
            changes,
        )


def record_report_evidence(session: Session, *, actor: Actor, report: Report) -> bool:
    """Record the evidence a linked report carries (an imported list's kind, date and place).

    Used when a list's reports are linked automatically and when a reviewer links one that was
    sent to review. False when the report carries none or is not linked. The evidence comes
    with the link, so it needs what linking needs (intake or review), not the evidence
    permission.
    """
    require_linking(actor)
    spec = report.payload.get("evidence")
    if not spec or report.person_id is None:
        return False
    evidence = EvidenceIn(
        kind=spec["kind"],
        on=spec["on"],
        reliability=spec["reliability"],
        place=spec.get("place"),
        source=SourceIn(kind=report.source.kind, name=report.source.name),
        report_id=report.id,
    )
    try:
        _add_evidence(session, actor=actor, person_id=report.person_id, evidence=evidence)
    except InvalidInput as error:
        where = Message("%(file)s, row %(row)s", file=report.origin_file, row=report.origin_row)
        raise InvalidInput(
            error.field, "%(where)s: %(problem)s", where=where, problem=error.as_message()
        ) from None
    return True
