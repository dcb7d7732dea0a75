"""The debriefing pages' work: reading the form (a mention per row), the candidates of a row
while the interviewer types, the queue of open mentions, resolutions and places' pages. The
services keep the rules; this reads forms and shapes what the templates show."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Forbidden, Permission, allows
from homeward.dates import parse_partial_date
from homeward.db import side_write
from homeward.errors import InvalidInput
from homeward.registry.models import Person, Place, PlaceAlias
from homeward.testimonies import service
from homeward.testimonies.matching import MentionCandidate, candidates_for
from homeward.testimonies.mentions import parse_age, parse_span
from homeward.testimonies.models import Debriefing, Mention, Proposal
from homeward.testimonies.places import (
    PlaceSummary,
    PlaceView,
    Shown,
    list_places,
    place_view,
)
from homeward.testimonies.schemas import DebriefingIn, MentionIn
from homeward.violations import testimony_acts
from homeward.violations.models import Act, EvidenceFile, Incident, Perpetrator
from homeward.violations.vocab import ActType, act_types
from homeward.web.paging import Pages
from homeward.web.routes.persons import number_field
from homeward.web.usecases.incidents import numbers
from homeward.web.usecases.review import Weight, weights_of

ROWS = 5  # rows the form opens with; "Add a row" (or Enter on the last) adds more
MAX_ROWS = 200
MENTION_FIELDS = ("name_heard", "age", "unit", "place", "when", "condition", "words")


def _value(form: Mapping[str, str], name: str) -> str | None:
    text = (form.get(name) or "").strip()
    return text or None


def row_count(form: Mapping[str, str]) -> int:
    """How many rows the form holds: the highest row index that any field names, plus one."""
    highest = -1
    for key in form:
        if key.startswith("m-"):
            index = key.split("-", 2)[1]
            if index.isdigit():
                highest = max(highest, int(index))
    return min(max(highest + 1, ROWS), MAX_ROWS)


def _blank(form: Mapping[str, str], row: int) -> bool:
    return not any(_value(form, f"m-{row}-{f}") for f in (*MENTION_FIELDS, "person_id"))


def debriefing_in(form: Mapping[str, str]) -> DebriefingIn:
    """The debriefing the form describes; blank rows are left out."""
    held_text = _value(form, "held_on")
    held = parse_partial_date(held_text, field="held_on") if held_text else None
    if held is None or held.day is None:
        raise InvalidInput("held_on", "give the day of the debriefing (dd.mm.yyyy)")
    mentions = []
    for row in range(row_count(form)):
        if _blank(form, row):
            continue
        chosen = _value(form, f"m-{row}-person_id")
        mentions.append(
            MentionIn(
                **{f: _value(form, f"m-{row}-{f}") for f in MENTION_FIELDS},
                person_id=int(chosen) if chosen and chosen.isdigit() else None,
            )
        )
    if not mentions:
        raise InvalidInput("mentions", "a debriefing needs at least one mention")
    witness_id = _value(form, "witness_person_id")
    if witness_id is not None and not witness_id.isdigit():
        raise InvalidInput("witness_person_id", "is not a number")
    return DebriefingIn(
        witness_name=_value(form, "witness_name") or "",
        interviewer=_value(form, "interviewer") or "",
        held_on=held.earliest,
        language=_value(form, "language") or "uk",
        witness_person_id=int(witness_id) if witness_id else None,
        note=_value(form, "note"),
        mentions=mentions,
    )


def record(session: Session, actor: Actor, form: Mapping[str, str]) -> Debriefing:
    return service.record_debriefing(session, actor=actor, debriefing=debriefing_in(form))


@dataclass(frozen=True)
class RowCandidates:
    row: int
    heard: str | None
    candidates: list[MentionCandidate]
    weights: dict[int, tuple[Weight, ...]]
    problem: InvalidInput | None = None


def row_candidates(
    session: Session, actor: Actor, form: Mapping[str, str], row: int
) -> RowCandidates:
    """The persons one row's mention may be, while it is typed; the lookup is audited."""
    actor.require(Permission.INTAKE)
    heard = _value(form, f"m-{row}-name_heard")
    try:
        age = parse_age(_value(form, f"m-{row}-age"))
        span = parse_span(_value(form, f"m-{row}-when"))
    except InvalidInput as problem:
        return RowCandidates(row, heard, [], {}, problem)
    found = candidates_for(
        session,
        name_heard=heard,
        unit=_value(form, f"m-{row}-unit"),
        age=age,
        seen=span.start if span else None,
    )
    if heard:
        audit.log(
            session,
            actor,
            AuditAction.CANDIDATES,
            object_type="debriefing_form",
            detail={"query": {"name_heard": heard}, "found": [c.person_id for c in found]},
        )
    return RowCandidates(row, heard, found, {c.person_id: weights_of(c.fields) for c in found})


@dataclass(frozen=True)
class OpenItem:
    mention: Mention
    candidates: list[MentionCandidate]
    proposals: list[Proposal]
    weights: dict[int, tuple[Weight, ...]]


MENTIONS_PER_PAGE = 50  # each open mention is looked up in the register as the page is shown


def where_mention_is(session: Session, mention_id: int) -> str:
    """The page a mention is on: its page of the open mentions, or, once linked, its
    debriefing's page. No personal data is read: not audited (the page opened is)."""
    before = service.open_mentions_before(session, mention_id)
    if before is None:
        debriefing = service.get_mention(session, mention_id).debriefing_id
        return f"/testimonies/{debriefing}#mention-{mention_id}"
    page = before // MENTIONS_PER_PAGE + 1
    return f"/testimonies/mentions{f'?page={page}' if page > 1 else ''}#mention-{mention_id}"


@dataclass(frozen=True)
class OpenQueue:
    items: list[OpenItem]
    pages: Pages


def open_queue(session: Session, actor: Actor, *, page: int = 1) -> OpenQueue:
    """A page of the open mentions, oldest first, each with who in the register it may be now
    (the register as it is today, so a person added since the debriefing shows here) and the
    kept proposals."""
    service.require_reading(actor)
    total = service.count_open_mentions(session)
    pages = Pages.of(page, per_page=MENTIONS_PER_PAGE, total=total, path="/testimonies/mentions")
    at, most = pages.offset, MENTIONS_PER_PAGE
    with side_write(session) as writer:
        # the persons added since each open mention was last looked at (T9): kept proposals
        service.reexamine(writer, limit=most, offset=at)
    mentions = service.open_mentions(session, limit=most, offset=at)
    proposals = service.proposals_for(session, [m.id for m in mentions])
    items = []
    for mention in mentions:
        found = candidates_for(
            session,
            name_heard=mention.name_heard,
            unit=mention.unit,
            age=mention.age,
            seen=mention.seen_start,
        )
        items.append(
            OpenItem(
                mention,
                found,
                proposals.get(mention.id, []),
                {c.person_id: weights_of(c.fields) for c in found},
            )
        )
    audit.log(
        session,
        actor,
        AuditAction.VIEW_DEBRIEFING,
        object_type="mention_queue",
        detail={
            "mentions": [m.id for m in mentions],
            **({"page": pages.page} if pages.page > 1 else {}),
        },
    )
    return OpenQueue(items, pages)


def person_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(
        select(Person.id, Person.surname, Person.given_name, Person.patronymic).where(
            Person.id.in_(ids)
        )
    )
    return {r.id: " ".join(p for p in (r.surname, r.given_name, r.patronymic) if p) for r in rows}


@dataclass(frozen=True)
class DebriefingPage:
    debriefing: Debriefing
    acts: dict[int, list[Act]]  # by mention: the acts recorded from what the witness said
    files: list[EvidenceFile]  # the files of the debriefing the caller may know of
    hidden_files: int  # restricted files the caller may not open
    # what the form that records an act offers (to those who may record one)
    act_types: list[ActType]
    incidents: list[Incident]
    perpetrators: list[Perpetrator]


def debriefing_page(session: Session, actor: Actor, debriefing_id: int) -> DebriefingPage:
    row = service.get_debriefing(session, actor=actor, debriefing_id=debriefing_id)
    attached = list(
        session.scalars(
            select(EvidenceFile)
            .where(EvidenceFile.debriefing_id == row.id)
            .order_by(EvidenceFile.id)
        )
    )
    # what a file is (its name, size and hash) for whoever reads the debriefing; restricted
    # footage only for roles that may open it; the bytes only for roles that open files
    shown = [
        f for f in attached if not f.restricted or allows(actor.role, Permission.FILES_RESTRICTED)
    ]
    may_record = True
    try:
        testimony_acts.require_recording(actor)
    except Forbidden:
        may_record = False
    return DebriefingPage(
        row,
        testimony_acts.acts_of_debriefing(session, row.id),
        shown,
        len(attached) - len(shown),
        list(act_types().values()) if may_record else [],
        testimony_acts.recent_incidents(session) if may_record else [],
        list(session.scalars(select(Perpetrator).order_by(Perpetrator.name).limit(1000)))
        if may_record
        else [],
    )


def debriefing_of(session: Session, mention_id: int) -> int:
    return service.get_mention(session, mention_id).debriefing_id


def act_from_mention(
    session: Session, actor: Actor, mention_id: int, form: Mapping[str, str]
) -> int:
    """Record the act the form describes from the mention; the debriefing's number back."""
    testimony_acts.record_act_from_mention(
        session,
        actor=actor,
        mention_id=mention_id,
        given=testimony_acts.MentionActIn(
            act_type=form.get("act_type", ""),
            incident_id=number_field("incident", form.get("incident_id")),
            title=_value(form, "title"),
            perpetrators=numbers("perpetrators", form.get("perpetrators")),
            reliability=_value(form, "reliability") or "medium",
            credibility=_value(form, "credibility") or "unknown",
            note=_value(form, "note"),
        ),
    )
    return service.get_mention(session, mention_id).debriefing_id


DEBRIEFINGS_PER_PAGE = 50


@dataclass(frozen=True)
class DebriefingsPage:
    debriefings: list[Debriefing]
    pages: Pages


def debriefings(session: Session, actor: Actor, *, page: int = 1) -> DebriefingsPage:
    """A page of the debriefings, the latest first (the page read is audited)."""
    service.require_reading(actor)
    total = service.count_debriefings(session)
    pages = Pages.of(page, per_page=DEBRIEFINGS_PER_PAGE, total=total, path="/testimonies")
    found = service.list_debriefings(
        session, actor=actor, limit=DEBRIEFINGS_PER_PAGE, offset=pages.offset
    )
    return DebriefingsPage(found, pages)


def link(session: Session, actor: Actor, mention_id: int, form: Mapping[str, str]) -> int:
    chosen = _value(form, "person_id")
    if chosen is None or not chosen.isdigit():
        raise InvalidInput("person_id", "choose the person")
    service.link_mention(
        session,
        actor=actor,
        mention_id=mention_id,
        person_id=int(chosen),
        reason=_value(form, "reason"),
    )
    return service.get_mention(session, mention_id).debriefing_id


def dismiss(session: Session, actor: Actor, mention_id: int, form: Mapping[str, str]) -> None:
    service.not_in_register(
        session, actor=actor, mention_id=mention_id, reason=_value(form, "reason")
    )


def unlink(session: Session, actor: Actor, mention_id: int, form: Mapping[str, str]) -> None:
    service.unlink_mention(
        session, actor=actor, mention_id=mention_id, reason=_value(form, "reason")
    )


def reexamine(session: Session, actor: Actor) -> int:
    service.require_resolving(actor)
    return len(service.reexamine(session))


def places(session: Session, actor: Actor) -> list[PlaceSummary]:
    return list_places(session, actor=actor)


PLACE_PER_PAGE = 25  # rows of each of a place's lists on one page
PLACE_LISTS = ("last", "moves", "timeline")  # each paged by its own query parameter


@dataclass(frozen=True)
class PlacePage:
    view: PlaceView
    pages: dict[str, Pages]  # "last", "moves", "timeline" -> that list's pages


def place(
    session: Session,
    actor: Actor,
    place_id: int,
    *,
    asked: Mapping[str, int] | None = None,
    params: Iterable[tuple[str, str]] = (),
) -> PlacePage:
    """A place's page: each of its three lists (last sightings, moves, timeline) a page at a
    time, by its own query parameter, so that paging one keeps the others where they are."""
    asked = asked or {}
    shown = Shown(PLACE_PER_PAGE, **{key: asked.get(key, 1) for key in PLACE_LISTS})
    view = place_view(session, actor=actor, place_id=place_id, shown=shown)
    kept = list(params)
    pages = {
        key: Pages.of(
            view.pages[key],
            per_page=PLACE_PER_PAGE,
            total=view.totals[key],
            path=f"/places/{place_id}",
            params=kept,
            key=key,
            anchor=key,
        )
        for key in PLACE_LISTS
    }
    return PlacePage(view, pages)


def known_places(session: Session) -> list[str]:
    """Place names and aliases, for the form's suggestions (a witness names a place as he
    can; any of its names finds it)."""
    names = set(session.scalars(select(Place.name).limit(500)))
    names |= set(session.scalars(select(PlaceAlias.alias).limit(500)))
    return sorted(names)


def today() -> str:
    return date.today().strftime("%d.%m.%Y")
