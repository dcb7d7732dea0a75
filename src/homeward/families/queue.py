"""The queue of families to inform: derived from the evidence, never typed.

A contact who consented to be contacted (and has not withdrawn) is in the queue when the
evidence on their person says something they were not told: the status changed, or a fact
that matters came in (`news.news_for`). What a family was told is what the contact log says:
the evidence named by the last entry that informed them, or, before any, the evidence the
register held when the contact was recorded. Recording that a family was informed (with the
evidence the queue showed) takes them out of the queue until the evidence changes again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.dates import PartialDate
from homeward.db import utcnow
from homeward.errors import InvalidInput
from homeward.families.models import ContactLogEntry, json_ids
from homeward.families.news import News, news_for
from homeward.families.schemas import InformedIn
from homeward.families.service import get_contact
from homeward.families.vocab import LogKind
from homeward.registry.models import Contact, Evidence, Person, PersonHistory
from homeward.registry.status.rules import Fact
from homeward.registry.vocab import EvidenceKind, HistoryAction, Reliability, Side

# Contacts read at a time while the queue is derived: the whole queue is walked to order it,
# this many families' evidence at once, and of each family only its place is kept (`Place`).
BATCH = 500


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


IN_PERSON = _("a death and identified remains are told in person: record a meeting")


@dataclass(frozen=True)
class Dated:
    """A fact as the rules read it, and when the register learnt it."""

    fact: Fact
    recorded_at: datetime


@dataclass(frozen=True)
class QueueItem:
    contact: Contact
    person: Person
    news: News
    snapshot: tuple[int, ...]  # the evidence the news stands on: what informing them tells


def facts_of(session: Session, person_ids: list[int]) -> dict[int, list[Dated]]:
    """Each person's evidence as facts (no places, no sources: a family is told neither)."""
    found: dict[int, list[Dated]] = defaultdict(list)
    if not person_ids:
        return found
    query = select(
        Evidence.id,
        Evidence.person_id,
        Evidence.kind,
        Evidence.occurred_on,
        Evidence.occurred_precision,
        Evidence.supersedes_id,
        Evidence.reliability,
        Evidence.recorded_at,
    ).where(Evidence.person_id.in_(person_ids))
    for row in session.execute(query):
        on = PartialDate.from_stored(row.occurred_on, row.occurred_precision)
        assert on is not None
        fact = Fact(
            id=row.id,
            kind=EvidenceKind(row.kind),
            on=on,
            supersedes=row.supersedes_id,
            reliability=Reliability(row.reliability),
        )
        found[row.person_id].append(Dated(fact, row.recorded_at))
    return found


def _last_informed(session: Session, contact_ids: list[int]) -> dict[int, ContactLogEntry]:
    """Each contact's latest log entry that informed them of the register's news."""
    if not contact_ids:
        return {}
    latest = (
        select(func.max(ContactLogEntry.id))
        .where(
            ContactLogEntry.contact_id.in_(contact_ids),
            ContactLogEntry.told_status.is_not(None),
        )
        .group_by(ContactLogEntry.contact_id)
    )
    rows = session.scalars(select(ContactLogEntry).where(ContactLogEntry.id.in_(latest)))
    return {row.contact_id: row for row in rows}


def told_of(
    contact: Contact, informed: ContactLogEntry | None, dated: list[Dated]
) -> frozenset[int]:
    """The evidence the family knows of: what the last informing named, or before any, what
    the register held when the contact was recorded."""
    if informed is not None:
        return frozenset(json_ids(informed.told_evidence))
    return frozenset(d.fact.id for d in dated if d.recorded_at <= contact.created_at)


# Evidence is read again from a while before a family was last told (or recorded): a piece
# of evidence committed by a concurrent transaction may carry a time a little before it.
MARGIN = timedelta(hours=1)


def _candidates(session: Session, *, after: int, limit: int) -> list[tuple[Contact, Person]]:
    """Consenting contacts of own persons with evidence recorded (or merged in) since they
    were last told, the first `limit` of those numbered above `after`: the rules then decide
    whether that is news. Only a narrowing: what the family was told is decided by the
    evidence ids (`told_of`), never by these times."""
    latest = (
        select(ContactLogEntry.told_through)
        .where(ContactLogEntry.contact_id == Contact.id, ContactLogEntry.told_status.is_not(None))
        .order_by(ContactLogEntry.id.desc())
        .limit(1)
        .correlate(Contact)
        .scalar_subquery()
    )
    since = func.coalesce(latest, Contact.created_at)
    changed = or_(
        exists().where(Evidence.person_id == Contact.person_id, Evidence.recorded_at > since),
        exists().where(
            PersonHistory.person_id == Contact.person_id,
            PersonHistory.action.in_([HistoryAction.MERGE.value, HistoryAction.UNMERGE.value]),
            PersonHistory.at > since,
        ),
    )
    query = (
        select(Contact, Person)
        .join(Person, Person.id == Contact.person_id)
        .where(
            and_(
                Contact.id > after,
                Contact.consent_contact.is_(True),
                Contact.consent_withdrawn_at.is_(None),
                Person.merged_into_id.is_(None),
                Person.side == Side.OWN.value,
                changed,
            )
        )
        .order_by(Contact.id)
        .limit(limit)
    )
    return [(row[0], row[1]) for row in session.execute(query)]


def pending_news(
    session: Session, pairs: list[tuple[Contact, Person]], *, as_of: date
) -> list[QueueItem]:
    """The news of each contact's person for that contact, where there is any."""
    facts = facts_of(session, sorted({person.id for _contact, person in pairs}))
    informed = _last_informed(session, [contact.id for contact, _person in pairs])
    items = []
    for contact, person in pairs:
        dated = facts.get(person.id, [])
        told = told_of(contact, informed.get(contact.id), dated)
        news = news_for([d.fact for d in dated], told=told, side=Side(person.side), as_of=as_of)
        if news is not None:
            snapshot = tuple(sorted(d.fact.id for d in dated))
            items.append(QueueItem(contact, person, news, snapshot))
    return items


Place = tuple[bool, bool, int]  # where a family stands: (not in person, not a new status, contact)


def place_of(item: QueueItem) -> Place:
    """The queue's order: deaths to tell in person first, then changes of status, then other
    news; the oldest contact first within each."""
    return (not item.news.in_person, not item.news.status_changed, item.contact.id)


def queue_order(session: Session, *, as_of: date) -> list[Place]:
    """Every family in the queue, in its order. The news of each family decides its place, and
    the news comes from the rules (`news_for`), not from SQL: the whole queue is derived,
    `BATCH` contacts at a time, and only each family's place is kept."""
    places: list[Place] = []
    after = 0
    while pairs := _candidates(session, after=after, limit=BATCH):
        places += [place_of(item) for item in pending_news(session, pairs, as_of=as_of)]
        after = pairs[-1][0].id
    places.sort()
    return places


def queue_items(session: Session, places: Sequence[Place], *, as_of: date) -> list[QueueItem]:
    """The families at these places, derived again, in the queue's order."""
    wanted = [contact_id for _in_person, _status, contact_id in places]
    if not wanted:
        return []
    query = (
        select(Contact, Person)
        .join(Person, Person.id == Contact.person_id)
        .where(Contact.id.in_(wanted))
        .order_by(Contact.id)
    )
    pairs = [(row[0], row[1]) for row in session.execute(query)]
    return sorted(pending_news(session, pairs, as_of=as_of), key=place_of)


@dataclass(frozen=True)
class QueueSlice:
    items: list[QueueItem]  # the families asked for (the last page, if asked for one past it)
    total: int  # families in the whole queue
    page: int  # which page `items` is, from 1


def queue_slice(
    session: Session,
    *,
    actor: Actor,
    page: int = 1,
    per_page: int | None = None,
    as_of: date | None = None,
) -> QueueSlice:
    """A page of the queue (`queue_order`), or all of it without `per_page`; the families
    shown are what the audit entry names."""
    actor.require(Permission.FAMILIES)
    day = as_of or date.today()
    places = queue_order(session, as_of=day)
    if per_page is None:
        page, chosen = 1, places
    else:
        page = min(max(page, 1), max(1, -(-len(places) // per_page)))
        chosen = places[(page - 1) * per_page : page * per_page]
    items = queue_items(session, chosen, as_of=day)
    _audit_read(session, actor, items, {"page": page} if page > 1 else {})
    return QueueSlice(items, len(places), page)


def families_to_inform(
    session: Session,
    *,
    actor: Actor,
    as_of: date | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[QueueItem]:
    """The queue in its order (`queue_order`), from the `offset`-th family, at most `limit`."""
    actor.require(Permission.FAMILIES)
    day = as_of or date.today()
    places = queue_order(session, as_of=day)[offset:]
    items = queue_items(session, places[:limit] if limit is not None else places, as_of=day)
    _audit_read(session, actor, items, {"offset": offset} if offset else {})
    return items


def _audit_read(
    session: Session, actor: Actor, items: list[QueueItem], where: dict[str, int]
) -> None:
    audit.log(
        session,
        actor,
        AuditAction.VIEW_FAMILY_QUEUE,
        detail={"contacts": [item.contact.id for item in items], **where},
    )


def news_of_contact(session: Session, contact: Contact, *, as_of: date) -> QueueItem | None:
    person = session.get(Person, contact.person_id)
    if person is None or person.side != Side.OWN.value:
        return None
    found = pending_news(session, [(contact, person)], as_of=as_of)
    return found[0] if found else None


def record_informed(
    session: Session, *, actor: Actor, contact_id: int, informed: InformedIn
) -> ContactLogEntry:
    """The family was told the news the queue showed (`informed.told`, the evidence its item
    stood on; none given: all the evidence on the person now). Only evidence still on the
    person counts as told, so what was recorded since the queue was read stays news. A death
    is told in person."""
    actor.require(Permission.FAMILIES)
    contact = get_contact(session, contact_id)
    person = session.get(Person, contact.person_id)
    assert person is not None
    item = news_of_contact(session, contact, as_of=date.today())
    if item is not None and item.news.in_person and informed.kind is not LogKind.MEETING:
        raise InvalidInput("kind", IN_PERSON)
    told, through = _told(session, person.id, informed.told)
    row = ContactLogEntry(
        contact_id=contact.id,
        kind=informed.kind.value,
        occurred_at=utcnow(),
        summary=(informed.summary or "").strip(),
        told_status=item.news.after.value if item else person.status,
        told_evidence=told,
        told_through=through,
        recorded_by=actor.name,
        channel=actor.channel.value,
    )
    session.add(row)
    session.flush()
    audit.log(
        session,
        actor,
        AuditAction.FAMILY_INFORMED,
        object_type="contact",
        object_id=contact.id,
        detail={"entry": row.id, "kind": row.kind, "status": row.told_status, "told": told},
    )
    return row


def _told(session: Session, person_id: int, asked: tuple[int, ...]) -> tuple[list[int], datetime]:
    """The evidence on the person that the family was told of (all of it when none is named),
    and a moment before which every piece of evidence on the person is among it."""
    query = select(Evidence.id, Evidence.recorded_at).where(Evidence.person_id == person_id)
    on_person = {row[0]: row[1] for row in session.execute(query)}
    named = set(asked) if asked else set(on_person)
    told = sorted(i for i in on_person if i in named)
    untold = [at for i, at in on_person.items() if i not in named]
    return told, min([utcnow() - MARGIN, *untold]) - timedelta(microseconds=1)
