"""Messages to families: approved by a liaison, sent over SMTP to a real server the test starts;
a failed send stays in the outbox with its error; never to a family that withdrew, never about
a death."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.errors import Conflict, InvalidInput
from homeward.families import outbox, service
from homeward.families.mail import Smtp
from homeward.families.models import OutboxMessage
from homeward.families.schemas import OutboxIn
from homeward.registry.models import Contact, Person
from homeward.registry.schemas import validated
from homeward.web.usecases.families import draft_text
from tests.families.factories import LIAISON, a_contact, a_person, add_fact
from tests.families.mailserver import REFUSED_DOMAIN, Mailbox, mail_server, smtp_at

WORDS = OutboxIn(subject="Новини про Олександра", body="Шановна Маріє, є новини.")


@pytest.fixture
def server() -> Iterator[tuple[Mailbox, Smtp]]:
    with mail_server() as running:
        yield running


def family(session: Session, email: str = "maria@example.org") -> Contact:
    return a_contact(session, a_person(session).id, email=email, channel="email")


def draft(session: Session, contact: Contact) -> OutboxMessage:
    return outbox.draft_message(session, actor=LIAISON, contact_id=contact.id, message=WORDS)


def test_an_approved_message_is_sent_to_the_family(
    session: Session, server: tuple[Mailbox, Smtp]
) -> None:
    mailbox, smtp = server
    row = draft(session, family(session))
    assert row.state == "draft" and mailbox.received == []
    outbox.approve_and_send(session, actor=LIAISON, message_id=row.id, smtp=smtp)
    assert row.state == "sent" and row.approved_by == LIAISON.name
    (received,) = mailbox.received
    assert received["To"] == "maria@example.org"
    assert received["Subject"] == WORDS.subject
    body = received.get_body()
    assert body is not None and "є новини" in body.get_content()


def test_a_refused_message_stays_in_the_outbox_with_the_servers_words(
    session: Session, server: tuple[Mailbox, Smtp]
) -> None:
    mailbox, smtp = server
    row = draft(session, family(session, email=f"nobody{REFUSED_DOMAIN}"))
    outbox.approve_and_send(session, actor=LIAISON, message_id=row.id, smtp=smtp)
    assert row.state == "failed" and row.sent_at is None
    assert "mailbox unavailable" in (row.last_error or "")
    assert mailbox.received == []
    assert row in outbox.outbox(session, actor=LIAISON)


def test_a_message_that_found_no_server_stays_and_is_sent_again_later(
    session: Session, server: tuple[Mailbox, Smtp]
) -> None:
    mailbox, smtp = server
    before = session.scalar(select(func.max(AuditEntry.seq))) or 0
    row = draft(session, family(session))
    with socket.socket() as closed:  # bound, never listening: nothing answers there
        closed.bind(("127.0.0.1", 0))
        nowhere = smtp_at(closed.getsockname()[1])
        outbox.approve_and_send(session, actor=LIAISON, message_id=row.id, smtp=nowhere)
    assert row.state == "failed" and "Connection" in (row.last_error or "")
    outbox.approve_and_send(session, actor=LIAISON, message_id=row.id, smtp=smtp)
    assert row.state == "sent" and row.attempts == 2 and row.last_error is None
    assert len(mailbox.received) == 1
    mine = select(AuditEntry.action).where(
        AuditEntry.object_type == "outbox",
        AuditEntry.object_id == str(row.id),
        AuditEntry.seq > before,  # the log is append-only: other tests' entries stay in it
    )
    actions = list(session.scalars(mine.order_by(AuditEntry.seq)))
    assert actions == ["outbox_draft", "outbox_approve", "outbox_failed", "outbox_sent"]


def test_without_a_configured_server_nothing_is_sent_and_it_says_so(session: Session) -> None:
    row = draft(session, family(session))
    unconfigured = Smtp(None, 587, None, None, "x@example.org", "starttls", 5)
    outbox.approve_and_send(session, actor=LIAISON, message_id=row.id, smtp=unconfigured)
    assert row.state == "failed" and "HOMEWARD_SMTP_HOST" in (row.last_error or "")


def test_no_message_to_a_family_that_withdrew_or_never_consented(
    session: Session, server: tuple[Mailbox, Smtp]
) -> None:
    _mailbox, smtp = server
    contact = family(session)
    row = draft(session, contact)
    service.record_consent(
        session, actor=LIAISON, contact_id=contact.id, contact_consent=False, share_consent=False
    )
    with pytest.raises(Conflict, match="consent"):
        outbox.approve_and_send(session, actor=LIAISON, message_id=row.id, smtp=smtp)
    silent = a_contact(session, a_person(session).id, email="x@example.org", consent=False)
    with pytest.raises(Conflict, match="consent"):
        draft(session, silent)
    with pytest.raises(InvalidInput, match="e-mail"):
        draft(session, a_contact(session, a_person(session).id))


def test_a_death_is_never_sent_by_message(session: Session, server: tuple[Mailbox, Smtp]) -> None:
    mailbox, smtp = server
    contact = family(session)
    row = draft(session, contact)
    add_fact(session, contact.person_id, "died", "01.03.2024")
    with pytest.raises(Conflict, match="in person"):
        outbox.approve_and_send(session, actor=LIAISON, message_id=row.id, smtp=smtp)
    with pytest.raises(Conflict, match="in person"):
        draft(session, contact)
    assert mailbox.received == []


def test_a_cancelled_message_is_never_sent(session: Session, server: tuple[Mailbox, Smtp]) -> None:
    _mailbox, smtp = server
    row = draft(session, family(session))
    outbox.cancel_message(session, actor=LIAISON, message_id=row.id)
    with pytest.raises(Conflict, match="cancelled"):
        outbox.approve_and_send(session, actor=LIAISON, message_id=row.id, smtp=smtp)


def test_a_draft_greets_anyone_alike_and_names_the_person_looked_for() -> None:
    """No "Шановні <name in the nominative>": a greeting a draft can get right for anyone."""
    person = Person(surname="Коваленко", given_name="Олександр", patronymic="Петрович")
    subject, body = draft_text(person, "uk")
    assert subject == "Новини щодо пошуку: Коваленко Олександр Петрович"
    assert body.startswith("Доброго дня!\n\nУ реєстрі є новини про людину, яку ви шукаєте: ")
    assert "Коваленко Олександр Петрович." in body and "Шановн" not in body
    assert body.endswith("З повагою,\nСлужба зв'язку з родинами")  # an office: anyone signs
    subject, body = draft_text(person, "en")
    assert subject == "News about Коваленко Олександр Петрович"
    assert body.startswith("Hello,\n\nThe register has news about the person you are looking for")
    assert body.endswith("With respect,\nThe Family Liaison Service")


def test_a_subject_with_a_line_break_is_sent_as_one_line_and_adds_no_header(
    session: Session, server: tuple[Mailbox, Smtp]
) -> None:
    """A line break in the subject (pasted, or typed on purpose) would start another header:
    the subject is kept on one line, so the message is sent, to the family alone."""
    mailbox, smtp = server
    words = validated(
        OutboxIn, {"subject": "Новини\r\nBcc: someone@example.org", "body": "Є новини."}
    )
    assert words.subject == "Новини Bcc: someone@example.org"
    row = outbox.draft_message(session, actor=LIAISON, contact_id=family(session).id, message=words)
    outbox.approve_and_send(session, actor=LIAISON, message_id=row.id, smtp=smtp)
    assert row.state == "sent"
    (received,) = mailbox.received
    assert received["Bcc"] is None and received["Subject"] == "Новини Bcc: someone@example.org"
