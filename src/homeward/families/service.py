"""The contacts workspace: a person's contacts, their consents, language and channel, and the
contact log. Services never commit; each change writes its history and audit entries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.db import utcnow
from homeward.errors import Conflict, NotFound
from homeward.families.models import ContactLogEntry
from homeward.families.schemas import ContactDetails, LogEntryIn
from homeward.registry import history
from homeward.registry.models import Contact, Person
from homeward.registry.schemas import ContactIn
from homeward.registry.service import get_person
from homeward.registry.sources import add_contact
from homeward.text import checked_reason

DETAILS = ("name", "relation", "phone", "email", "address", "language", "channel")
_LONGEST_CHAIN = 1000  # merges followed before a loop is assumed (corrupt data)


def surviving_person(session: Session, person_id: int) -> Person:
    """The person, or the person it was merged into (and so on): where its records now are."""
    person = get_person(session, person_id)
    for _ in range(_LONGEST_CHAIN):
        if person.merged_into_id is None:
            return person
        person = get_person(session, person.merged_into_id)
    raise Conflict("person %(person_id)s is merged in a loop", person_id=person_id)


def merged_into(session: Session, person_id: int) -> list[int]:
    """The person and every person merged into it, directly or through another."""
    found, frontier = [person_id], [person_id]
    while frontier and len(found) < _LONGEST_CHAIN:
        frontier = list(
            session.scalars(select(Person.id).where(Person.merged_into_id.in_(frontier)))
        )
        found.extend(frontier)
    return found


def get_contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFound("there is no contact %(contact_id)s", contact_id=contact_id)
    return contact


def contact_to_edit(session: Session, *, actor: Actor, contact_id: int) -> Contact:
    """A contact shown in its edit form (its name, address and phone): the read is audited,
    as every read of contact data is."""
    actor.require(Permission.CONTACTS_WRITE)
    contact = get_contact(session, contact_id)
    audit.log(
        session,
        actor,
        AuditAction.VIEW_CONTACTS,
        object_type="contact",
        object_id=contact.id,
        detail={"person_id": contact.person_id, "shown": "edit form"},
    )
    return contact


def contacts_of_person(session: Session, *, actor: Actor, person_id: int) -> list[Contact]:
    """A person's contacts (those of persons merged into it are theirs now); the read is
    audited."""
    actor.require(Permission.CONTACTS_READ)
    contacts = list(
        session.scalars(select(Contact).where(Contact.person_id == person_id).order_by(Contact.id))
    )
    audit.log(
        session,
        actor,
        AuditAction.VIEW_CONTACTS,
        object_type="person",
        object_id=person_id,
        detail={"contacts": [c.id for c in contacts]},
    )
    return contacts


def add_family_contact(
    session: Session, *, actor: Actor, person_id: int, details: ContactDetails, consent: bool
) -> Contact:
    """A new contact of a person, with the consents the family gave (`consent`: to be
    contacted and to share data, given together on the liaison's form)."""
    person = surviving_person(session, person_id)
    contact = add_contact(
        session,
        actor=actor,
        person_id=person.id,
        contact=ContactIn(
            **details.model_dump(exclude={"language", "channel"}),
            consent_contact=consent,
            consent_share=consent,
        ),
    )
    contact.language, contact.channel = details.language, details.channel.value
    session.flush()
    audit.log(
        session,
        actor,
        AuditAction.ADD_CONTACT,
        object_type="contact",
        object_id=contact.id,
        detail={"person_id": person.id, "relation": contact.relation, "consent": consent},
    )
    return contact


def edit_contact(
    session: Session,
    *,
    actor: Actor,
    contact_id: int,
    expected_version: int,
    details: ContactDetails,
) -> Contact:
    """Change a contact's details; the old values stay in the person's history. A stale
    version is a conflict, as for persons."""
    actor.require(Permission.CONTACTS_WRITE)
    contact = get_contact(session, contact_id)
    _current(contact, expected_version)
    diff: dict[str, dict[str, Any]] = {}
    for field in DETAILS:
        new = getattr(details, field)
        new = getattr(new, "value", new)
        if getattr(contact, field) != new:
            diff[field] = {"old": getattr(contact, field), "new": new}
            setattr(contact, field, new)
    if not diff:
        return contact
    _flush(session, contact_id)
    history.record(
        session,
        person_id=contact.person_id,
        change=history.contact_edited(contact.id, diff),
        actor=actor,
    )
    audit.log(
        session,
        actor,
        AuditAction.EDIT_CONTACT,
        object_type="contact",
        object_id=contact.id,
        detail={"fields": sorted(diff)},
    )
    return contact


def _current(contact: Contact, expected_version: int) -> None:
    if contact.version != expected_version:
        raise Conflict(
            "contact %(contact_id)s was changed by someone else (version %(version)s, you read "
            "version %(expected_version)s): read it again",
            contact_id=contact.id,
            version=contact.version,
            expected_version=expected_version,
        )


def _flush(session: Session, contact_id: int) -> None:
    try:
        session.flush()
    except StaleDataError:
        raise Conflict(
            "contact %(contact_id)s was changed by someone else meanwhile", contact_id=contact_id
        ) from None


def record_consent(
    session: Session,
    *,
    actor: Actor,
    contact_id: int,
    contact_consent: bool,
    share_consent: bool,
    reason: str | None = None,
    at: datetime | None = None,
) -> Contact:
    """The family's consents as they now stand. Both withdrawn is a withdrawal: dated, named,
    and the contact leaves the queue of families to inform; consent given again clears it."""
    actor.require(Permission.CONTACTS_WRITE)
    return set_consent(
        session,
        actor=actor,
        contact=get_contact(session, contact_id),
        contact_consent=contact_consent,
        share_consent=share_consent,
        reason=checked_reason(reason, required=False) or None,
        at=at,
    )


def set_consent(
    session: Session,
    *,
    actor: Actor,
    contact: Contact,
    contact_consent: bool,
    share_consent: bool,
    reason: str | None,
    at: datetime | None = None,
) -> Contact:
    """`record_consent` once the caller is known to be allowed (a liaison, or the family
    itself through its page, `access.withdraw_consent`)."""
    withdrawn = not contact_consent and not share_consent
    contact.consent_contact, contact.consent_share = contact_consent, share_consent
    if withdrawn:
        contact.consent_withdrawn_at = at or utcnow()
        contact.consent_withdrawn_by = actor.name
    else:
        contact.consent_withdrawn_at = contact.consent_withdrawn_by = None
    _flush(session, contact.id)
    history.record(
        session,
        person_id=contact.person_id,
        change=history.consent_changed(
            contact.id, contact=contact_consent, share=share_consent, withdrawn=withdrawn
        ),
        actor=actor,
        reason=reason,
    )
    audit.log(
        session,
        actor,
        AuditAction.CONSENT,
        object_type="contact",
        object_id=contact.id,
        detail={"contact": contact_consent, "share": share_consent, "withdrawn": withdrawn},
    )
    return contact


def log_contact(
    session: Session, *, actor: Actor, contact_id: int, entry: LogEntryIn
) -> ContactLogEntry:
    """A call, a letter, a meeting or a message with a family, as it happened."""
    actor.require(Permission.CONTACTS_WRITE)
    contact = get_contact(session, contact_id)
    row = ContactLogEntry(
        contact_id=contact.id,
        kind=entry.kind.value,
        occurred_at=entry.occurred_at or utcnow(),
        summary=entry.summary.strip(),
        recorded_by=actor.name,
        channel=actor.channel.value,
    )
    session.add(row)
    session.flush()
    audit.log(
        session,
        actor,
        AuditAction.CONTACT_LOG,
        object_type="contact",
        object_id=contact.id,
        detail={"entry": row.id, "kind": row.kind},
    )
    return row


def contact_logs(session: Session, contact_ids: Iterable[int]) -> dict[int, list[ContactLogEntry]]:
    """Each contact's log, newest first."""
    ids = list(contact_ids)
    logs: dict[int, list[ContactLogEntry]] = {contact_id: [] for contact_id in ids}
    if not ids:
        return logs
    query = (
        select(ContactLogEntry)
        .where(ContactLogEntry.contact_id.in_(ids))
        .order_by(ContactLogEntry.occurred_at.desc(), ContactLogEntry.id.desc())
    )
    for row in session.scalars(query):
        logs[row.contact_id].append(row)
    return logs


def contact_json(contact: Contact) -> dict[str, Any]:
    withdrawn = contact.consent_withdrawn_at
    return {
        "id": contact.id,
        "person_id": contact.person_id,
        "name": contact.name,
        "relation": contact.relation,
        "phone": contact.phone,
        "email": contact.email,
        "address": contact.address,
        "language": contact.language,
        "channel": contact.channel,
        "consent_contact": contact.consent_contact,
        "consent_share": contact.consent_share,
        "consent_withdrawn_at": withdrawn.isoformat() if withdrawn else None,
        "consent_withdrawn_by": contact.consent_withdrawn_by,
        "version": contact.version,
    }
