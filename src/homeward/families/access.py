"""Family access codes: issued by a liaison for one person and one contact, shown once, kept
only as a hash, revocable, expiring. What a code opens — the family page's sessions — is in
`sessions`."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Final

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor, Channel
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.db import utcnow
from homeward.errors import Conflict, HomewardError, InvalidInput, NotFound
from homeward.families.codes import ACCESS_GROUP, ACCESS_LENGTH, code_hash, grouped, new_code
from homeward.families.codes import normalised as normalised_code
from homeward.families.models import FamilyCode, FamilySession
from homeward.families.service import get_contact, merged_into, surviving_person
from homeward.registry.models import Contact, Person
from homeward.registry.vocab import Side
from homeward.text import checked_reason

KIND: Final = "family"
MAX_DAYS: Final = 3660


class FamilyRefused(HomewardError):
    """A code that opens nothing (mistyped, withdrawn, expired) or an attempt that must wait;
    the message says which, and nothing about anyone."""

    def __init__(self, message: str, /, *, status: int, **values: object) -> None:
        super().__init__(message, **values)
        self.status = status


def family_actor(code_id: int | None, client: str | None) -> Actor:
    """Who acts on the family page: the code, never a user (and no role: `Actor.require`
    refuses every permission to this channel)."""
    name = f"family-code-{code_id}" if code_id is not None else "(family, no code)"
    return Actor(name, Channel.FAMILY, None, client)


# --- issuing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedCode:
    row: FamilyCode
    code: str  # as printed: groups of four; shown once, never stored

    @property
    def bits(self) -> int:
        return ACCESS_LENGTH * 5


def issue_code(
    session: Session,
    *,
    actor: Actor,
    contact_id: int,
    valid_days: int = 365,
    person_id: int | None = None,
) -> IssuedCode:
    """A new code for the contact's person, after the liaison checked the relative's identity.
    `person_id`, when given, must be that person (or a person merged into it)."""
    actor.require(Permission.FAMILIES)
    if not 1 <= valid_days <= MAX_DAYS:
        raise InvalidInput("valid_days", "must be from 1 to %(most)s days", most=MAX_DAYS)
    contact = get_contact(session, contact_id)
    person = _person_of(session, contact, person_id)
    plain = new_code(ACCESS_LENGTH)
    now = utcnow()
    row = FamilyCode(
        code_hash=code_hash(KIND, plain),
        person_id=person.id,
        contact_id=contact.id,
        issued_at=now,
        issued_by=actor.name,
        expires_at=now + timedelta(days=valid_days),
    )
    session.add(row)
    session.flush()
    audit.log(
        session,
        actor,
        AuditAction.FAMILY_CODE_ISSUE,
        object_type="family_code",
        object_id=row.id,
        detail={"person_id": person.id, "contact_id": contact.id, "valid_days": valid_days},
    )
    return IssuedCode(row, grouped(plain, ACCESS_GROUP))


def _person_of(session: Session, contact: Contact, person_id: int | None) -> Person:
    """The person a code for this contact shows: one of our own, and `person_id` if given."""
    person = surviving_person(session, contact.person_id)
    if person_id is not None and surviving_person(session, person_id).id != person.id:
        raise InvalidInput(
            "contact",
            "contact %(contact_id)s is not a contact of person %(person_id)s",
            contact_id=contact.id,
            person_id=person_id,
        )
    if person.side != Side.OWN.value:
        raise Conflict(
            "person %(person_id)s is a prisoner held by our side: family access codes are for "
            "the families of our own people",
            person_id=person.id,
        )
    return person


def get_code(session: Session, code_id: int) -> FamilyCode:
    row = session.get(FamilyCode, code_id)
    if row is None:
        raise NotFound("there is no family access code %(code_id)s", code_id=code_id)
    return row


def revoke_code(session: Session, *, actor: Actor, code_id: int, reason: str) -> FamilyCode:
    """The code stops working at once: its sessions end with it."""
    actor.require(Permission.FAMILIES)
    reason = checked_reason(reason)
    row = get_code(session, code_id)
    if row.revoked_at is not None:
        return row
    row.revoked_at, row.revoked_by, row.revoke_reason = utcnow(), actor.name, reason
    session.execute(
        update(FamilySession)
        .where(FamilySession.code_id == row.id, FamilySession.ended_at.is_(None))
        .values(ended_at=row.revoked_at)
    )
    audit.log(
        session,
        actor,
        AuditAction.FAMILY_CODE_REVOKE,
        object_type="family_code",
        object_id=row.id,
        detail={"reason": reason},
    )
    return row


def letter_printed(session: Session, *, actor: Actor, row: FamilyCode) -> None:
    """The letter with the code was printed (from the page that showed the code)."""
    actor.require(Permission.FAMILIES)
    audit.log(
        session,
        actor,
        AuditAction.FAMILY_CODE_LETTER,
        object_type="family_code",
        object_id=row.id,
        detail={"person_id": row.person_id, "contact_id": row.contact_id},
    )


def matches(row: FamilyCode, typed: str) -> bool:
    """Whether `typed` is this row's code (for the letter printed right after issuing)."""
    plain = normalised_code(typed, length=ACCESS_LENGTH)
    return plain is not None and secrets.compare_digest(code_hash(KIND, plain), row.code_hash)


def codes_of(session: Session, person_id: int) -> list[FamilyCode]:
    """The codes issued for a person and for the persons merged into it, newest first."""
    query = (
        select(FamilyCode)
        .where(FamilyCode.person_id.in_(merged_into(session, person_id)))
        .order_by(FamilyCode.issued_at.desc(), FamilyCode.id.desc())
    )
    return list(session.scalars(query))
