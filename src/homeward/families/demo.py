"""The families' part of the synthetic demo: what a liaison would find after some months of
work. Contacts (the generator's) get a language and a channel; news arrives for some persons
(evidence, through the register's service), so that a queue of families to inform exists, some
of them already told; codes are issued (one is returned to be printed), a relative writes, a
few extracts are issued and a few e-mails wait in the outbox. Synthetic data only."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.db import session_factory, transaction
from homeward.families import access, extracts, outbox, queue
from homeward.families.messages import Sender, record_message
from homeward.families.papers import DEFAULT_BASE, full_name
from homeward.families.schemas import InformedIn, OutboxIn
from homeward.families.vocab import ContactChannel, LogKind
from homeward.registry.evidence import add_evidence
from homeward.registry.models import Contact, Person
from homeward.registry.schemas import EvidenceIn, SourceIn
from homeward.registry.vocab import EvidenceKind, Side, SourceKind, Status

LIAISON = "liaison"  # the demo user of the role, who "issued" the codes
ACTIVE = (Status.MISSING, Status.CAPTIVITY_POSSIBLE, Status.CAPTIVITY_CONFIRMED)
# (what arrives, for how many persons, the source that says it)
NEWS: tuple[tuple[EvidenceKind, int, str], ...] = (
    (EvidenceKind.ICRC_NOTIFICATION, 14, "ICRC notifications"),
    (EvidenceKind.TESTIMONY_SIGHTING, 10, "Returnees' testimonies"),
    (EvidenceKind.RETURNED, 6, "Exchange lists"),
    (EvidenceKind.DIED, 3, "Unit reports"),
)
SOURCE_KINDS = {
    "ICRC notifications": SourceKind.ORGANISATION,
    "Returnees' testimonies": SourceKind.RETURNEE,
    "Exchange lists": SourceKind.LIST,
    "Unit reports": SourceKind.OFFICIAL,
}


@dataclass(frozen=True)
class FamilyDemo:
    code: str  # one family's access code, to try the family page with
    person_id: int
    person_name: str
    contact_name: str
    relation: str
    codes: int
    extracts: int


def build_family_demo(engine: Engine, *, seed: int, base: str = DEFAULT_BASE) -> FamilyDemo:
    rng = random.Random(seed)
    actor = Actor(LIAISON, Channel.DEMO)
    with transaction(session_factory(engine)) as session:
        _preferences(session, rng)
        pairs = _consenting(session)
        rng.shuffle(pairs)
        touched = _news(session, rng, pairs)
        _inform_some(session, actor, touched)
        shown = _codes(session, actor, rng, pairs, avoid={p.id for _c, p in touched})
        issued = _extracts(session, actor, [p for _c, p in pairs[:3]], base)
        _drafts(session, actor, pairs)
    code, contact, person, codes = shown
    return FamilyDemo(
        code, person.id, full_name(person), contact.name, contact.relation, codes, issued
    )


def count_families_to_inform(engine: Engine) -> int:
    """How many families the queue holds now: counted once the whole demo is built, since
    the exchanges' returns and the debriefings' sightings are news to families too."""
    with transaction(session_factory(engine)) as session:
        return len(queue.queue_order(session, as_of=date.today()))


def _preferences(session: Session, rng: random.Random) -> None:
    """A quarter of the families with an e-mail prefer it; a few read English."""
    rows = session.execute(select(Contact.id, Contact.email)).all()
    by_email = [cid for cid, email in rows if email and rng.random() < 0.25]
    english = [cid for cid, _email in rows if rng.random() < 0.03]
    for ids, values in ((by_email, {"channel": ContactChannel.EMAIL.value}),
                        (english, {"language": "en"})):  # fmt: skip
        if ids:
            session.execute(update(Contact).where(Contact.id.in_(ids)).values(**values))


def _consenting(session: Session) -> list[tuple[Contact, Person]]:
    """One consenting contact of each of our own persons who is still being searched for."""
    query = (
        select(Contact, Person)
        .join(Person, Person.id == Contact.person_id)
        .where(
            Contact.consent_contact.is_(True),
            Person.merged_into_id.is_(None),
            Person.side == Side.OWN.value,
            Person.status.in_([s.value for s in ACTIVE]),
        )
        .order_by(Person.id, Contact.id)
    )
    seen: dict[int, tuple[Contact, Person]] = {}
    for row in session.execute(query):
        seen.setdefault(row[1].id, (row[0], row[1]))
    return list(seen.values())


def _news(
    session: Session, rng: random.Random, pairs: list[tuple[Contact, Person]]
) -> list[tuple[Contact, Person]]:
    """Evidence that arrives after the families were last told: the queue is derived from it."""
    touched: list[tuple[Contact, Person]] = []
    pool = iter(pairs)
    for kind, count, source in NEWS:
        for contact, person in (p for _ in range(count) if (p := next(pool, None))):
            on = date.today() - timedelta(days=rng.randint(3, 60))
            evidence = EvidenceIn(
                kind=kind,
                on=on,
                source=SourceIn(kind=SOURCE_KINDS[source], name=source),
            )
            actor = Actor("demo", Channel.DEMO)
            add_evidence(session, actor=actor, person_id=person.id, evidence=evidence)
            touched.append((contact, person))
    return touched


def _inform_some(session: Session, actor: Actor, touched: list[tuple[Contact, Person]]) -> int:
    """The liaison already told a few families (by phone): they left the queue."""
    told = 0
    for item in queue.pending_news(session, touched[:4], as_of=date.today()):
        if item.news.in_person:
            continue
        informed = InformedIn(kind=LogKind.CALL, summary="Told by phone.", told=item.snapshot)
        queue.record_informed(session, actor=actor, contact_id=item.contact.id, informed=informed)
        told += 1
    return told


def _codes(
    session: Session,
    actor: Actor,
    rng: random.Random,
    pairs: list[tuple[Contact, Person]],
    *,
    avoid: set[int],
) -> tuple[str, Contact, Person, int]:
    """Codes for twenty families; one of them, for a person with no news pending (so that its
    page shows a status and not a call to make), is returned; one other is withdrawn."""
    chosen = [p for p in pairs if p[1].id not in avoid][:20]
    confirmed = [p for p in chosen if p[1].status == Status.CAPTIVITY_CONFIRMED.value]
    chosen = confirmed[:1] + [p for p in chosen if p not in confirmed[:1]]
    first = None
    for contact, person in chosen:
        issued = access.issue_code(session, actor=actor, contact_id=contact.id, valid_days=365)
        if first is None:
            first = (issued.code, contact, person)
            sender = Sender(issued.row.id, contact.id, contact.relation, person.id,
                            access.family_actor(issued.row.id, None))  # fmt: skip
            record_message(session, sender=sender, words=message_from(contact, person))
        elif rng.random() < 0.1:
            access.revoke_code(session, actor=actor, code_id=issued.row.id, reason="лист загубився")
    assert first is not None, "the demo register has no family to give a code to"
    return (*first, len(chosen))


# Whom the relative speaks of, by the relative's relation and the person's sex: a wife asks
# about her husband, never about "my son".
_KIN: dict[tuple[str, str], str] = {
    ("mother", "M"): "мого сина",
    ("mother", "F"): "мою доньку",
    ("father", "M"): "мого сина",
    ("father", "F"): "мою доньку",
    ("wife", "M"): "мого чоловіка",
    ("husband", "F"): "мою дружину",
    ("son", "M"): "мого батька",
    ("son", "F"): "мою матір",
    ("daughter", "M"): "мого батька",
    ("daughter", "F"): "мою матір",
    ("brother", "M"): "мого брата",
    ("brother", "F"): "мою сестру",
    ("sister", "M"): "мого брата",
    ("sister", "F"): "мою сестру",
}


def message_from(contact: Contact, person: Person) -> str:
    """The demo family's message, its words agreeing with who writes about whom."""
    kin = _KIN.get((contact.relation, person.sex), "нашу рідну людину")
    return (
        f"Добрий день. Сусід, який повернувся з полону, каже, що бачив {kin} восени. "
        "Чи можете ви це перевірити?"
    )


def _extracts(session: Session, actor: Actor, persons: list[Person], base: str) -> int:
    for person in persons:
        extracts.issue_extract(session, actor=actor, person_id=person.id, base=base)
    return len(persons)


def _drafts(session: Session, actor: Actor, pairs: list[tuple[Contact, Person]]) -> None:
    """Two e-mails written, waiting for a liaison's approval."""
    written = 0
    for contact, person in pairs:
        if written == 2:
            return
        if not contact.email or queue.news_of_contact(session, contact, as_of=date.today()):
            continue
        words = OutboxIn(
            subject=f"Пошук: {full_name(person)}",
            body="Доброго дня!\n\nНових відомостей поки немає. Ми на зв'язку.",
        )
        outbox.draft_message(session, actor=actor, contact_id=contact.id, message=words)
        written += 1
