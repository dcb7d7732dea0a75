"""The family page's sessions: a relative enters a code and gets a session tied to that code,
and so to one person and one contact.

Entering a code is throttled like signing in (`access.throttle`, counted atomically before the
code is checked): per address, failures only (a right code gives its attempt back), growing to
an hour's wait; and per code and day, every opening, so that a code that leaked cannot be
used without end. Every request of a family session checks its code again: a revoked or
expired code ends the session at once.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

from homeward.access import audit, throttle
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.models import User
from homeward.access.throttle import Allowance
from homeward.db import SIDE_WRITES, reading, side_write, utcnow
from homeward.errors import Message
from homeward.families.access import KIND, FamilyRefused, family_actor
from homeward.families.codes import ACCESS_LENGTH, code_hash
from homeward.families.codes import normalised as normalised_code
from homeward.families.models import FamilyCode, FamilySession
from homeward.families.service import surviving_person
from homeward.registry.models import Contact, Person

SESSION_IDLE: Final = timedelta(minutes=30)
SESSION_MAX: Final = timedelta(hours=4)
_TOUCH_EVERY: Final = timedelta(minutes=1)
ADDRESS: Final = Allowance("fam_addr", free=10, most=timedelta(hours=1))
CODE_A_DAY: Final = Allowance("fam_code", free=10, most=timedelta(hours=1))


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


WRONG: Final = _("This code is not right. Check it against your letter and type it again.")
REVOKED: Final = _("This code was withdrawn. Ask your liaison for a new one.")
EXPIRED: Final = _("This code expired on %(day)s. Ask your liaison for a new one.")
TOO_MANY: Final = _("Too many attempts. Wait %(minutes)s min and try again.")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _wait(wait: timedelta) -> FamilyRefused:
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    return FamilyRefused(TOO_MANY, status=429, minutes=minutes)


def enter_code(session: Session, *, typed: str, client: str | None) -> tuple[str, FamilyCode]:
    """Open a family session with a code; returns the cookie's token and the code. Refused
    (`FamilyRefused`, audited) when the code is wrong, withdrawn or expired, or when this
    address or this code must wait.

    The counters are claimed, and the code looked up, before this session's transaction
    begins: on SQLite a writing request holds the write lock from its first statement, and
    the counters are written in transactions of their own."""
    now = utcnow()
    by_address = [(ADDRESS, client or "unknown")]
    wait = throttle.claim_counters(session, by_address, now=now)
    if wait > timedelta(0):
        _audit_refusal(session, None, client, AuditAction.FAMILY_THROTTLED, "address")
        raise _wait(wait)
    plain = normalised_code(typed, length=ACCESS_LENGTH)
    row = None if plain is None else _by_hash(session, code_hash(KIND, plain))
    if row is None:
        _audit_refusal(session, None, client, AuditAction.FAMILY_SIGN_IN_FAILED, "wrong")
        raise FamilyRefused(WRONG, status=422)
    if row.revoked_at is not None or row.expires_at <= now:
        why = "revoked" if row.revoked_at is not None else "expired"
        _audit_refusal(session, row.id, client, AuditAction.FAMILY_SIGN_IN_FAILED, why)
        if row.revoked_at is not None:
            raise FamilyRefused(REVOKED, status=403)
        raise FamilyRefused(EXPIRED, status=403, day=format(row.expires_at, "%d.%m.%Y"))
    throttle.refund(session, by_address)
    wait = throttle.claim_counters(session, [(CODE_A_DAY, f"{row.id}|{now:%Y-%m-%d}")], now=now)
    if wait > timedelta(0):
        _audit_refusal(session, row.id, client, AuditAction.FAMILY_THROTTLED, "code")
        raise _wait(wait)
    return _open_session(session, row, client=client, now=now), row


def _by_hash(session: Session, hashed: str) -> FamilyCode | None:
    """The code, read outside the session's transaction and detached from it."""
    with reading(session) as reader:
        row = reader.scalar(select(FamilyCode).where(FamilyCode.code_hash == hashed))
        if row is not None:
            reader.expunge(row)
    return row


def _audit_refusal(
    session: Session, code_id: int | None, client: str | None, action: AuditAction, why: str
) -> None:
    audit.log(
        session,
        family_actor(code_id, client),
        action,
        object_type="family_code" if code_id is not None else None,  # a code that names none
        object_id=code_id,
        detail={"why": why},
    )


def _open_session(session: Session, row: FamilyCode, *, client: str | None, now: datetime) -> str:
    token = secrets.token_urlsafe(32)
    session.add(
        FamilySession(
            token_hash=_token_hash(token),
            code_id=row.id,
            csrf_token=secrets.token_urlsafe(32),
            client=client,
            created_at=now,
            last_seen_at=now,
            expires_at=min(now + SESSION_MAX, row.expires_at),
        )
    )
    session.execute(update(FamilyCode).where(FamilyCode.id == row.id).values(last_used_at=now))
    session.flush()
    audit.log(
        session,
        family_actor(row.id, client),
        AuditAction.FAMILY_SIGN_IN,
        object_type="person",
        object_id=row.person_id,
        detail={"code_id": row.id, "contact_id": row.contact_id},
    )
    return token


# --- a family's session --------------------------------------------------------------------


@dataclass(frozen=True)
class Family:
    """A family on its page: the session, its code, the contact, and the person the code shows
    (the survivor, when the code's person was merged into another)."""

    web_session: FamilySession
    code: FamilyCode
    contact: Contact
    person: Person
    client: str | None
    liaison: str | None = None  # who issued the code, by the name the family met them by

    @property
    def actor(self) -> Actor:
        return family_actor(self.code.id, self.client)

    @property
    def csrf_token(self) -> str:
        return self.web_session.csrf_token


def family_for(session: Session, token: str | None, *, client: str | None) -> Family | None:
    """The family of a cookie's token, or None: unknown, ended, idle too long, or its code
    withdrawn or expired (checked on every request)."""
    if not token or len(token) > 100:
        return None
    found = session.execute(
        select(FamilySession, FamilyCode, Contact, Person, User.display_name)
        .join(FamilyCode, FamilyCode.id == FamilySession.code_id)
        .join(Contact, Contact.id == FamilyCode.contact_id)
        .join(Person, Person.id == FamilyCode.person_id)
        .outerjoin(User, User.username == FamilyCode.issued_by)
        .where(FamilySession.token_hash == _token_hash(token))
    ).first()
    if found is None:
        return None
    web_session, code, contact, person, liaison = found
    now = utcnow()
    if (
        web_session.ended_at is not None
        or web_session.expires_at <= now
        or web_session.last_seen_at + SESSION_IDLE <= now
        or code.revoked_at is not None
        or code.expires_at <= now
    ):
        return None
    if now - web_session.last_seen_at > _TOUCH_EVERY:
        with side_write(session) as writer:
            writer.execute(
                update(FamilySession)
                .where(FamilySession.id == web_session.id)
                .values(last_seen_at=now)
            )
        set_committed_value(web_session, "last_seen_at", now)
    if person.merged_into_id is not None:
        person = surviving_person(session, person.id)
    return Family(web_session, code, contact, person, client, liaison)


def detached_family(
    session: Session,
    token: str | None,
    *,
    client: str | None,
    side_writes: sessionmaker[Session] | None = None,
) -> Family | None:
    """`family_for`, read outside the session's transaction (a writing request must not take
    SQLite's write lock before its counters are claimed): the rows come detached, and a
    service that changes one reads it again in the session. `side_writes` makes the short
    transactions that note the session's last use (`db.side_write`)."""
    with reading(session) as reader:
        if side_writes is not None:
            reader.info[SIDE_WRITES] = side_writes
        family = family_for(reader, token, client=client)
        if family is not None:
            reader.expunge_all()
    return family


def code_refusal(session: Session, token: str | None) -> Message | None:
    """Why a family's session no longer opens, when its code is the reason (for the page
    that asks for the code again): withdrawn or expired; else None."""
    if not token or len(token) > 100:
        return None
    code = session.scalar(
        select(FamilyCode)
        .join(FamilySession, FamilySession.code_id == FamilyCode.id)
        .where(FamilySession.token_hash == _token_hash(token))
    )
    if code is None:
        return None
    if code.revoked_at is not None:
        return Message(REVOKED)
    if code.expires_at <= utcnow():
        return Message(EXPIRED, day=format(code.expires_at, "%d.%m.%Y"))
    return None


def leave(session: Session, family: Family) -> None:
    session.execute(
        update(FamilySession)
        .where(FamilySession.id == family.web_session.id)
        .values(ended_at=utcnow())
    )
    audit.log(
        session,
        family.actor,
        AuditAction.FAMILY_SIGN_OUT,
        object_type="person",
        object_id=family.person.id,
        detail={"code_id": family.code.id},
    )
