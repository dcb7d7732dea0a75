"""The testimonies' part of the synthetic demo: returnees in the register are debriefed, each
naming several persons still held — by a name as heard (in Cyrillic or Latin letters, whole
or only the surname), a guessed age, a place by one of its names, a month or a year. Most are
found in the register and linked by the interviewer (each a sighting on the person); some
name nobody the register holds and wait in the queue, with a few findable ones left for a
reviewer. Synthetic data only: the names are the register's own, or invented."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.dates import PartialDate
from homeward.db import session_factory, transaction
from homeward.demo.sites import DETENTION_SITES
from homeward.names import transliterate
from homeward.registry.models import Evidence, Person, Place, PlaceAlias
from homeward.registry.vocab import EvidenceKind, PlaceKind, Side, Status
from homeward.testimonies import service
from homeward.testimonies.matching import candidates_for
from homeward.testimonies.schemas import DebriefingIn, MentionIn

INTERVIEWER = "operator"  # the demo user of the role that records debriefings
WITNESSES = 24
HELD = (Status.CAPTIVITY_POSSIBLE.value, Status.CAPTIVITY_CONFIRMED.value, Status.MISSING.value)
# invented names nobody in a demo register carries: the mentions nobody can resolve
UNKNOWN = (
    "Вербозуб", "Кривопуст", "Дзвонарчук", "Лелекун", "Sashko z Poltavy", "Тарасик",
    "Pryshchepa Mykola", "Горобчишин", "Ромко", "Шуляківець Петро",
)  # fmt: skip
CONDITIONS = (None, None, "wounded", "ill", "beaten", "starved", "good")
WORDS = (  # as the witnesses said it
    "ми були в одній камері",
    "його привели після допиту",
    "ми разом працювали на кухні",
    "його забрали на етап, і він не повернувся",
    "він просив переказати матері, що живий",
)


@dataclass(frozen=True)
class TestimonyDemo:
    debriefings: int
    mentions: int
    linked: int
    open: int


def build_testimony_demo(engine: Engine, *, seed: int) -> TestimonyDemo:
    rng = random.Random(seed * 7919 + 13)
    actor = Actor(INTERVIEWER, Channel.DEMO)
    debriefings = mentions = linked = 0
    with transaction(session_factory(engine)) as session:
        witnesses = _returnees(session, rng)
        held = list(
            session.scalars(
                select(Person).where(
                    Person.side == Side.OWN.value,
                    Person.status.in_(HELD),
                    Person.merged_into_id.is_(None),
                )
            )
        )
        places = _place_names(session)
        if not held or not places:
            return TestimonyDemo(0, 0, 0, 0)
        for witness, returned in witnesses:
            rows = [
                _mention(session, rng, p, returned, places)
                for p in rng.sample(held, min(len(held), rng.randint(3, 6)))
            ]
            rows += [_unknown(rng, returned, places) for _ in range(rng.choice((0, 1, 1, 2)))]
            rng.shuffle(rows)
            recorded = service.record_debriefing(
                session,
                actor=actor,
                debriefing=DebriefingIn(
                    witness_name=" ".join(p for p in (witness.surname, witness.given_name) if p),
                    witness_person_id=witness.id,
                    interviewer=INTERVIEWER,
                    held_on=min(returned + timedelta(days=rng.randint(3, 40)), date.today()),
                    language="uk",
                    mentions=rows,
                ),
            )
            if recorded.source is not None:  # named as the demo's other sources are
                recorded.source.name = f"опитування {recorded.id}: {recorded.witness_name}"[:300]
            debriefings += 1
            mentions += len(rows)
            linked += sum(1 for m in rows if m.person_id is not None)
    return TestimonyDemo(debriefings, mentions, linked, mentions - linked)


def _returnees(session: Session, rng: random.Random) -> list[tuple[Person, date]]:
    rows = session.execute(
        select(Person, Evidence.occurred_on)
        .join(Evidence, Evidence.person_id == Person.id)
        .where(
            Person.status == Status.RETURNED.value,
            Person.merged_into_id.is_(None),
            Evidence.kind == EvidenceKind.RETURNED.value,
        )
        .order_by(Person.id)
    ).all()
    unique = list({person.id: (person, day) for person, day in rows}.values())
    rng.shuffle(unique)
    return [(p, day) for p, day in unique[:WITNESSES] if day >= date(2022, 6, 1)]


def _place_names(session: Session) -> list[str]:
    """The adversary's places of detention, by their names and aliases (a witness names a
    place as he can). A returnee saw our people only where the adversary held them: never in
    our own camps, which hold the adversary's servicemen."""
    captors = [site.name_uk for site in DETENTION_SITES if site.holder == "captor"]
    detention = Place.kind.in_(
        [k.value for k in PlaceKind if k is not PlaceKind.OTHER]
    ) & Place.name.in_(captors)
    names = list(session.scalars(select(Place.name).where(detention)))
    names += list(session.scalars(select(PlaceAlias.alias).join(Place).where(detention)))
    return names


def _heard(rng: random.Random, person: Person) -> str:
    """The name as the witness said it: as written, in Latin letters, or the surname alone."""
    full = " ".join(p for p in (person.surname, person.given_name) if p)
    roll = rng.random()
    if roll < 0.25:
        return transliterate(full)
    if roll < 0.35:
        return person.surname
    return full


def _when(rng: random.Random, returned: date) -> str:
    seen = returned - timedelta(days=rng.randint(30, 400))
    if rng.random() < 0.3:
        return str(seen.year)
    start = PartialDate(seen.year, seen.month)
    if rng.random() < 0.5:
        return start.iso()[5:7] + "." + str(seen.year)
    end = returned - timedelta(days=rng.randint(0, 29))
    return f"{seen.month:02d}.{seen.year} - {end.month:02d}.{end.year}"


def _age(rng: random.Random, person: Person) -> str | None:
    birth = person.birth
    if birth is None or rng.random() < 0.3:
        return None
    years = date.today().year - birth.year - rng.randint(0, 3)
    return f"~{years}" if rng.random() < 0.6 else f"{years - 3}-{years + 3}"


def _mention(
    session: Session, rng: random.Random, person: Person, returned: date, places: list[str]
) -> MentionIn:
    heard = _heard(rng, person)
    found = candidates_for(session, name_heard=heard, unit=person.unit)
    # the interviewer links when the register's best candidate is likely; a few are left to
    # the reviewer
    chosen = found[0].person_id if found and found[0].likely and rng.random() < 0.85 else None
    return MentionIn(
        name_heard=heard,
        age=_age(rng, person),
        unit=person.unit if rng.random() < 0.3 else None,
        place=rng.choice(places),
        when=_when(rng, returned),
        condition=rng.choice(CONDITIONS),
        words=rng.choice(WORDS),
        person_id=chosen,
    )


def _unknown(rng: random.Random, returned: date, places: list[str]) -> MentionIn:
    return MentionIn(
        name_heard=rng.choice(UNKNOWN),
        age=f"~{rng.randint(20, 50)}",
        place=rng.choice(places),
        when=_when(rng, returned),
        words=rng.choice(WORDS),
    )
