"""Messages to families (an optional channel): e-mails a liaison writes, a liaison approves,
and that are then sent over SMTP (`mail`). A failed send stays in the outbox with its error,
to be sent again or cancelled. Only to families who consented to be contacted and have not
withdrawn; never about a death, which is told in person."""

from __future__ import annotations

from datetime import date
from typing import Final

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.db import utcnow
from homeward.errors import Conflict, InvalidInput, NotFound
from homeward.families.mail import SendFailed, Smtp, send_mail
from homeward.families.models import OutboxMessage
from homeward.families.queue import news_of_contact
from homeward.families.schemas import OutboxIn
from homeward.families.service import get_contact
from homeward.registry.models import Contact


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


IN_PERSON: Final = _("this family has news to be told in person (a death): never by message")
NO_CONSENT: Final = _("the family has not consented to be contacted, or withdrew its consent")
NO_EMAIL: Final = _("the contact has no e-mail address")
RECENT: Final = 50
PER_PAGE: Final = 50


def _check(session: Session, contact: Contact) -> None:
    if not contact.consent_contact or contact.consent_withdrawn_at is not None:
        raise Conflict(NO_CONSENT)
    if not contact.email:
        raise InvalidInput("email", NO_EMAIL)
    item = news_of_contact(session, contact, as_of=date.today())
    if item is not None and item.news.in_person:
        raise Conflict(IN_PERSON)


def draft_message(
    session: Session, *, actor: Actor, contact_id: int, message: OutboxIn
) -> OutboxMessage:
    actor.require(Permission.FAMILIES)
    contact = get_contact(session, contact_id)
    _check(session, contact)
    assert contact.email is not None
    row = OutboxMessage(
        contact_id=contact.id,
        to_address=contact.email,
        subject=message.subject.strip(),
        body=message.body.strip(),
        created_by=actor.name,
        attempts=0,
    )
    session.add(row)
    session.flush()
    _audit(session, actor, AuditAction.OUTBOX_DRAFT, row)
    return row


def get_message(session: Session, message_id: int) -> OutboxMessage:
    row = session.get(OutboxMessage, message_id)
    if row is None:
        raise NotFound("there is no message %(message_id)s in the outbox", message_id=message_id)
    return row


def approve_and_send(
    session: Session, *, actor: Actor, message_id: int, smtp: Smtp
) -> OutboxMessage:
    """Approve a draft (or a failed message, to send it again) and send it now. The checks
    run again: a family may have withdrawn, or a death come in, since it was written."""
    actor.require(Permission.FAMILIES)
    row = get_message(session, message_id)
    if row.state not in ("draft", "failed", "approved"):
        raise Conflict(
            "message %(message_id)s was already %(state)s", message_id=row.id, state=row.state
        )
    _check(session, get_contact(session, row.contact_id))
    if row.approved_at is None:
        row.approved_at, row.approved_by = utcnow(), actor.name
        _audit(session, actor, AuditAction.OUTBOX_APPROVE, row)
    row.attempts += 1
    try:
        send_mail(smtp, to=row.to_address, subject=row.subject, body=row.body)
    except SendFailed as error:
        row.last_error = str(error)[:2000]
        _audit(session, actor, AuditAction.OUTBOX_FAILED, row, error=row.last_error)
    else:
        row.sent_at, row.last_error = utcnow(), None
        _audit(session, actor, AuditAction.OUTBOX_SENT, row)
    session.flush()
    return row


def cancel_message(session: Session, *, actor: Actor, message_id: int) -> OutboxMessage:
    actor.require(Permission.FAMILIES)
    row = get_message(session, message_id)
    if row.sent_at is not None:
        raise Conflict("message %(message_id)s was already sent", message_id=row.id)
    if row.cancelled_at is None:
        row.cancelled_at, row.cancelled_by = utcnow(), actor.name
        _audit(session, actor, AuditAction.OUTBOX_CANCEL, row)
    return row


def _waiting() -> Select[OutboxMessage]:
    return select(OutboxMessage).where(
        OutboxMessage.sent_at.is_(None), OutboxMessage.cancelled_at.is_(None)
    )


def count_waiting(session: Session) -> int:
    """How many messages wait: drafts, approved and failed sends."""
    query = select(func.count()).select_from(_waiting().subquery())
    return session.scalar(query) or 0


def outbox(
    session: Session, *, actor: Actor, limit: int = PER_PAGE, offset: int = 0
) -> list[OutboxMessage]:
    """What waits (drafts, failed sends), oldest first, `limit` from the `offset`-th; on the
    first page only, the latest sent or cancelled after them. Audited: the entry names the
    messages shown, no others."""
    actor.require(Permission.FAMILIES)
    rows = list(session.scalars(_waiting().order_by(OutboxMessage.id).limit(limit).offset(offset)))
    if offset == 0:
        done = (
            select(OutboxMessage)
            .where(or_(OutboxMessage.sent_at.is_not(None), OutboxMessage.cancelled_at.is_not(None)))
            .order_by(OutboxMessage.id.desc())
            .limit(RECENT)
        )
        rows += list(session.scalars(done))
    audit.log(
        session,
        actor,
        AuditAction.VIEW_OUTBOX,
        detail={"messages": [row.id for row in rows], **({"offset": offset} if offset else {})},
    )
    return rows


def _audit(
    session: Session,
    actor: Actor,
    action: AuditAction,
    row: OutboxMessage,
    *,
    error: str | None = None,
) -> None:
    detail: dict[str, object] = {"contact_id": row.contact_id, "attempts": row.attempts}
    if error:
        detail["error"] = error
    audit.log(session, actor, action, object_type="outbox", object_id=row.id, detail=detail)
