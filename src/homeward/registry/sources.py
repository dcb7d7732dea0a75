"""Sources, places, reports and contacts: the records around a person."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor
from homeward.access.roles import Permission, allows
from homeward.db import created_or_found, utcnow
from homeward.errors import Conflict, InvalidInput, NotFound
from homeward.names import clean_name
from homeward.registry import history
from homeward.registry.models import Contact, Person, Place, PlaceAlias, Report, Source
from homeward.registry.schemas import ContactIn, ReportIn, SourceIn
from homeward.registry.vocab import PlaceKind


def get_or_create_source(session: Session, source: SourceIn) -> Source:
    def find() -> Source | None:
        return session.scalar(
            select(Source).where(Source.kind == source.kind.value, Source.name == source.name)
        )

    found = find()
    if found is not None:
        return found
    created = Source(kind=source.kind.value, name=source.name, description=source.description)
    return created_or_found(session, created, find)


def place_key(name: str) -> str:
    """What two spellings of one place name share: cleaned (look-alike letters, apostrophes,
    spaces) and case-folded, in any script."""
    return clean_name(name).casefold()[:200]


def find_place(session: Session, name: str) -> Place | None:
    """A place by its name or any alias, in any case and any script's look-alikes."""
    key = place_key(name)
    place = session.scalar(select(Place).where(Place.key == key))
    if place is not None:
        return place
    return session.scalar(select(Place).join(PlaceAlias).where(PlaceAlias.key == key).limit(1))


def get_or_create_place(
    session: Session,
    name: str,
    *,
    kind: PlaceKind = PlaceKind.OTHER,
    location: str | None = None,
    country: str | None = None,
    aliases: tuple[str, ...] = (),
) -> Place:
    place = find_place(session, name)
    if place is not None:
        return place
    key = place_key(name)
    place = Place(
        name=" ".join(name.split()), key=key, kind=kind.value, location=location, country=country
    )
    place.aliases = [
        PlaceAlias(alias=alias, key=place_key(alias))
        for alias in dict.fromkeys(aliases)
        if place_key(alias) != key
    ]
    return created_or_found(session, place, lambda: find_place(session, name))


def add_report(
    session: Session,
    *,
    actor: Actor,
    report: ReportIn,
    person_id: int | None = None,
    received_at: datetime | None = None,
) -> Report:
    """Keep a source's account exactly as received; optionally linked to a person at once."""
    actor.require(Permission.INTAKE)
    if person_id is not None:
        _existing_person(session, person_id)
    created = Report(
        person_id=person_id,
        source=get_or_create_source(session, report.source),
        received_at=received_at or utcnow(),
        entered_by=actor.name,
        channel=actor.channel.value,
        payload=dict(report.payload),
        origin_file=report.origin_file,
        origin_sha256=report.origin_sha256,
        origin_sheet=report.origin_sheet,
        origin_row=report.origin_row,
    )
    session.add(created)
    session.flush()
    if person_id is not None:
        history.record(
            session,
            person_id=person_id,
            change=history.report_linked(created.id, source=report.source.name),
            actor=actor,
        )
    return created


def link_report(
    session: Session, *, actor: Actor, report_id: int, person_id: int, reason: str | None = None
) -> Report:
    """Link an unlinked report to a person. A linked report moves only by a merge or unmerge.

    Intake links a report it takes in; a reviewer links one by accepting a proposal."""
    require_linking(actor)
    report = session.get(Report, report_id)
    if report is None:
        raise NotFound("there is no report %(report_id)s", report_id=report_id)
    _existing_person(session, person_id)
    if report.person_id == person_id:
        return report
    if report.person_id is not None:
        raise Conflict(
            "report %(report_id)s is already linked to person %(person_id)s",
            report_id=report_id,
            person_id=report.person_id,
        )
    report.person_id = person_id
    history.record(
        session,
        person_id=person_id,
        change=history.report_linked(report_id, source=report.source.name),
        actor=actor,
        reason=reason,
    )
    session.flush()
    return report


def require_linking(actor: Actor) -> None:
    """Linking a report to a person needs intake or review (`Forbidden` names intake)."""
    if not allows(actor.role, Permission.REVIEW):
        actor.require(Permission.INTAKE)


def reports_of(session: Session, person_id: int) -> list[Report]:
    query = select(Report).where(Report.person_id == person_id).order_by(Report.received_at)
    return list(session.scalars(query))


def add_contact(session: Session, *, actor: Actor, person_id: int, contact: ContactIn) -> Contact:
    actor.require(Permission.CONTACTS_WRITE)
    _existing_person(session, person_id)
    if not (contact.phone or contact.email or contact.address):
        raise InvalidInput("contact", "give a phone, an e-mail or an address")
    created = Contact(person_id=person_id, created_by=actor.name, **contact.model_dump())
    session.add(created)
    session.flush()
    history.record(
        session,
        person_id=person_id,
        change=history.contact_added(created.id, relation=contact.relation),
        actor=actor,
    )
    return created


def contacts_of(session: Session, person_id: int) -> list[Contact]:
    query = select(Contact).where(Contact.person_id == person_id).order_by(Contact.id)
    return list(session.scalars(query))


def _existing_person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("there is no person %(person_id)s", person_id=person_id)
    return person
