"""Reading prisoners for the clocks: every prisoner's evidence and the bureau's records in a
few queries (one a table), whoever recorded him — the custody form, an import, or a person
added by hand with a `captured` evidence. Then the pure rules (`clocks.duties`) run on each."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor
from homeward.access.roles import Permission
from homeward.custody import clocks
from homeward.custody import models as m
from homeward.dates import PartialDate
from homeward.registry.models import Evidence, Person, Place
from homeward.registry.status.rules import Fact
from homeward.registry.vocab import EvidenceKind, Side

_KINDS = {kind.value: kind for kind in EvidenceKind}


@dataclass(frozen=True)
class ClockRow:
    """A duty with what a list shows beside it: the prisoner's name and where he is."""

    duty: clocks.Duty
    name: str
    camp: str | None

    def to_json(self) -> dict[str, Any]:
        duty = self.duty
        return {
            "person_id": duty.person_id,
            "obligation": duty.obligation.value,
            "article": duty.article,
            "rule": duty.rule,
            "due": duty.due.isoformat(),
            "done": duty.done.isoformat() if duty.done else None,
            "late": duty.late,
            "state": duty.state,
            "because": str(duty.because),
            "serial_number": duty.serial_number,
            "name": self.name,
            "camp": self.camp,
            "note": duty.note,
        }


def _by_person(session: Session, query: Any) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    # Core, not the ORM: these are plain rows, and a register's worth of them
    for row in session.connection().execute(query).all():
        grouped[row[0]].append(row)
    return grouped


def _restricted(query: Any, column: Any, person_ids: Iterable[int] | None) -> Any:
    return query if person_ids is None else query.where(column.in_(list(person_ids)))


def read_facts(session: Session, person_ids: Iterable[int] | None = None) -> dict[int, list[Fact]]:
    """Every adversary person's evidence as the rules see it (merged records left out)."""
    query = (
        select(
            Evidence.person_id,
            Evidence.id,
            Evidence.kind,
            Evidence.occurred_on,
            Evidence.occurred_precision,
            Evidence.supersedes_id,
            Place.name,
        )
        .join(Person, Person.id == Evidence.person_id)
        .outerjoin(Place, Place.id == Evidence.place_id)
        .where(Person.side == Side.ADVERSARY.value, Person.merged_into_id.is_(None))
    )
    facts: dict[int, list[Fact]] = defaultdict(list)
    ids = None if person_ids is None else list(person_ids)
    rows = session.connection().execute(_restricted(query, Evidence.person_id, ids)).all()
    for person_id, eid, kind, day, precision, supersedes, place in rows:
        on = PartialDate.from_stored(day, precision)
        assert on is not None
        facts[person_id].append(Fact(eid, _KINDS[kind], on, supersedes, place=place))
    return facts


def read_prisoners(
    session: Session, person_ids: Iterable[int] | None = None
) -> list[clocks.Prisoner]:
    """Every prisoner we hold or held: persons of the adversary's side with a capture."""
    ids = None if person_ids is None else list(person_ids)
    facts = read_facts(session, ids)
    held = [pid for pid, found in facts.items() if any(f.kind in clocks.CAPTURES for f in found)]
    records = _records(session, ids)
    return [
        clocks.Prisoner(
            person_id=pid,
            facts=tuple(facts[pid]),
            internments=tuple(
                clocks.Internment(r[1], r[2], r[3]) for r in records["internments"].get(pid, ())
            ),
            cards=tuple(r[1] for r in records["cards"].get(pid, ())),
            notified={r[1]: r[2] for r in records["notified"].get(pid, ())},
            letters=tuple(clocks.Letter(r[1], r[2]) for r in records["letters"].get(pid, ())),
            inspections=tuple(
                clocks.Inspection(r[1], r[2]) for r in records["inspections"].get(pid, ())
            ),
            health_reports=tuple(r[1] for r in records["reports"].get(pid, ())),
            death_notices=tuple(
                clocks.DeathNotice(r[1], r[2] is None or r[3])
                for r in records["deaths"].get(pid, ())
            ),
            enquiries=tuple(r[1] for r in records["enquiries"].get(pid, ())),
            effects=tuple(clocks.Effect(r[1], r[2]) for r in records["effects"].get(pid, ())),
        )
        for pid in sorted(held)
    ]


def _records(session: Session, ids: list[int] | None) -> dict[str, dict[int, list[Any]]]:
    queries: dict[str, tuple[Any, Any]] = {
        "internments": (
            select(
                m.Internment.person_id,
                m.Internment.serial_number,
                m.Internment.capture_evidence_id,
                m.Internment.opened_on,
            ),
            m.Internment.person_id,
        ),
        "cards": (select(m.CaptureCard.person_id, m.CaptureCard.sent_on), m.CaptureCard.person_id),
        "notified": (
            select(
                m.NotifiedEvent.person_id, m.NotifiedEvent.evidence_id, m.NotificationBatch.sent_on
            ).join(m.NotificationBatch),
            m.NotifiedEvent.person_id,
        ),
        # the clock reads only the latest letter or card and the notes on silence after it:
        # the latest of each kind, not every letter of every month
        "letters": (
            select(
                m.Correspondence.person_id,
                func.max(m.Correspondence.on),
                m.Correspondence.kind,
            ).group_by(m.Correspondence.person_id, m.Correspondence.kind),
            m.Correspondence.person_id,
        ),
        "inspections": (
            select(
                m.MedicalInspection.person_id,
                m.MedicalInspection.on,
                m.MedicalInspection.seriously_ill,
            ),
            m.MedicalInspection.person_id,
        ),
        "reports": (
            select(m.HealthReport.person_id, m.HealthReport.sent_on),
            m.HealthReport.person_id,
        ),
        "deaths": (
            select(
                m.DeathNotice.person_id,
                m.DeathNotice.sent_on,
                m.DeathNotice.cause,
                m.DeathNotice.caused_by_another,
            ),
            m.DeathNotice.person_id,
        ),
        "enquiries": (select(m.Enquiry.person_id, m.Enquiry.opened_on), m.Enquiry.person_id),
        "effects": (
            select(m.Effect.person_id, m.Effect.taken_on, m.Effect.disposed_on),
            m.Effect.person_id,
        ),
    }
    return {
        name: _by_person(session, _restricted(query, column, ids))
        for name, (query, column) in queries.items()
    }


def clock_rows(
    session: Session,
    *,
    actor: Actor,
    as_of: date,
    late_only: bool = False,
    person_ids: Iterable[int] | None = None,
    deadlines: clocks.Deadlines | None = None,
) -> list[ClockRow]:
    """One row per prisoner and obligation (`clocks.one_per_obligation`), with his name and
    where he is held."""
    actor.require(Permission.CUSTODY)
    prisoners = read_prisoners(session, person_ids)
    names = _names(session, [p.person_id for p in prisoners])
    rows: list[ClockRow] = []
    for one in prisoners:
        periods = clocks.periods_of(one.facts)
        camp = clocks.whereabouts(one.facts, on=as_of, periods=periods)
        found = clocks.duties(one, as_of=as_of, deadlines=deadlines, history=False, periods=periods)
        for duty in clocks.one_per_obligation(found):
            if late_only and not duty.late:
                continue
            rows.append(ClockRow(duty, names.get(one.person_id, ""), camp))
    return rows


def _names(session: Session, person_ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for start in range(0, len(person_ids), 5000):
        chunk = person_ids[start : start + 5000]
        query = select(Person.id, Person.surname, Person.given_name, Person.patronymic)
        for pid, *parts in session.execute(query.where(Person.id.in_(chunk))):
            found[pid] = " ".join(p for p in parts if p)
    return found


def lost_after_return(session: Session) -> int:
    """Prisoners repatriated who were later reported dead or captured again: after repatriation
    the register keeps listening, and each such report is evidence on the same person."""
    lost = 0
    for facts in read_facts(session).values():
        periods = clocks.periods_of(facts)
        for index, period in enumerate(periods):
            end = period.end
            if end is None or end.kind is not EvidenceKind.REPATRIATED:
                continue
            later = periods[index + 1 :]
            died = any(
                f.kind in (EvidenceKind.DIED, EvidenceKind.REMAINS_IDENTIFIED)
                and end.on.certainly_before(f.on)
                for f in facts
            )
            if later or died:
                lost += 1
                break
    return lost


def bureau_figures(session: Session, *, as_of: date) -> dict[str, Any]:
    """Prisoners held now, every prisoner by his status, and those lost after their return."""
    from homeward.registry.status.rules import derive_status

    by_status: dict[str, int] = defaultdict(int)
    held_now = 0
    for facts in read_facts(session).values():
        periods = clocks.periods_of(facts)
        if not periods:
            continue
        status = derive_status(facts, side=Side.ADVERSARY, as_of=as_of).status.value
        by_status[status] += 1
        held_now += periods[-1].in_custody(as_of)
    return {
        "held_now": held_now,
        "by_status": dict(sorted(by_status.items())),
        "lost_after_return": lost_after_return(session),
    }
