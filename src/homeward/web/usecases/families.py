"""The liaison's pages, once for the pages and the API: the contacts workspace of a person, the
queue of families to inform, relatives' messages and the outbox. The permissions and the audit
entries are the families' services' own (`homeward.families`); this module gathers what a page
shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor
from homeward.access.roles import Permission, allows
from homeward.families import access, extracts, messages, queue, service
from homeward.families.models import (
    ContactLogEntry,
    Extract,
    FamilyCode,
    FamilyMessage,
    OutboxMessage,
)
from homeward.families.queue import QueueItem
from homeward.families.vocab import LANGUAGES, ContactChannel, LogKind
from homeward.i18n import translator
from homeward.registry.models import Contact, Person
from homeward.web.paging import Pages


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


CHANNEL_WORDS = {
    ContactChannel.PHONE: _("phone"),
    ContactChannel.EMAIL: _("e-mail"),
    ContactChannel.LETTER: _("letter"),
    ContactChannel.IN_PERSON: _("in person"),
}
LOG_WORDS = {
    LogKind.CALL: _("call"),
    LogKind.LETTER: _("letter"),
    LogKind.MEETING: _("meeting in person"),
    LogKind.MESSAGE: _("text message"),
    LogKind.EMAIL: _("e-mail"),
}
LANGUAGE_WORDS = {"uk": _("Ukrainian"), "en": _("English")}


@dataclass(frozen=True)
class ContactCard:
    """One contact as the workspace shows it: the log, the codes, the news to tell."""

    contact: Contact
    log: list[ContactLogEntry]
    codes: list[FamilyCode]
    messages: list[FamilyMessage]
    news: QueueItem | None

    @property
    def withdrawn_by_family(self) -> bool:
        return (self.contact.consent_withdrawn_by or "").startswith("family-code-")


@dataclass(frozen=True)
class Workspace:
    person: Person
    asked_for: int  # the person asked for (merged into `person` when it differs)
    cards: list[ContactCard]
    extracts: list[Extract]
    families: bool  # the caller may issue codes and extracts, inform, write to families


def workspace(session: Session, actor: Actor, person_id: int) -> Workspace:
    """A person's contacts with everything about them (the read is audited)."""
    person = service.surviving_person(session, person_id)
    contacts = service.contacts_of_person(session, actor=actor, person_id=person.id)
    families = allows(actor.role, Permission.FAMILIES)
    logs = service.contact_logs(session, [c.id for c in contacts])
    codes = access.codes_of(session, person.id) if families else []
    sent = messages.messages_of(session, service.merged_into(session, person.id))
    news = {
        item.contact.id: item
        for item in queue.pending_news(
            session, [(c, person) for c in contacts if c.consent_contact], as_of=date.today()
        )
    }
    cards = [
        ContactCard(
            contact=contact,
            log=logs.get(contact.id, []),
            codes=[code for code in codes if code.contact_id == contact.id],
            messages=[m for m in sent if m.contact_id == contact.id],
            news=news.get(contact.id),
        )
        for contact in contacts
    ]
    found = extracts.extracts_of(session, person.id) if families else []
    return Workspace(person, person_id, cards, found, families)


@dataclass(frozen=True)
class QueuePage:
    items: list[QueueItem]
    waiting_messages: int
    outbox_waiting: int
    pages: Pages


QUEUE_PER_PAGE = 20


def queue_page(session: Session, actor: Actor, *, page: int = 1) -> QueuePage:
    """One page of the queue of families to inform (the page read is audited)."""
    shown = queue.queue_slice(session, actor=actor, page=page, per_page=QUEUE_PER_PAGE)
    pages = Pages.of(shown.page, per_page=QUEUE_PER_PAGE, total=shown.total, path="/families")
    waiting = session.scalar(
        select(func.count()).select_from(FamilyMessage).where(FamilyMessage.handled_at.is_(None))
    )
    unsent = session.scalar(
        select(func.count())
        .select_from(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.cancelled_at.is_(None))
    )
    return QueuePage(shown.items, int(waiting or 0), int(unsent or 0), pages)


def draft_text(person: Person, lang: str) -> tuple[str, str]:
    """A first wording of a message to the family, in their language, for the liaison to edit.
    It greets without the relative's name: a name put into a Ukrainian greeting must take its
    vocative and the word its gender ("Шановна Маріє"), which a draft cannot know; "Доброго
    дня!" says the same to anyone. The missing person is named after a colon, as a register
    names him, not declined after a preposition."""
    translate = translator(lang if lang in LANGUAGES else "uk")
    name = " ".join(p for p in (person.surname, person.given_name, person.patronymic) if p)
    subject = translate(_("News about %(name)s"), name=name)
    body = translate(
        _(
            "Hello,\n\nThe register has news about the person you are looking for: %(name)s. "
            "You can read it on the family page with your access code, or call us and we will "
            "tell you.\n\nWith respect,\nThe Family Liaison Service"
        ),
        name=name,
    )
    return subject, body
