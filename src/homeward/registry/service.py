"""Persons: create, read, edit, add name variants and identifiers. Services never commit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from homeward.access.actor import Actor
from homeward.access.roles import Permission
from homeward.dates import PartialDate
from homeward.db import utcnow
from homeward.errors import Conflict, InvalidInput, NotFound
from homeward.registry import history
from homeward.registry.models import Identifier, Person, PersonName
from homeward.registry.rekey import name_keys
from homeward.registry.schemas import (
    EDITABLE_FIELDS,
    IdentifierIn,
    NameIn,
    PersonIn,
    SourceIn,
    validated,
)
from homeward.registry.sources import get_or_create_source
from homeward.registry.vocab import Side, Status
from homeward.text import checked_reason

_DATE_FIELDS = ("birth_date", "missing_date")


def name_row(name: NameIn, *, actor: Actor, source_id: int | None = None) -> PersonName:
    """A name variant with the match keys that search and linkage use."""
    return PersonName(
        surname=name.surname,
        given_name=name.given_name,
        patronymic=name.patronymic,
        **name_keys(name.surname, name.given_name, name.patronymic),
        source_id=source_id,
        created_by=actor.name,
    )


def _scalar_fields(person_in: PersonIn) -> dict[str, Any]:
    values = person_in.model_dump(exclude={"identifiers", "birth_date", "missing_date"})
    for field in _DATE_FIELDS:
        partial: PartialDate | None = getattr(person_in, field)
        day, precision = partial.to_stored() if partial else (None, None)
        values[field], values[f"{field}_precision"] = day, precision
    return values


def create_person(
    session: Session,
    *,
    actor: Actor,
    person: PersonIn,
    source: SourceIn | None = None,
    reason: str | None = None,
) -> Person:
    actor.require(Permission.INTAKE)
    return insert_person(session, actor=actor, person=person, source=source, reason=reason)


def insert_person(
    session: Session,
    *,
    actor: Actor,
    person: PersonIn,
    source: SourceIn | None = None,
    reason: str | None = None,
) -> Person:
    """`create_person` for a service that has checked the permission its own work needs (the
    custody bureau registering a prisoner)."""
    reason = checked_reason(reason, required=False) or None
    source_row = get_or_create_source(session, source) if source else None
    source_id = source_row.id if source_row else None
    created = Person(**_scalar_fields(person), status=Status.NO_INFORMATION.value)
    created.names = [name_row(person, actor=actor, source_id=source_id)]
    created.identifiers = [
        Identifier(kind=i.kind.value, value=i.value, source_id=source_id)
        for i in person.identifiers
    ]
    session.add(created)
    session.flush()
    history.record(
        session,
        person_id=created.id,
        change=history.created(person, source=source.name if source else None),
        actor=actor,
        reason=reason,
    )
    return created


def get_person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("there is no person %(person_id)s", person_id=person_id)
    return person


def _current_input(person: Person) -> dict[str, Any]:
    values: dict[str, Any] = {
        field: getattr(person, field)
        for field in PersonIn.model_fields
        if field not in ("identifiers", *_DATE_FIELDS)
    }
    values["birth_date"], values["missing_date"] = person.birth, person.missing
    return values


def edit_person(
    session: Session,
    *,
    actor: Actor,
    person_id: int,
    expected_version: int,
    changes: dict[str, Any],
    reason: str,
) -> Person:
    """Change some fields; the prior values stay in history. A stale version is a conflict."""
    actor.require(Permission.INTAKE)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        field = sorted(unknown)[0]
        raise InvalidInput(field, "cannot be edited (names are added as variants)")
    if not (reason or "").strip():
        raise InvalidInput("reason", "say why the record is changed")
    reason = checked_reason(reason)
    person = get_person(session, person_id)
    if person.version != expected_version:
        raise Conflict(
            "person %(person_id)s was changed by someone else (version %(version)s, you read "
            "version %(expected_version)s): read it again before editing",
            person_id=person_id,
            version=person.version,
            expected_version=expected_version,
        )
    before = _current_input(person)
    after = validated(PersonIn, {**before, **changes})
    new_values = _scalar_fields(after)
    diff: dict[str, Any] = {}
    for field in changes:
        old, new = before[field], getattr(after, field)
        if old != new:
            diff[field] = {"old": old, "new": new}
            setattr(person, field, new_values[field])
            if field in _DATE_FIELDS:
                setattr(person, f"{field}_precision", new_values[f"{field}_precision"])
    if not diff:
        return person
    person.updated_at = utcnow()
    try:
        session.flush()
    except StaleDataError:
        raise Conflict(
            "person %(person_id)s was changed by someone else meanwhile", person_id=person_id
        ) from None
    history.record(
        session,
        person_id=person.id,
        change=history.edited(diff),
        actor=actor,
        reason=reason,
    )
    return person


def add_name(
    session: Session,
    *,
    actor: Actor,
    person_id: int,
    name: NameIn,
    source: SourceIn | None = None,
) -> PersonName:
    """Record another spelling of a person's name, as a source wrote it."""
    actor.require(Permission.INTAKE)
    person = get_person(session, person_id)
    source_row = get_or_create_source(session, source) if source else None
    row = name_row(name, actor=actor, source_id=source_row.id if source_row else None)
    person.names.append(row)
    session.flush()
    history.record(
        session,
        person_id=person_id,
        change=history.name_added(name, source=source.name if source else None),
        actor=actor,
    )
    return row


def add_identifier(
    session: Session, *, actor: Actor, person_id: int, identifier: IdentifierIn
) -> Identifier:
    actor.require(Permission.INTAKE)
    person = get_person(session, person_id)
    row = Identifier(kind=identifier.kind.value, value=identifier.value)
    person.identifiers.append(row)
    session.flush()
    history.record(
        session,
        person_id=person_id,
        change=history.identifier_added(identifier),
        actor=actor,
    )
    return row


def list_persons(
    session: Session,
    *,
    side: Side | None = None,
    status: Status | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Person], int]:
    """One page of persons (merged ones left out) and how many match in all."""
    query = select(Person).where(Person.merged_into_id.is_(None))
    if side is not None:
        query = query.where(Person.side == side.value)
    if status is not None:
        query = query.where(Person.status == status.value)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = session.scalars(query.order_by(Person.id).limit(limit).offset(offset))
    return list(page), total
