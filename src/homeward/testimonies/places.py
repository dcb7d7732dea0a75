"""Places of detention seen through testimonies and other evidence: who was seen or held at a
place and when, who was moved between which places, and each person's last sighting. Reads
the evidence (the only truth about whereabouts) and the open mentions that name the place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, Select, case, cast, func, literal_column, or_, select
from sqlalchemy.orm import Session, selectinload

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.dates import PartialDate, Precision
from homeward.errors import NotFound
from homeward.registry.models import Evidence, Person, Place
from homeward.registry.vocab import PlaceKind
from homeward.testimonies.models import Mention
from homeward.testimonies.service import currently_linked
from homeward.testimonies.timeline import LastSighting, Move, Sighting


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


def _page_of(total: int, per_page: int | None, asked: int) -> tuple[int, int | None, int]:
    """The page shown (a page past the last is the last), its LIMIT and its OFFSET."""
    if per_page is None:
        return 1, None, 0
    page = min(max(asked, 1), max(1, -(-total // per_page)))
    return page, per_page, (page - 1) * per_page


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


def _latest_day(dialect: str) -> ColumnElement[Any]:
    """The last day a stored partial date may be (`PartialDate.latest`), in SQL: the day
    itself, the end of its month or of its year. For ordering only."""
    day, precision = Evidence.occurred_on, Evidence.occurred_precision
    if dialect == "postgresql":
        month_end: ColumnElement[Any] = cast(
            func.date_trunc("month", day) + literal_column("interval '1 month - 1 day'"), Date
        )
        year_end: ColumnElement[Any] = cast(
            func.date_trunc("year", day) + literal_column("interval '1 year - 1 day'"), Date
        )
    else:  # SQLite stores a day as YYYY-MM-DD text, which orders as the days do
        month_end = func.date(day, "start of month", "+1 month", "-1 day")
        year_end = func.date(day, "start of year", "+1 year", "-1 day")
    return case(
        (precision == Precision.MONTH.value, month_end),
        (precision == Precision.YEAR.value, year_end),
        else_=day,
    )


def _seen_here(place_id: int) -> Select[Any]:
    return select(Evidence.person_id).where(Evidence.place_id == place_id, _standing())


def _on(day: date, precision: str) -> PartialDate:
    found = PartialDate.from_stored(day, precision)
    assert found is not None
    return found


def _timeline(
    session: Session, place_id: int, shown: Shown
) -> tuple[list[tuple[Evidence, str | None]], int, int]:
    """The evidence at the place by day (the earliest it may be), then person, then record;
    one page of it, how many in all, and the page shown."""
    here = (Evidence.place_id == place_id, _standing())
    total = session.scalar(select(func.count()).select_from(Evidence).where(*here)) or 0
    page, limit, offset = _page_of(total, shown.per_page, shown.timeline)
    rows = list(
        session.scalars(
            select(Evidence)
            .where(*here)
            .options(selectinload(Evidence.source))
            .order_by(Evidence.occurred_on, Evidence.person_id, Evidence.id)
            .limit(limit)
            .offset(offset)
        )
    )
    return [(e, e.source.name if e.source else None) for e in rows], total, page


def _last_sightings(
    session: Session, place_id: int, shown: Shown, latest: ColumnElement[Any]
) -> tuple[list[LastSighting], int, int]:
    """Each person seen at the place, the most recently seen there first (by the last day his
    latest row there may be): one page, how many in all, and the page shown. A person's rows
    are ordered as `timeline._ordered` orders them (earliest day, latest day, record)."""
    newest_first = (Evidence.occurred_on.desc(), latest.desc(), Evidence.id.desc())
    columns = (
        Evidence.id,
        Evidence.person_id,
        Evidence.place_id,
        Evidence.occurred_on,
        Evidence.occurred_precision,
        Evidence.kind,
        latest.label("latest"),
    )
    ranked = (
        select(
            *columns,
            func.row_number()
            .over(partition_by=Evidence.person_id, order_by=newest_first)
            .label("rank"),
        )
        .where(Evidence.place_id == place_id, _standing())
        .subquery()
    )
    here = select(ranked).where(ranked.c.rank == 1)
    total = session.scalar(select(func.count()).select_from(here.subquery())) or 0
    page, limit, offset = _page_of(total, shown.per_page, shown.last)
    shown_here = session.execute(
        here.order_by(ranked.c.latest.desc(), ranked.c.person_id.desc()).limit(limit).offset(offset)
    ).all()
    persons = [row.person_id for row in shown_here]
    anywhere = (
        select(
            *columns,
            func.row_number()
            .over(partition_by=Evidence.person_id, order_by=newest_first)
            .label("rank"),
        )
        .where(Evidence.person_id.in_(persons), Evidence.place_id.is_not(None), _standing())
        .subquery()
    )
    latest_of = {
        row.person_id: _sighting(row)
        for row in session.execute(select(anywhere).where(anywhere.c.rank == 1))
    }
    found = [
        LastSighting(row.person_id, _sighting(row), latest_of[row.person_id]) for row in shown_here
    ]
    return found, total, page


def _sighting(row: Any) -> Sighting:
    return Sighting(
        row.person_id, row.place_id, _on(row.occurred_on, row.occurred_precision), row.kind, row.id
    )


def _moves(
    session: Session, place_id: int, shown: Shown, latest: ColumnElement[Any]
) -> tuple[list[Move], int, int]:
    """The moves into or out of the place (`timeline.moves_through`): each person's placed
    rows in order, two consecutive rows at different places a move, by the day of the second;
    one page, how many in all, and the page shown."""
    order = (Evidence.occurred_on, latest, Evidence.id)

    def before(column: Any) -> ColumnElement[Any]:
        return func.lag(column, type_=column.type).over(
            partition_by=Evidence.person_id, order_by=order
        )

    steps = (
        select(
            Evidence.id,
            Evidence.person_id,
            Evidence.place_id,
            Evidence.occurred_on,
            Evidence.occurred_precision,
            latest.label("latest"),
            before(Evidence.place_id).label("from_place_id"),
            before(Evidence.occurred_on).label("from_on"),
            before(Evidence.occurred_precision).label("from_precision"),
        )
        .where(
            Evidence.person_id.in_(_seen_here(place_id)),
            Evidence.place_id.is_not(None),
            _standing(),
        )
        .subquery()
    )
    through = select(steps).where(
        steps.c.from_place_id.is_not(None),
        steps.c.from_place_id != steps.c.place_id,
        or_(steps.c.from_place_id == place_id, steps.c.place_id == place_id),
    )
    total = session.scalar(select(func.count()).select_from(through.subquery())) or 0
    page, limit, offset = _page_of(total, shown.per_page, shown.moves)
    rows = session.execute(
        through.order_by(steps.c.occurred_on, steps.c.person_id, steps.c.latest, steps.c.id)
        .limit(limit)
        .offset(offset)
    )
    found = [
        Move(
            row.person_id,
            row.from_place_id,
            row.place_id,
            _on(row.from_on, row.from_precision),
            _on(row.occurred_on, row.occurred_precision),
        )
        for row in rows
    ]
    return found, total, page


def place_view(
    session: Session, *, actor: Actor, place_id: int, shown: Shown | None = None
) -> PlaceView:
    """A place's page: its timeline, moves through it, last sightings, each the page of it
    `shown` asks for, paged and counted by the database (a camp seen in tens of thousands of
    rows is never read whole); the read is audited with the persons the pages show."""
    shown = shown or Shown()
    actor.require(Permission.READ)
    place = session.get(Place, place_id)
    if place is None:
        raise NotFound("there is no place %(place_id)s", place_id=place_id)
    latest = _latest_day(session.get_bind().dialect.name)
    found_last, last_total, last_page = _last_sightings(session, place_id, shown, latest)
    found_moves, moves_total, moves_page = _moves(session, place_id, shown, latest)
    timeline_rows, timeline_total, timeline_page = _timeline(session, place_id, shown)
    shown_persons = (
        {s.person_id for s in found_last}
        | {m.person_id for m in found_moves}
        | {e.person_id for e, _source in timeline_rows}
    )
    names = {
        p.id: _full_name(p)
        for p in session.scalars(select(Person).where(Person.id.in_(shown_persons)))
    }
    timeline = [
        TimelineRow(e.on, e.person_id, names[e.person_id], e.kind, source, e.note)
        for e, source in timeline_rows
    ]
    totals = {"last": last_total, "moves": moves_total, "timeline": timeline_total}
    place_ids = (
        {m.from_place_id for m in found_moves} | {m.to_place_id for m in found_moves} | {place_id}
    )
    place_names: dict[int, str] = {}
    for row in session.execute(select(Place.id, Place.name).where(Place.id.in_(place_ids))):
        place_names[row.id] = row.name
    pages = {"last": last_page, "moves": moves_page, "timeline": timeline_page}
    audit.log(
        session,
        actor,
        AuditAction.VIEW_PLACE,
        object_type="place",
        object_id=place_id,
        detail={"persons": sorted(shown_persons), "pages": pages},
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
        pages=pages,
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
