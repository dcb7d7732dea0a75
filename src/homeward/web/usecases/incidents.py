"""The investigator's pages, once for the pages and the API: incidents (list with filters, a
page, the forms that record them), evidence files and their custody log. The permissions and
the audit entries are the violations' services' own; this module reads forms and gathers what
a page shows."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.models import AuditEntry
from homeward.access.roles import Permission, allows
from homeward.errors import InvalidInput
from homeward.registry.models import Person, Place, Source
from homeward.registry.vocab import Reliability
from homeward.violations import corrections, files, service
from homeward.violations.models import Act, EvidenceFile, Incident, Perpetrator, ViolationHistory
from homeward.violations.schemas import ActIn, IncidentFilters, IncidentIn, PerpetratorIn, SourceRef
from homeward.violations.views import full_name, victim_names
from homeward.violations.vocab import (
    CREDIBILITY_WORDS,
    PERPETRATOR_WORDS,
    ActType,
    Credibility,
    PerpetratorKind,
    act_types,
)
from homeward.web.paging import Pages
from homeward.web.routes.persons import number_field


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


WORDS: dict[str, str] = {
    **CREDIBILITY_WORDS,
    **PERPETRATOR_WORDS,
    "file_add": _("added"),
    "file_view": _("viewed"),
    "file_export": _("exported"),
    "torture": _("Torture (every kind)"),
}
# the fields of a correction, as its history shows them
FIELD_WORDS: dict[str, str] = {
    "act_type": _("Act type"),
    "occurred": _("When"),
    "until": _("Until (a period)"),
    "place_id": _("Place"),
    "victims": _("Victims"),
    "perpetrators": _("Alleged perpetrators"),
    "note": _("What the sources say"),
    "kind": _("Kind"),
    "name": _("Name or designation"),
}
NOT_A_NUMBER = _("%(value)s is not a person's number")
MOST_LISTED = 1000  # places, sources and perpetrators offered in a form's lists


def word(code: object) -> str:
    text = str(getattr(code, "value", code) or "")
    return WORDS.get(text, text)


@dataclass(frozen=True)
class Choices:
    """What a form offers: act types, places, sources, alleged perpetrators."""

    act_types: list[ActType]
    groups: list[str]
    places: list[Place]
    sources: list[Source]
    perpetrators: list[Perpetrator]
    reliabilities: list[str]
    credibilities: list[str]
    perpetrator_kinds: list[str]


def choices(session: Session, actor: Actor | None = None) -> Choices:
    """The form's lists. The alleged perpetrators (names of persons accused) are listed only
    for an `actor` who records acts, and that read is audited as a list of perpetrators, as
    the /perpetrators pages are; without an actor the list is empty."""
    kinds = list(act_types().values())
    perpetrators: list[Perpetrator] = []
    if actor is not None and allows(actor.role, Permission.INCIDENTS):
        perpetrators = list(
            session.scalars(select(Perpetrator).order_by(Perpetrator.name).limit(MOST_LISTED))
        )
        if perpetrators:
            audit.log(
                session,
                actor,
                AuditAction.VIEW_PERPETRATORS,
                object_type="perpetrators",
                detail={
                    "count": len(perpetrators),
                    "perpetrators": [p.id for p in perpetrators],
                    "shown": "act form",
                },
            )
    return Choices(
        act_types=kinds,
        groups=list(dict.fromkeys(k.group for k in kinds if k.group)),
        places=list(session.scalars(select(Place).order_by(Place.name).limit(MOST_LISTED))),
        sources=list(session.scalars(select(Source).order_by(Source.name).limit(MOST_LISTED))),
        perpetrators=perpetrators,
        reliabilities=[r.value for r in Reliability],
        credibilities=[c.value for c in Credibility],
        perpetrator_kinds=[k.value for k in PerpetratorKind],
    )


def numbers(field: str, text: str | None) -> tuple[int, ...]:
    """Numbers typed as "12, 57 103" (with or without №)."""
    found: list[int] = []
    for token in re.split(r"[\s,;]+", (text or "").strip()):
        if not token:
            continue
        try:
            number = number_field(field, token, required=True)
        except InvalidInput:
            raise InvalidInput(field, NOT_A_NUMBER, value=repr(token[:20])) from None
        if number is not None:
            found.append(number)
    return tuple(found)


def act_from(form: dict[str, str]) -> ActIn:
    source_id = number_field("source", form.get("source_id"))
    sources: tuple[SourceRef, ...] = ()
    if source_id is not None:
        sources = (
            SourceRef(
                source_id=source_id,
                reliability=form.get("reliability") or "medium",
                credibility=form.get("credibility") or "unknown",
                note=form.get("source_note") or None,
            ),
        )
    return ActIn(
        act_type=form.get("act_type", ""),
        victims=numbers("victims", form.get("victims")),
        perpetrators=numbers("perpetrators", form.get("perpetrators")),
        sources=sources,
        place_id=number_field("place", form.get("act_place_id") or form.get("place_id")),
        occurred=form.get("occurred") or None,
        until=form.get("until") or None,
        note=form.get("note") or None,
    )


def record_incident(session: Session, actor: Actor, form: dict[str, str]) -> Incident:
    return service.record_incident(
        session,
        actor=actor,
        incident=IncidentIn(
            title=form.get("title", ""),
            description=form.get("description") or None,
            place_id=number_field("place", form.get("place_id")),
            acts=(act_from(form),),
        ),
    )


def add_act(session: Session, actor: Actor, incident_id: int, form: dict[str, str]) -> None:
    service.add_act(session, actor=actor, incident_id=incident_id, act=act_from(form))


def record_perpetrator(session: Session, actor: Actor, form: dict[str, str]) -> Perpetrator:
    return service.record_perpetrator(
        session,
        actor=actor,
        perpetrator=PerpetratorIn(
            kind=form.get("kind", ""),
            name=form.get("name", ""),
            place_id=number_field("place", form.get("place_id")),
            note=form.get("note") or None,
        ),
    )


def filters_from(query: dict[str, str]) -> IncidentFilters:
    return IncidentFilters(
        act_type=query.get("type") or None,
        place_id=number_field("place", query.get("place")),
        since=query.get("since") or None,
        until=query.get("until") or None,
        victim_id=number_field("victim", query.get("victim")),
    )


@dataclass(frozen=True)
class IncidentList:
    incidents: list[Incident]
    names: dict[int, str]
    # when the list is of one victim: the files about that person the caller may open
    person_files: list[EvidenceFile] | None = None
    pages: Pages | None = None


PER_PAGE = 25
# the list's filters, as its form names them: kept in the links to its other pages
FILTER_KEYS = frozenset(("type", "place", "since", "until", "victim"))


def incident_list(
    session: Session,
    actor: Actor,
    filters: IncidentFilters,
    *,
    page: int = 1,
    params: Iterable[tuple[str, str]] = (),
) -> IncidentList:
    """One page of the incidents the filters select, newest first (the page read is
    audited with the ids it shows); `params` are the filters kept in the pages' links."""
    total = service.count_incidents(session, actor=actor, filters=filters)
    kept = [(key, value) for key, value in params if key in FILTER_KEYS]
    pages = Pages.of(page, per_page=PER_PAGE, total=total, path="/incidents", params=kept)
    shown = replace(filters, limit=PER_PAGE, offset=pages.offset)
    found = service.find_incidents(session, actor=actor, filters=shown)
    about = None
    if filters.victim_id is not None and allows(actor.role, Permission.FILES):
        about = files.files_of(session, actor=actor, person_id=filters.victim_id)
    return IncidentList(found, victim_names(session, found), about, pages)


@dataclass(frozen=True)
class IncidentPage:
    incident: Incident
    names: dict[int, str]
    files: list[EvidenceFile]
    hidden_files: int  # restricted files the caller may not open
    history: dict[int, list[ViolationHistory]]  # the corrections of each act


def incident_page(session: Session, actor: Actor, incident_id: int) -> IncidentPage:
    incident = service.get_incident(session, actor=actor, incident_id=incident_id)
    attached = list(
        session.scalars(
            select(EvidenceFile)
            .where(EvidenceFile.incident_id == incident.id)
            .order_by(EvidenceFile.id)
        )
    )
    shown = [row for row in attached if files.may_open(actor, row)]
    return IncidentPage(
        incident,
        victim_names(session, [incident]),
        shown,
        len(attached) - len(shown),
        corrections.incident_history(session, incident),
    )


# --- corrections and alleged perpetrators -------------------------------------------------


def act_form(act: Act) -> dict[str, str]:
    """The correction form of an act, filled with what is recorded."""
    since, until = service.act_period(act)
    return {
        "act_type": act.act_type,
        "victims": ", ".join(str(v.person_id) for v in act.victims),
        "perpetrators": ", ".join(str(p.perpetrator_id) for p in act.perpetrators),
        "act_place_id": str(act.place_id or ""),
        "occurred": since.iso() if since else "",
        "until": until.iso() if until else "",
        "note": act.note or "",
    }


def act_to_correct(session: Session, actor: Actor, act_id: int) -> Act:
    actor.require(Permission.INCIDENTS)
    return corrections.get_act(session, act_id)


def correct_act(session: Session, actor: Actor, act_id: int, form: dict[str, str]) -> Act:
    corrections.correct_act(
        session,
        actor=actor,
        act_id=act_id,
        act=act_from({**form, "source_id": ""}),
        reason=form.get("reason"),
    )
    return corrections.get_act(session, act_id)


PERPETRATORS_PER_PAGE = 50


@dataclass(frozen=True)
class PerpetratorList:
    rows: list[corrections.PerpetratorRow]
    pages: Pages


def perpetrator_list(session: Session, actor: Actor, *, page: int = 1) -> PerpetratorList:
    """A page of the alleged perpetrators, by name (the page read is audited)."""
    actor.require(Permission.INCIDENTS_READ)
    total = service.count_perpetrators(session)
    pages = Pages.of(page, per_page=PERPETRATORS_PER_PAGE, total=total, path="/perpetrators")
    rows = corrections.perpetrator_list(
        session, actor=actor, limit=PERPETRATORS_PER_PAGE, offset=pages.offset
    )
    return PerpetratorList(rows, pages)


@dataclass(frozen=True)
class PerpetratorPage:
    view: corrections.PerpetratorView
    names: dict[int, str]  # the victims of the acts
    titles: dict[int, str]  # the incidents' titles


def perpetrator_page(session: Session, actor: Actor, perpetrator_id: int) -> PerpetratorPage:
    view = corrections.perpetrator_view(session, actor=actor, perpetrator_id=perpetrator_id)
    victims = {v.person_id for act in view.acts for v in act.victims}
    names = {
        person.id: full_name(person)
        for person in session.scalars(select(Person).where(Person.id.in_(victims)))
    }
    chosen = select(Incident.id, Incident.title).where(
        Incident.id.in_({a.incident_id for a in view.acts})
    )
    titles: dict[int, str] = dict(session.execute(chosen).all())
    return PerpetratorPage(view, names, titles)


def correct_perpetrator(
    session: Session, actor: Actor, perpetrator_id: int, form: dict[str, str]
) -> None:
    corrections.correct_perpetrator(
        session,
        actor=actor,
        perpetrator_id=perpetrator_id,
        perpetrator=PerpetratorIn(
            kind=form.get("kind", ""),
            name=form.get("name", ""),
            place_id=number_field("place", form.get("place_id")),
            note=form.get("note") or None,
        ),
        reason=form.get("reason"),
    )


@dataclass(frozen=True)
class FilePage:
    file: EvidenceFile
    log: list[AuditEntry]


def file_page(session: Session, actor: Actor, file_id: int) -> FilePage:
    actor.require(Permission.FILES)
    return FilePage(
        files.get_file(session, file_id), files.custody_log(session, actor=actor, file_id=file_id)
    )
