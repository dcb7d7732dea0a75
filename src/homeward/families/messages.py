"""A relative's messages from the family page. They enter intake as relatives' reports, kept as
sent and linked to nobody: never straight into the register. A liaison reads them and takes
one in (its report is linked to the person, where evidence may follow by the usual ways) or
sets it aside; either way the message stays, with who decided and why."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access import audit, throttle
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.access.throttle import Allowance
from homeward.db import utcnow
from homeward.errors import Conflict, NotFound
from homeward.families.access import FamilyRefused
from homeward.families.attachments import media_type_of
from homeward.families.models import FamilyAttachment, FamilyMessage
from homeward.families.service import surviving_person
from homeward.families.sessions import Family
from homeward.families.vocab import MessageOutcome
from homeward.registry import history
from homeward.registry.models import Contact, Report
from homeward.registry.schemas import SourceIn
from homeward.registry.sources import get_or_create_source
from homeward.registry.vocab import SourceKind
from homeward.text import NOTE_MAX, checked_reason, checked_text

SOURCE: Final = SourceIn(kind=SourceKind.RELATIVE, name="Relatives' messages (family page)")
MESSAGES_A_DAY: Final = Allowance("fam_msg", free=5, most=timedelta(hours=1))


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


TOO_MANY: Final = _("You have sent many messages today. Wait %(minutes)s min before the next.")
WAITING_LIMIT: Final = 200


@dataclass(frozen=True)
class Sender:
    """Who sends a message from the family page: a code, for a contact, about a person."""

    code_id: int
    contact_id: int
    relation: str
    person_id: int
    actor: Actor

    @classmethod
    def of(cls, family: Family) -> Sender:
        contact = family.contact
        return cls(family.code.id, contact.id, contact.relation, family.person.id, family.actor)


def send_message(
    session: Session,
    family: Family,
    *,
    text: str,
    attachment: tuple[str, bytes] | None = None,
) -> FamilyMessage:
    """The relative's words (and a photo or a PDF), as a report waiting for intake. Checked,
    then counted (a few a day freely, `MESSAGES_A_DAY`), then kept."""
    words = checked_text("message", text, limit=NOTE_MAX, required=True)
    if attachment:
        media_type_of(attachment[1])  # refused before it is counted
    now = utcnow()
    key = f"{family.code.id}|{now:%Y-%m-%d}"
    wait = throttle.claim_counters(session, [(MESSAGES_A_DAY, key)], now=now)
    if wait > timedelta(0):
        minutes = max(1, int(wait.total_seconds() // 60) + 1)
        raise FamilyRefused(TOO_MANY, status=429, minutes=minutes)
    return record_message(session, sender=Sender.of(family), words=words, attachment=attachment)


def record_message(
    session: Session,
    *,
    sender: Sender,
    words: str,
    attachment: tuple[str, bytes] | None = None,
) -> FamilyMessage:
    """Keep a checked message: its report (linked to nobody), its row, its file, its audit."""
    now = utcnow()
    kind = media_type_of(attachment[1]) if attachment else None
    report = Report(
        person_id=None,
        source=get_or_create_source(session, SOURCE),
        received_at=now,
        entered_by=sender.actor.name,
        channel=sender.actor.channel.value,
        payload=_payload(sender, words, attachment, kind),
    )
    session.add(report)
    session.flush()
    message = FamilyMessage(
        report_id=report.id,
        code_id=sender.code_id,
        contact_id=sender.contact_id,
        person_id=sender.person_id,
        received_at=now,
    )
    session.add(message)
    session.flush()
    if attachment and kind:
        session.add(_attachment(message.id, attachment, kind))
    audit.log(
        session,
        sender.actor,
        AuditAction.FAMILY_MESSAGE,
        object_type="report",
        object_id=report.id,
        detail={"person_id": sender.person_id, "attachment": kind},
    )
    return message


def _payload(
    sender: Sender, words: str, attachment: tuple[str, bytes] | None, kind: str | None
) -> dict[str, Any]:
    """The report as received: the words, who sent them about whom, and the file's facts."""
    payload: dict[str, Any] = {
        "message": words,
        "about_person_id": sender.person_id,
        "contact_id": sender.contact_id,
        "relation": sender.relation,
        "family_code_id": sender.code_id,
    }
    if attachment:
        name, data = attachment
        digest = hashlib.sha256(data).hexdigest()
        payload["attachment"] = {"name": name, "type": kind, "size": len(data), "sha256": digest}
    return payload


def _attachment(message_id: int, attachment: tuple[str, bytes], kind: str) -> FamilyAttachment:
    name, data = attachment
    return FamilyAttachment(
        message_id=message_id,
        file_name=name[:200] or "attachment",
        media_type=kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content=data,
    )


@dataclass(frozen=True)
class MessageView:
    message: FamilyMessage
    report: Report
    person_id: int  # the person the code shows now (the survivor of any merge)
    person_name: str
    contact_name: str
    relation: str
    attachment: FamilyAttachment | None

    @property
    def text(self) -> str:
        return str(self.report.payload.get("message", ""))


def waiting_messages(
    session: Session, *, actor: Actor, limit: int = WAITING_LIMIT, offset: int = 0
) -> list[MessageView]:
    """Relatives' messages nobody has taken in or set aside yet, oldest first, `limit` from
    the `offset`-th; audited."""
    actor.require(Permission.FAMILIES)
    query = (
        select(FamilyMessage)
        .where(FamilyMessage.handled_at.is_(None))
        .order_by(FamilyMessage.received_at, FamilyMessage.id)
        .limit(limit)
        .offset(offset)
    )
    views = [message_view(session, row) for row in session.scalars(query)]
    audit.log(
        session,
        actor,
        AuditAction.VIEW_FAMILY_MESSAGE,
        detail={
            "messages": [view.message.id for view in views],
            **({"offset": offset} if offset else {}),
        },
    )
    return views


def count_waiting(session: Session) -> int:
    """How many relatives' messages wait to be taken in or set aside."""
    query = select(func.count()).select_from(FamilyMessage)
    return session.scalar(query.where(FamilyMessage.handled_at.is_(None))) or 0


def message_view(session: Session, row: FamilyMessage) -> MessageView:
    report = session.get(Report, row.report_id)
    assert report is not None
    person = surviving_person(session, row.person_id)
    contact = row_contact(session, row)
    attachment = session.scalar(
        select(FamilyAttachment).where(FamilyAttachment.message_id == row.id)
    )
    name = " ".join(p for p in (person.surname, person.given_name, person.patronymic) if p)
    return MessageView(row, report, person.id, name, contact[0], contact[1], attachment)


def row_contact(session: Session, row: FamilyMessage) -> tuple[str, str]:
    contact = session.get(Contact, row.contact_id)
    return (contact.name, contact.relation) if contact else ("", "")


def get_message(session: Session, message_id: int) -> FamilyMessage:
    row = session.get(FamilyMessage, message_id)
    if row is None:
        raise NotFound("there is no message %(message_id)s", message_id=message_id)
    return row


def handle_message(
    session: Session,
    *,
    actor: Actor,
    message_id: int,
    outcome: MessageOutcome,
    note: str | None = None,
) -> FamilyMessage:
    """Take a message in (its report linked to the person the code shows now) or set it aside."""
    actor.require(Permission.FAMILIES)
    row = get_message(session, message_id)
    if row.handled_at is not None:
        raise Conflict(
            "message %(message_id)s was already handled by %(who)s",
            message_id=message_id,
            who=row.handled_by,
        )
    note = checked_reason(note, required=outcome is MessageOutcome.SET_ASIDE) or None
    if outcome is MessageOutcome.TAKEN_IN:
        _link(session, actor, row, note)
    row.handled_at, row.handled_by = utcnow(), actor.name
    row.outcome, row.handled_note = outcome.value, note
    audit.log(
        session,
        actor,
        AuditAction.FAMILY_MESSAGE_HANDLED,
        object_type="report",
        object_id=row.report_id,
        detail={"message": row.id, "outcome": outcome.value},
    )
    return row


def _link(session: Session, actor: Actor, row: FamilyMessage, note: str | None) -> None:
    report = session.get(Report, row.report_id)
    assert report is not None
    person = surviving_person(session, row.person_id)
    report.person_id = person.id
    history.record(
        session,
        person_id=person.id,
        change=history.report_linked(report.id, source=SOURCE.name),
        actor=actor,
        reason=note or "a relative's message from the family page, taken in",
    )
    session.flush()


def attachment_of(session: Session, *, actor: Actor, message_id: int) -> FamilyAttachment:
    """The file a relative attached; reading it is audited."""
    actor.require(Permission.FAMILIES)
    row = get_message(session, message_id)
    attachment = session.scalar(
        select(FamilyAttachment).where(FamilyAttachment.message_id == row.id)
    )
    if attachment is None:
        raise NotFound("message %(message_id)s has no attachment", message_id=message_id)
    audit.log(
        session,
        actor,
        AuditAction.VIEW_FAMILY_MESSAGE,
        object_type="report",
        object_id=row.report_id,
        detail={"message": row.id, "attachment": attachment.sha256},
    )
    return attachment


def messages_of(session: Session, person_ids: list[int]) -> list[FamilyMessage]:
    query = (
        select(FamilyMessage)
        .where(FamilyMessage.person_id.in_(person_ids))
        .order_by(FamilyMessage.received_at.desc())
    )
    return list(session.scalars(query))
