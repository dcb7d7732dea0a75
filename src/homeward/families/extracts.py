"""Certified extracts: a PDF of a person's entry and status on the day of issue, with a
verification code and a QR code leading to `/verify/CODE`, where anyone can confirm that the
register issued it, when, the status it stated, and whether it was revoked — nothing more.

The PDF is kept exactly as issued (to be printed again); the code only as its hash. Issued by
a liaison or an administrator; every issue, print and revocation is audited, and so is every
verification (anonymous, by address). A verification code that never existed is a failure
counted per address, as a wrong sign-in is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access import audit, throttle
from homeward.access.actor import Actor, Channel
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.access.throttle import Allowance
from homeward.dates import PartialDate
from homeward.db import reading, utcnow
from homeward.errors import InvalidInput, NotFound
from homeward.families.access import FamilyRefused
from homeward.families.codes import VERIFY_GROUP, VERIFY_LENGTH, code_hash, grouped, new_code
from homeward.families.codes import normalised as normalised_code
from homeward.families.models import Extract
from homeward.families.papers import ExtractPaper, extract_pdf
from homeward.families.service import merged_into, surviving_person
from homeward.families.vocab import LANGUAGES
from homeward.registry.evidence import person_status
from homeward.text import checked_reason

KIND: Final = "extract"
VERIFY_ADDRESS: Final = Allowance("verify", free=20, most=timedelta(minutes=15))


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


NO_SUCH: Final = _("The register issued no extract with this code. Check the code as printed.")
TOO_MANY: Final = _("Too many codes checked from your address. Wait %(minutes)s min and try again.")


@dataclass(frozen=True)
class IssuedExtract:
    row: Extract
    code: str  # as printed
    pdf: bytes


def reference(extract_id: int) -> str:
    return f"HW-EX-{extract_id:06d}"


def issue_extract(
    session: Session, *, actor: Actor, person_id: int, base: str, lang: str = "uk"
) -> IssuedExtract:
    """An extract of the person's entry (the survivor, if merged) and status today."""
    actor.require(Permission.FAMILIES)
    if lang not in LANGUAGES:
        raise InvalidInput("lang", "is not one of: uk, en")
    person = surviving_person(session, person_id)
    status = person_status(session, person, as_of=date.today())
    plain = new_code(VERIFY_LENGTH)
    row = _stated(person.id, status.status.value, status.since, plain, lang, actor.name)
    session.add(row)
    session.flush()  # its number is printed on it
    code = grouped(plain, VERIFY_GROUP)
    paper = ExtractPaper(
        reference=reference(row.id),
        issued_at=row.issued_at,
        issued_by=actor.name,
        as_of=row.as_of,
        status=row.status,
        since=status.since,
        verification_code=code,
        verification_url=f"{base}/verify/{code}",
    )
    pdf = extract_pdf(person, paper, lang=lang)
    row.pdf, row.pdf_sha256 = pdf, hashlib.sha256(pdf).hexdigest()
    session.flush()
    audit.log(
        session,
        actor,
        AuditAction.EXTRACT_ISSUE,
        object_type="extract",
        object_id=row.id,
        detail={"person_id": person.id, "status": row.status, "sha256": row.pdf_sha256},
    )
    return IssuedExtract(row, code, pdf)


def _stated(
    person_id: int, status: str, since: PartialDate | None, plain: str, lang: str, by: str
) -> Extract:
    """The extract's row before its PDF: what it states, and the hash of its code."""
    day, precision = since.to_stored() if since else (None, None)
    return Extract(
        code_hash=code_hash(KIND, plain),
        person_id=person_id,
        as_of=date.today(),
        status=status,
        status_since=day,
        status_since_precision=precision,
        lang=lang,
        issued_at=utcnow(),
        issued_by=by,
        pdf_sha256="",
        pdf=b"",
    )


def get_extract(session: Session, extract_id: int) -> Extract:
    row = session.get(Extract, extract_id)
    if row is None:
        raise NotFound("there is no extract %(extract_id)s", extract_id=extract_id)
    return row


def extract_file(session: Session, *, actor: Actor, extract_id: int) -> bytes:
    """The PDF exactly as issued, to print again; audited."""
    actor.require(Permission.FAMILIES)
    row = get_extract(session, extract_id)
    audit.log(
        session,
        actor,
        AuditAction.EXTRACT_VIEW,
        object_type="extract",
        object_id=row.id,
        detail={"person_id": row.person_id},
    )
    return row.pdf


def revoke_extract(session: Session, *, actor: Actor, extract_id: int, reason: str) -> Extract:
    """From now on `/verify` says the extract was revoked, when and why not."""
    actor.require(Permission.FAMILIES)
    reason = checked_reason(reason)
    row = get_extract(session, extract_id)
    if row.revoked_at is None:
        row.revoked_at, row.revoked_by, row.revoke_reason = utcnow(), actor.name, reason
        audit.log(
            session,
            actor,
            AuditAction.EXTRACT_REVOKE,
            object_type="extract",
            object_id=row.id,
            detail={"reason": reason},
        )
    return row


def extracts_of(session: Session, person_id: int) -> list[Extract]:
    query = (
        select(Extract)
        .where(Extract.person_id.in_(merged_into(session, person_id)))
        .order_by(Extract.issued_at.desc(), Extract.id.desc())
    )
    return list(session.scalars(query))


@dataclass(frozen=True)
class Verified:
    """All that `/verify` says of an extract."""

    reference: str
    issued_at: datetime
    as_of: date
    status: str
    since: PartialDate | None
    revoked_at: datetime | None


def verify(session: Session, *, typed: str, client: str | None) -> Verified:
    """The extract a verification code belongs to, or `FamilyRefused` (no such extract, or too
    many failures from this address). Every check is audited."""
    counters = [(VERIFY_ADDRESS, client or "unknown")]
    wait = throttle.claim_counters(session, counters, now=utcnow())
    who = Actor("(verification)", Channel.WEB, None, client)
    if wait > timedelta(0):
        minutes = max(1, int(wait.total_seconds() // 60) + 1)
        raise FamilyRefused(TOO_MANY, status=429, minutes=minutes)
    plain = normalised_code(typed, length=VERIFY_LENGTH)
    row = None
    if plain is not None:  # read outside the transaction: the counters are written beside it
        with reading(session) as reader:
            row = reader.scalar(select(Extract).where(Extract.code_hash == code_hash(KIND, plain)))
            if row is not None:
                reader.expunge(row)
    if row is not None:  # a code that exists costs nothing: only failures are counted
        throttle.refund(session, counters)
    audit.log(
        session,
        who,
        AuditAction.EXTRACT_VERIFY,
        object_type="extract" if row else None,  # a code that names no extract: no object
        object_id=row.id if row else None,
        detail={"found": row is not None},
    )
    if row is None:
        raise FamilyRefused(NO_SUCH, status=404)
    return Verified(
        reference=reference(row.id),
        issued_at=row.issued_at,
        as_of=row.as_of,
        status=row.status,
        since=PartialDate.from_stored(row.status_since, row.status_since_precision),
        revoked_at=row.revoked_at,
    )
