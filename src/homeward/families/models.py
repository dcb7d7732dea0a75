"""The families' tables: the contact log, access codes and the family page's sessions, the
relatives' messages, certified extracts, and the outbox of messages to families.

Contacts themselves are the register's (`registry.models.Contact`). Rows here that are about a
person point at the person they were made for; a person merged into another is read through
the survivor (codes and extracts follow the merge, `access.surviving_person`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from homeward.db import Base, UTCDateTime, utcnow
from homeward.registry.models import ACTOR


class ContactLogEntry(Base):
    """One contact with a family: a call, a letter, a meeting, a message. An entry that informed
    the family of the register's news names the evidence they were told of (`told_evidence`)
    and the status it gave; the queue of families to inform is derived from these."""

    __tablename__ = "contact_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    summary: Mapped[str] = mapped_column(Text)
    told_status: Mapped[str | None] = mapped_column(String(20))
    told_evidence: Mapped[list[int] | None] = mapped_column(JSON)
    # a moment before which every piece of evidence on the person is in `told_evidence`: the
    # queue reads again only the families with evidence recorded since (`queue._candidates`)
    told_through: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(ACTOR))
    channel: Mapped[str] = mapped_column(String(10))


class FamilyCode(Base):
    """A family's access code to one person, for one contact: only its hash is stored."""

    __tablename__ = "family_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_by: Mapped[str] = mapped_column(String(ACTOR))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by: Mapped[str | None] = mapped_column(String(ACTOR))
    revoke_reason: Mapped[str | None] = mapped_column(Text)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class FamilySession(Base):
    """A browser that entered a family's code: the cookie holds a random token, only its
    SHA-256 is stored; every request checks the code again, so a revoked code ends it."""

    __tablename__ = "family_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("family_codes.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    client: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class FamilyMessage(Base):
    """A relative's message from the family page: its words are a report (unlinked, waiting
    for intake); this row holds who sent it, about whom, and what became of it."""

    __tablename__ = "family_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), unique=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("family_codes.id"), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    handled_by: Mapped[str | None] = mapped_column(String(ACTOR))
    outcome: Mapped[str | None] = mapped_column(String(10))
    handled_note: Mapped[str | None] = mapped_column(Text)


class FamilyAttachment(Base):
    """The file a relative attached to a message, kept as sent (at most 5 MB)."""

    __tablename__ = "family_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("family_messages.id"), unique=True)
    file_name: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(50))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))


class Extract(Base):
    """A certified extract: the status it stated, the PDF exactly as issued, and the hash of its
    verification code (by which `/verify/CODE` finds it)."""

    __tablename__ = "extracts"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    as_of: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    status_since: Mapped[date | None] = mapped_column(Date)
    status_since_precision: Mapped[str | None] = mapped_column(String(7))
    lang: Mapped[str] = mapped_column(String(5))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_by: Mapped[str] = mapped_column(String(ACTOR))
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by: Mapped[str | None] = mapped_column(String(ACTOR))
    revoke_reason: Mapped[str | None] = mapped_column(Text)


class OutboxMessage(Base):
    """An e-mail to a family: written, approved by a liaison, then sent; a failed send stays
    here with its error until it is sent or cancelled."""

    __tablename__ = "family_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    to_address: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by: Mapped[str | None] = mapped_column(String(ACTOR))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_by: Mapped[str | None] = mapped_column(String(ACTOR))

    @property
    def state(self) -> str:
        """draft, approved (not sent yet), failed (approved, its send failed), sent, cancelled."""
        if self.cancelled_at is not None:
            return "cancelled"
        if self.sent_at is not None:
            return "sent"
        if self.approved_at is not None:
            return "failed" if self.last_error else "approved"
        return "draft"


def json_ids(value: Any) -> list[int]:
    """A stored list of evidence ids, whatever the database handed back."""
    return [int(item) for item in value or [] if isinstance(item, int)]
