"""The violations' part of the synthetic demo: incidents whose victims are demo persons, in
proportions like those the seeds report — torture reported by more than 95% of the released,
starvation and denial of medical care for most, executions of prisoners, prosecutions for
lawful combat, captives shown in the captor's media — each act on the sources that would
support it. A few generated files go into the store. Synthetic data only."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.db import session_factory, transaction
from homeward.registry.models import Evidence, Person, Place
from homeward.registry.schemas import SourceIn
from homeward.registry.sources import get_or_create_source
from homeward.registry.vocab import EvidenceKind, Side, SourceKind, Status
from homeward.violations import files, service
from homeward.violations.models import Incident
from homeward.violations.schemas import ActIn, IncidentIn, PerpetratorIn, SourceRef
from homeward.violations.store import FileStore

INVESTIGATOR = "investigator"  # the demo user of the role, who "recorded" the incidents
DETENTION = ("sizo", "colony", "camp", "temporary", "hospital")
# (act type, the share of returnees of a place and year who report it)
REPORTED_BY_RETURNEES: tuple[tuple[str, float], ...] = (
    ("torture_beating", 0.62),
    ("torture_electric_shock", 0.22),
    ("torture_sexual_violence", 0.04),
    ("torture_other", 0.10),
    ("inhuman_treatment", 0.60),
    ("starvation", 0.72),
    ("denial_of_medical_care", 0.50),
    ("incommunicado_detention", 0.25),
    ("forced_labour", 0.15),
)
TORTURE_SHARE = 0.96  # of returnees, at least one kind of torture (the seeds: more than 95%)
SOURCES = {
    "returnees": ("Опитування повернутих з полону", SourceKind.RETURNEE),
    "monitors": ("Звіти моніторингової місії", SourceKind.ORGANISATION),
    "media": ("Відео в медіа сторони-утримувача", SourceKind.MEDIA),
    "courts": ("Матеріали судів сторони-утримувача", SourceKind.OFFICIAL),
}


@dataclass(frozen=True)
class ViolationsDemo:
    incidents: int
    acts: int
    victims: int
    files: int


@dataclass(frozen=True)
class Held:
    person_id: int
    place_id: int
    on: date
    status: str


def build_violations_demo(
    engine: Engine, *, seed: int, store: FileStore | None = None
) -> ViolationsDemo:
    rng = random.Random(seed)
    actor = Actor(INVESTIGATOR, Channel.DEMO)
    with transaction(session_factory(engine)) as session:
        sources = {
            key: get_or_create_source(session, SourceIn(kind=kind, name=name)).id
            for key, (name, kind) in SOURCES.items()
        }
        session.flush()
        held = _last_place_held(session)
        staff = _staff(session, actor, {h.place_id for h in held})
        made = _returnees_incidents(session, actor, rng, held, staff, sources["returnees"])
        made += _executions(session, actor, staff, sources["monitors"])
        made += _prosecutions(session, actor, staff, sources["courts"])
        made += _media(session, actor, rng, sources["media"])
        added = _files(session, actor, rng, store, made) if store is not None else 0
        acts = sum(len(incident.acts) for incident in made)
        victims = len({v.person_id for i in made for a in i.acts for v in a.victims})
    return ViolationsDemo(len(made), acts, victims, added)


def _last_place_held(session: Session) -> list[Held]:
    """Each own person's last piece of evidence at a place of detention."""
    rows = session.execute(
        select(Evidence.person_id, Evidence.place_id, Evidence.occurred_on, Person.status)
        .join(Person, Person.id == Evidence.person_id)
        .join(Place, Place.id == Evidence.place_id)
        .where(Person.side == Side.OWN.value, Person.merged_into_id.is_(None))
        .where(Place.kind.in_(DETENTION))
        .order_by(Evidence.person_id, Evidence.occurred_on)
    )
    last: dict[int, Held] = {}
    for person_id, place_id, on, status in rows:
        if place_id is not None:  # joined on it: never None, but the column may be
            last[person_id] = Held(person_id, place_id, on, status)
    return list(last.values())


def _staff(session: Session, actor: Actor, place_ids: set[int]) -> dict[int, int]:
    staff = {}
    for place in session.scalars(select(Place).where(Place.id.in_(place_ids)).order_by(Place.id)):
        staff[place.id] = service.record_perpetrator(
            session,
            actor=actor,
            perpetrator=PerpetratorIn(
                kind="facility_staff",
                name=f"Персонал: {place.name}",
                place_id=place.id,
                note="черговий персонал, як його назвали звільнені з полону",
            ),
        ).id
    return staff


def _returnees_incidents(
    session: Session,
    actor: Actor,
    rng: random.Random,
    held: list[Held],
    staff: dict[int, int],
    source: int,
) -> list[Incident]:
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for h in held:
        if h.status == Status.RETURNED:
            groups[(h.place_id, h.on.year)].append(h.person_id)
    made = []
    for (place_id, year), persons in sorted(groups.items()):
        acts = []
        reported = _reported(rng, persons)
        for act_type, _share in REPORTED_BY_RETURNEES:
            victims = tuple(sorted(p for p in persons if act_type in reported[p]))
            if not victims:
                continue
            credibility = (
                "confirmed"
                if len(victims) >= 3
                else "probable"
                if len(victims) == 2
                else "possible"
            )
            acts.append(
                ActIn(
                    act_type=act_type,
                    victims=victims,
                    perpetrators=(staff[place_id],),
                    sources=(SourceRef(source, "medium", credibility),),
                    place_id=place_id,
                    occurred=str(year),
                )
            )
        if acts:
            title = f"Поводження з полоненими, {year}"
            made.append(
                service.record_incident(
                    session,
                    actor=actor,
                    incident=IncidentIn(title=title, acts=tuple(acts), place_id=place_id),
                )
            )
    return made


def _reported(rng: random.Random, persons: list[int]) -> dict[int, set[str]]:
    """What each returnee reports: at least one kind of torture for TORTURE_SHARE of them
    (the kinds drawn by their shares among the tortured, beating when none was drawn), and
    each other act by its share."""
    reported: dict[int, set[str]] = {}
    for person in persons:
        tortured = rng.random() < TORTURE_SHARE
        kinds = {
            act_type
            for act_type, share in REPORTED_BY_RETURNEES
            if (tortured or not act_type.startswith("torture_"))
            and rng.random() < (share / TORTURE_SHARE if act_type.startswith("torture_") else share)
        }
        if tortured and not any(kind.startswith("torture_") for kind in kinds):
            kinds.add("torture_beating")
        reported[person] = kinds
    return reported


def _events(session: Session, kind: EvidenceKind) -> list[tuple[int, int | None, date]]:
    rows = session.execute(
        select(Evidence.person_id, Evidence.place_id, Evidence.occurred_on)
        .join(Person, Person.id == Evidence.person_id)
        .where(Evidence.kind == kind.value, Person.side == Side.OWN.value)
        .where(Person.merged_into_id.is_(None))
        .order_by(Evidence.id)
    )
    return [(p, place, on) for p, place, on in rows]


def _executions(
    session: Session, actor: Actor, staff: dict[int, int], source: int
) -> list[Incident]:
    made = []
    for person_id, place_id, on in _events(session, EvidenceKind.DIED):
        if place_id not in staff:
            continue  # died, but not in a place of detention
        act = ActIn(
            act_type="wilful_killing",
            victims=(person_id,),
            perpetrators=(staff[place_id],),
            sources=(SourceRef(source, "high", "probable"),),
            place_id=place_id,
            occurred=on.strftime("%m.%Y"),
        )
        made.append(
            service.record_incident(
                session,
                actor=actor,
                incident=IncidentIn(title="Смерть полоненого під вартою", acts=(act,)),
            )
        )
    return made


def _prosecutions(
    session: Session, actor: Actor, staff: dict[int, int], source: int
) -> list[Incident]:
    by_year: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    for person_id, place_id, on in _events(session, EvidenceKind.COURT_CASE):
        by_year[on.year].append((person_id, place_id))
    made = []
    for year, cases in sorted(by_year.items()):
        act = ActIn(
            act_type="prosecution_for_lawful_combat",
            victims=tuple(dict.fromkeys(p for p, _place in cases)),
            sources=(SourceRef(source, "high", "confirmed"),),
            occurred=str(year),
        )
        made.append(
            service.record_incident(
                session,
                actor=actor,
                incident=IncidentIn(title=f"Суди над військовополоненими, {year}", acts=(act,)),
            )
        )
    return made


def _media(session: Session, actor: Actor, rng: random.Random, source: int) -> list[Incident]:
    by_year: dict[int, list[int]] = defaultdict(list)
    for person_id, _place, on in _events(session, EvidenceKind.SEEN_IN_MEDIA):
        if rng.random() < 0.3:  # a video that shows him interrogated or paraded
            by_year[on.year].append(person_id)
    made = []
    for year, persons in sorted(by_year.items()):
        act = ActIn(
            act_type="public_curiosity",
            victims=tuple(dict.fromkeys(persons)),
            sources=(SourceRef(source, "medium", "confirmed"),),
            occurred=str(year),
        )
        made.append(
            service.record_incident(
                session,
                actor=actor,
                incident=IncidentIn(title=f"Полонені, показані на відео, {year}", acts=(act,)),
            )
        )
    return made


def _files(
    session: Session, actor: Actor, rng: random.Random, store: FileStore, made: list[Incident]
) -> int:
    """A generated summary for a few incidents, and a generated clip for the first incident
    of captives shown in videos (restricted, by its act type)."""
    added = 0
    chosen = made[:5] + [i for i in made if i.acts[0].act_type == "public_curiosity"][:1]
    for incident in chosen:
        video = incident.acts[0].act_type == "public_curiosity"
        if video:
            name, data = "clip.mp4", rng.randbytes(64 * 1024)
        else:
            name = f"summary-{incident.id}.txt"
            data = f"Synthetic summary of incident {incident.id}: {incident.title}.\n".encode()
        files.add_file(
            session,
            actor=actor,
            store=store,
            chunks=[data],
            given=files.FileIn(file_name=name, incident_id=incident.id),
            max_bytes=len(data),
        )
        added += 1
    return added
