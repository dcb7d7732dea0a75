"""Places of detention seen through testimonies and other evidence: who was seen or held at a
place and when, who was moved between which places, and each person's last sighting. Reads
the evidence (the only truth about whereabouts) and the open mentions that name the place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, selectinload

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.dates import PartialDate
from homeward.errors import NotFound
from homeward.registry.models import Evidence, Person, Place
from homeward.registry.vocab import PlaceKind
from homeward.testimonies.models import Mention
from homeward.testimonies.service import currently_linked
from homeward.testimonies.timeline import (
    LastSighting,
    Move,
    Sighting,
    last_sightings,
    moves_through,
)

T = TypeVar("T")


@dataclass(frozen=True)
class TimelineRow:
    on: PartialDate
    person_id: int
    person_name: str
    kind: str
    source: str | None
    note: str | None


@dataclass(frozen=True)
class OpenMention:
    mention_id: int
    debriefing_id: int
    name_heard: str | None
    start: PartialDate | None
    end: PartialDate | None


@dataclass(frozen=True)
class Shown:
    """Which page of each of a place's three lists to show; all of each when `per_page` is
    None. A page past the last is the last."""

    per_page: int | None = None
    last: int = 1
    moves: int = 1
    timeline: int = 1


@dataclass(frozen=True)
class PlaceView:
    place: Place
    timeline: list[TimelineRow]  # the rows shown
    moves: list[Move]
    last: list[LastSighting]
    open_mentions: list[OpenMention]
    names: dict[int, str]  # person id -> name
    places: dict[int, str]  # place id -> name
    totals: dict[str, int]  # "last", "moves", "timeline" -> how many in all
    pages: dict[str, int]  # "last", "moves", "timeline" -> the page shown


def _page(rows: list[T], per_page: int | None, asked: int) -> tuple[list[T], int]:
    if per_page is None:
        return rows, 1
    page = min(max(asked, 1), max(1, -(-len(rows) // per_page)))
    return rows[(page - 1) * per_page : page * per_page], page


@dataclass(frozen=True)
class PlaceSummary:
    place: Place
    persons: int
    last_seen: PartialDate | None  # the year of the latest row


def _full_name(person: Person) -> str:
    return " ".join(p for p in (person.surname, person.given_name, person.patronymic) if p)


def _standing() -> ColumnElement[bool]:
    """Evidence not superseded by later evidence (a retraction or a correction)."""
    superseded = select(Evidence.supersedes_id).where(Evidence.supersedes_id.is_not(None))
    return Evidence.id.not_in(superseded)


def _sightings(session: Session, person_ids: set[int]) -> list[Evidence]:
    if not person_ids:
        return []
    query = (
        select(Evidence)
        .where(Evidence.person_id.in_(person_ids), Evidence.place_id.is_not(None), _standing())
        .options(selectinload(Evidence.source))
    )
    return list(session.scalars(query))


def place_view(
    session: Session, *, actor: Actor, place_id: int, shown: Shown | None = None
) -> PlaceView:
    """A place's page: its timeline, moves through it, last sightings, each the page of it
    `shown` asks for; the read is audited with the persons the pages show."""
    shown = shown or Shown()
    actor.require(Permission.READ)
    place = session.get(Place, place_id)
    if place is None:
        raise NotFound("there is no place %(place_id)s", place_id=place_id)
    here_ids = set(
        session.scalars(
            select(Evidence.person_id).where(Evidence.place_id == place_id, _standing())
        )
    )
    rows = _sightings(session, here_ids)
    persons = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(here_ids)))}
    names = {pid: _full_name(p) for pid, p in persons.items()}
    sightings = [Sighting(e.person_id, e.place_id or 0, e.on, e.kind, e.id) for e in rows]
    timeline = sorted(
        (
            TimelineRow(
                e.on,
                e.person_id,
                names[e.person_id],
                e.kind,
                e.source.name if e.source else None,
                e.note,
            )
            for e in rows
            if e.place_id == place_id
        ),
        key=lambda r: (r.on.earliest, r.person_id),
    )
    found_moves = moves_through(sightings, place_id)
    found_last = last_sightings(sightings, place_id)
    totals = {"last": len(found_last), "moves": len(found_moves), "timeline": len(timeline)}
    found_last, last_page = _page(found_last, shown.per_page, shown.last)
    found_moves, moves_page = _page(found_moves, shown.per_page, shown.moves)
    timeline, timeline_page = _page(timeline, shown.per_page, shown.timeline)
    place_ids = (
        {m.from_place_id for m in found_moves} | {m.to_place_id for m in found_moves} | {place_id}
    )
    place_names: dict[int, str] = {}
    for row in session.execute(select(Place.id, Place.name).where(Place.id.in_(place_ids))):
        place_names[row.id] = row.name
    audit.log(
        session,
        actor,
        AuditAction.VIEW_PLACE,
        object_type="place",
        object_id=place_id,
        detail={
            "persons": sorted(
                {s.person_id for s in found_last}
                | {m.person_id for m in found_moves}
                | {r.person_id for r in timeline}
            ),
            "pages": {"last": last_page, "moves": moves_page, "timeline": timeline_page},
        },
    )
    return PlaceView(
        place=place,
        timeline=timeline,
        moves=found_moves,
        last=found_last,
        open_mentions=_open_mentions_at(session, place_id),
        names=names,
        places=place_names,
        totals=totals,
        pages={"last": last_page, "moves": moves_page, "timeline": timeline_page},
    )


def _open_mentions_at(session: Session, place_id: int) -> list[OpenMention]:
    linked = currently_linked()
    query = (
        select(Mention)
        .where(Mention.place_id == place_id, Mention.id.not_in(linked))
        .order_by(Mention.seen_from, Mention.id)
    )
    return [
        OpenMention(m.id, m.debriefing_id, m.name_heard, m.seen_start, m.seen_end)
        for m in session.scalars(query)
    ]


def list_places(session: Session, *, actor: Actor) -> list[PlaceSummary]:
    """Places of detention (any kind but `other`) and every place a witness named, with how
    many persons were seen or held there and the latest year; a place only named as where
    someone went missing is left out."""
    actor.require(Permission.READ)
    counts = {
        place_id: (persons, last)
        for place_id, persons, last in session.execute(
            select(
                Evidence.place_id,
                func.count(func.distinct(Evidence.person_id)),
                func.max(Evidence.occurred_on),
            )
            .where(Evidence.place_id.is_not(None), _standing())
            .group_by(Evidence.place_id)
        )
    }
    named = select(Mention.place_id).where(Mention.place_id.is_not(None))
    places = session.scalars(
        select(Place)
        .where((Place.kind != PlaceKind.OTHER.value) | Place.id.in_(named))
        .options(selectinload(Place.aliases))
        .order_by(Place.name)
    )
    found = []
    for place in places:
        persons, last = counts.get(place.id, (0, None))
        # the latest stored day is the first day its date may be: only its year is sure
        found.append(PlaceSummary(place, persons, PartialDate(last.year) if last else None))
    return sorted(found, key=lambda s: (-s.persons, s.place.name))
