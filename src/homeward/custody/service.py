"""The bureau's services: registration, movements, internments and places. Services never
commit; each change writes its history or audit entry in the caller's transaction.

Movements are evidence on the person (`registry.evidence.record_evidence`), so the status rules
keep deciding his status; this module checks what the bureau knows before it records one (the
order of events, the place of internment) and opens the internment with its serial number.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.custody.clocks import Period, periods_of
from homeward.custody.models import IdentityAnswer, Internment
from homeward.custody.schemas import (
    TO_A_PLACE_OF_INTERNMENT,
    CustodyEvent,
    EventIn,
    RegistrationIn,
)
from homeward.errors import InvalidInput
from homeward.registry.evidence import as_fact, evidence_of, record_evidence
from homeward.registry.models import Evidence, Person, Place
from homeward.registry.schemas import EvidenceIn, PersonIn, SourceIn
from homeward.registry.service import get_person, insert_person
from homeward.registry.sources import find_place, get_or_create_place
from homeward.registry.status.rules import Fact
from homeward.registry.vocab import EvidenceKind, PlaceKind, Reliability, Side, SourceKind

BUREAU = SourceIn(kind=SourceKind.OFFICIAL, name="National Information Bureau")
SERIAL_PREFIX = "POW"
PLACES_OF_INTERNMENT = (PlaceKind.CAMP, PlaceKind.TRANSIT_CAMP, PlaceKind.HOSPITAL)
_PERSON_FIELDS = set(PersonIn.model_fields)


def serial_number(internment_id: int) -> str:
    """The serial number the bureau issues: from the internment's id, which the database
    never issues twice (AUTOINCREMENT on SQLite, a sequence on PostgreSQL)."""
    return f"{SERIAL_PREFIX}-{internment_id:06d}"


def audited(
    session: Session, actor: Actor, action: AuditAction, person_id: int | None, **detail: Any
) -> None:
    """The audit entry of a change, in the change's transaction."""
    audit.log(
        session,
        actor,
        action,
        object_type="person" if person_id is not None else None,
        object_id=person_id,
        detail=detail,
    )


def facts_of(session: Session, person_id: int) -> list[Fact]:
    return [as_fact(row) for row in evidence_of(session, person_id)]


def prisoner(session: Session, person_id: int) -> Person:
    """The person, who must be of the adversary's side and not merged into another record."""
    person = get_person(session, person_id)
    if person.side != Side.ADVERSARY.value:
        raise InvalidInput("person", "person %(id)s is not a prisoner we hold", id=person_id)
    if person.merged_into_id is not None:
        raise InvalidInput(
            "person",
            "person %(id)s was merged into person %(into)s: record it there",
            id=person_id,
            into=person.merged_into_id,
        )
    return person


def held_period(session: Session, person_id: int) -> Period:
    """His current internment, which must not have ended."""
    prisoner(session, person_id)
    periods = periods_of(facts_of(session, person_id))
    if not periods or periods[-1].end is not None:
        raise InvalidInput("person", "person %(id)s is not a prisoner we hold", id=person_id)
    return periods[-1]


def internment_for(session: Session, period: Period) -> Internment | None:
    ids = [period.capture.id]
    ids += [f.supersedes for f in (period.capture,) if f.supersedes is not None]
    return session.scalar(select(Internment).where(Internment.capture_evidence_id.in_(ids)))


def current_internment(session: Session, person_id: int) -> Internment | None:
    periods = periods_of(facts_of(session, person_id))
    return internment_for(session, periods[-1]) if periods else None


# --- registration --------------------------------------------------------------------------


def register_prisoner(
    session: Session, *, actor: Actor, registration: RegistrationIn
) -> Internment:
    """Register a prisoner at capture (Art. 17, 122 §4): his identity set, the capture as
    evidence, and his internment with a new serial number. With `person_id`, a man already in
    the register (captured a second time) keeps his person and opens a second internment."""
    actor.require(Permission.CUSTODY)
    if registration.person_id is not None:
        person = prisoner(session, registration.person_id)
        periods = periods_of(facts_of(session, person.id))
        if periods and periods[-1].end is None:
            serial = internment_for(session, periods[-1])
            raise InvalidInput(
                "person_id",
                "person %(id)s is held already (internment %(serial)s): a second internment "
                "opens only after the first has ended",
                id=person.id,
                serial=serial.serial_number if serial else "not yet registered",
            )
    else:
        fields = {name: getattr(registration, name) for name in _PERSON_FIELDS}
        fields["missing_date"] = registration.captured_on
        fields["missing_place"] = registration.captured_at
        person = insert_person(
            session, actor=actor, person=PersonIn.model_validate(fields), source=BUREAU
        )
    capture = record_evidence(
        session,
        actor=actor,
        person_id=person.id,
        evidence=EvidenceIn(
            kind=EvidenceKind.CAPTURED,
            on=registration.captured_on,
            reliability=Reliability.HIGH,
            place=registration.captured_at,
            source=BUREAU,
            note=registration.sector,
        ),
    )
    internment = _open(session, actor=actor, person_id=person.id, capture=capture)
    internment.power = registration.power
    internment.sector = registration.sector
    internment.capturing_unit = registration.capturing_unit
    internment.identified_by = registration.identified_by
    internment.language = registration.language
    for field, answer in registration.answers.items():
        session.add(IdentityAnswer(internment_id=internment.id, field=field, answer=answer.value))
    session.flush()
    audited(
        session,
        actor,
        AuditAction.REGISTER_PRISONER,
        person.id,
        serial_number=internment.serial_number,
        second=registration.person_id is not None,
    )
    return internment


def open_internment(
    session: Session, *, actor: Actor, person_id: int, language: str = "ru"
) -> Internment:
    """Open the internment of a prisoner recorded by an import or as evidence (his capture is
    in the register, his serial number not yet issued)."""
    actor.require(Permission.CUSTODY)
    period = held_period(session, person_id)
    existing = internment_for(session, period)
    if existing is not None:
        raise InvalidInput(
            "person",
            "person %(id)s already has the serial number %(serial)s for this internment",
            id=person_id,
            serial=existing.serial_number,
        )
    capture = session.get(Evidence, period.capture.id)
    assert capture is not None
    internment = _open(session, actor=actor, person_id=person_id, capture=capture)
    internment.language = language
    audited(
        session,
        actor,
        AuditAction.REGISTER_PRISONER,
        person_id,
        serial_number=internment.serial_number,
        opened_for="a capture already recorded",
    )
    return internment


def _open(session: Session, *, actor: Actor, person_id: int, capture: Evidence) -> Internment:
    internment = Internment(
        serial_number=uuid.uuid4().hex[:20],  # replaced by the real one once the id is known
        person_id=person_id,
        capture_evidence_id=capture.id,
        opened_on=date.today(),
        created_by=actor.name,
    )
    session.add(internment)
    session.flush()
    internment.serial_number = serial_number(internment.id)
    session.flush()
    return internment


def set_correspondence_limits(
    session: Session, *, actor: Actor, person_id: int, letters: int | None, cards: int | None
) -> Internment:
    """A limit on his correspondence: never below two letters and four cards a month (Art. 71)."""
    actor.require(Permission.CUSTODY)
    if letters is not None and letters < 2:
        raise InvalidInput("letters", "any limit must allow at least two letters a month (Art. 71)")
    if cards is not None and cards < 4:
        raise InvalidInput("cards", "any limit must allow at least four cards a month (Art. 71)")
    internment = require_internment(session, person_id)
    internment.letters_per_month, internment.cards_per_month = letters, cards
    session.flush()
    audited(session, actor, AuditAction.CUSTODY_RECORD, person_id, limits=[letters, cards])
    return internment


def require_internment(session: Session, person_id: int) -> Internment:
    period = held_period(session, person_id)
    internment = internment_for(session, period)
    if internment is None:
        raise InvalidInput(
            "person",
            "person %(id)s has no serial number yet: register his internment first",
            id=person_id,
        )
    return internment


# --- movements -----------------------------------------------------------------------------


def record_event(session: Session, *, actor: Actor, person_id: int, event: EventIn) -> Evidence:
    """Record a movement as evidence on the prisoner, after checking it against what the
    bureau knows: not before his capture, not after his death, to a known place of internment."""
    actor.require(Permission.CUSTODY)
    prisoner(session, person_id)
    facts = facts_of(session, person_id)
    _check_order(facts, event)
    place = _place_for(session, event)
    row = record_evidence(
        session,
        actor=actor,
        person_id=person_id,
        evidence=EvidenceIn(
            kind=event.kind.evidence_kind,
            on=event.on,
            reliability=Reliability.HIGH,
            place=place,
            source=BUREAU,
            note=event.note,
        ),
    )
    audited(
        session,
        actor,
        AuditAction.CUSTODY_EVENT,
        person_id,
        evidence_id=row.id,
        kind=row.kind,
        on=row.on.iso(),
    )
    return row


def _check_order(facts: list[Fact], event: EventIn) -> None:
    periods = periods_of(facts)
    if event.kind is not CustodyEvent.CAPTURED:
        if not periods:
            raise InvalidInput("kind", "there is no capture to follow: record the capture first")
        first = periods[0].capture.on
        if event.on.certainly_before(first):
            raise InvalidInput(
                "on",
                "%(on)s is before his capture on %(captured)s",
                on=event.on.iso(),
                captured=first.iso(),
            )
    deaths = [f for f in facts if f.kind in (EvidenceKind.DIED, EvidenceKind.REMAINS_IDENTIFIED)]
    if deaths and deaths[0].on.certainly_before(event.on):
        raise InvalidInput(
            "on",
            "%(on)s is after his death on %(died)s",
            on=event.on.iso(),
            died=deaths[0].on.iso(),
        )


def _place_for(session: Session, event: EventIn) -> str | None:
    if event.place is None:
        if event.kind in TO_A_PLACE_OF_INTERNMENT:
            raise InvalidInput("place", "say to which place of internment")
        return None
    if event.kind in TO_A_PLACE_OF_INTERNMENT:
        place = find_place(session, event.place)
        if place is None or place.kind not in PLACES_OF_INTERNMENT:
            raise InvalidInput(
                "place",
                "no camp, transit camp or hospital is called %(name)s: add it first "
                "(homeward custody place add)",
                name=event.place,
            )
        return place.name
    return event.place


# --- places of internment ------------------------------------------------------------------


def add_place(
    session: Session,
    *,
    actor: Actor,
    name: str,
    kind: PlaceKind,
    location: str | None = None,
    aliases: tuple[str, ...] = (),
) -> Place:
    """A camp, a transit camp or a hospital where we hold prisoners, with its other names."""
    actor.require(Permission.CUSTODY)
    if kind not in PLACES_OF_INTERNMENT:
        raise InvalidInput("kind", "a place of internment is a camp, a transit camp or a hospital")
    if not name.strip():
        raise InvalidInput("name", "give the place's name")
    existing = find_place(session, name)
    if existing is not None:
        raise InvalidInput("name", "%(name)s is known already", name=existing.name)
    place = get_or_create_place(
        session, name, kind=kind, location=location, country="UKR", aliases=aliases
    )
    audited(session, actor, AuditAction.CUSTODY_RECORD, None, place=place.name, kind=kind.value)
    return place


def places_of_internment(session: Session) -> list[Place]:
    query = select(Place).where(Place.kind.in_([k.value for k in PLACES_OF_INTERNMENT]))
    return list(session.scalars(query.order_by(Place.name)))
