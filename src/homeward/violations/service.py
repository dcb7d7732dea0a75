"""Recording incidents, acts and alleged perpetrators, and reading them. Services never commit;
each change and each read writes its audit entry in the caller's transaction.

Bad input is refused before anything is written: an act with no victim, a victim who is not a
person in the register, an unknown act type, a source, place or perpetrator that does not exist.
"""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.dates import PartialDate, day_bound, parse_partial_date
from homeward.errors import InvalidInput, NotFound
from homeward.families.service import merged_into, surviving_person
from homeward.registry.models import Place, Source
from homeward.registry.vocab import Reliability
from homeward.text import NOTE_MAX, checked_text
from homeward.violations.models import (
    Act,
    ActPerpetrator,
    ActSource,
    ActVictim,
    Incident,
    Perpetrator,
)
from homeward.violations.schemas import ActIn, IncidentFilters, IncidentIn, PerpetratorIn
from homeward.violations.vocab import Credibility, PerpetratorKind, act_type, matching_types


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


NO_VICTIM = _("an act needs at least one victim: a person in the register")
NOT_IN_REGISTER = _("there is no person %(person_id)s in the register: record the person first")
NO_ACT = _("an incident needs at least one act")
FILTER_BACKWARDS = _("“Acts until” (%(until)s) comes before “Acts from” (%(since)s)")
RANGE_BACKWARDS = _("the end of the period (%(until)s) comes before its start (%(since)s)")
MOST_VICTIMS = 500


def _choice(field: str, value: str, allowed: type[Reliability] | type[Credibility]) -> str:
    known = [item.value for item in allowed]
    if value not in known:
        raise InvalidInput(field, "is not one of: %(expected)s", expected=", ".join(known))
    return value


def place_of(session: Session, place_id: int | None) -> Place | None:
    if place_id is None:
        return None
    place = session.get(Place, place_id)
    if place is None:
        raise InvalidInput("place", "there is no place %(place_id)s", place_id=place_id)
    return place


def _victims(session: Session, person_ids: tuple[int, ...]) -> list[int]:
    if not person_ids:
        raise InvalidInput("victims", NO_VICTIM)
    if len(person_ids) > MOST_VICTIMS:
        raise InvalidInput("victims", "at most %(limit)s victims in one act", limit=MOST_VICTIMS)
    found: list[int] = []
    for person_id in person_ids:
        try:
            person = surviving_person(session, person_id)
        except NotFound:
            raise InvalidInput("victims", NOT_IN_REGISTER, person_id=person_id) from None
        if person.id not in found:
            found.append(person.id)
    return found


def _period(act: ActIn) -> tuple[PartialDate | None, PartialDate | None]:
    since = parse_partial_date(act.occurred, field="occurred")
    until = parse_partial_date(act.until, field="until")
    if until is not None and since is None:
        raise InvalidInput("occurred", "is required")
    if since is not None and until is not None and until.latest < since.earliest:
        raise InvalidInput("until", RANGE_BACKWARDS, until=until.iso(), since=since.iso())
    return since, until


def set_period(row: Act, since: PartialDate | None, until: PartialDate | None) -> None:
    """When the act happened: a partial date, or a range; what a filter by period compares."""
    row.occurred_on, row.occurred_precision = since.to_stored() if since else (None, None)
    row.occurred_until, row.until_precision = until.to_stored() if until else (None, None)
    last = until or since
    row.latest_on = last.latest if last is not None else None


def checked_act(
    session: Session,
    act: ActIn,
    *,
    period: tuple[PartialDate | None, PartialDate | None] | None = None,
) -> Act:
    """The act as a row, every field checked; `period` when the caller has it parsed (a
    mention's span) rather than typed."""
    kind = act_type(act.act_type)
    victims = _victims(session, act.victims)
    since, until = period if period is not None else _period(act)
    row = Act(
        act_type=kind.code,
        place_id=place_of(session, act.place_id) and act.place_id,
        note=checked_text("note", act.note, limit=NOTE_MAX) or None,
    )
    set_period(row, since, until)
    row.victims = [ActVictim(person_id=person_id) for person_id in victims]
    row.perpetrators = [
        ActPerpetrator(perpetrator_id=perpetrator_of(session, pid).id)
        for pid in dict.fromkeys(act.perpetrators)
    ]
    row.sources = []
    for ref in {ref.source_id: ref for ref in act.sources}.values():
        if session.get(Source, ref.source_id) is None:
            raise InvalidInput(
                "sources", "there is no source %(source_id)s", source_id=ref.source_id
            )
        row.sources.append(
            ActSource(
                source_id=ref.source_id,
                reliability=_choice("reliability", ref.reliability, Reliability),
                credibility=_choice("credibility", ref.credibility, Credibility),
                note=checked_text("note", ref.note, limit=NOTE_MAX) or None,
            )
        )
    return row


def perpetrator_of(session: Session, perpetrator_id: int) -> Perpetrator:
    found = session.get(Perpetrator, perpetrator_id)
    if found is None:
        raise InvalidInput(
            "perpetrators",
            "there is no perpetrator %(perpetrator_id)s",
            perpetrator_id=perpetrator_id,
        )
    return found


def record_incident(session: Session, *, actor: Actor, incident: IncidentIn) -> Incident:
    """A new incident with its acts, all checked before any is written."""
    actor.require(Permission.INCIDENTS)
    title = checked_text("title", incident.title, limit=300, required=True)
    description = checked_text("description", incident.description, limit=NOTE_MAX) or None
    place_of(session, incident.place_id)
    if not incident.acts:
        raise InvalidInput("acts", NO_ACT)
    acts = [checked_act(session, act) for act in incident.acts]
    row = Incident(
        title=title, description=description, place_id=incident.place_id, recorded_by=actor.name
    )
    for act in acts:
        act.recorded_by = actor.name
    row.acts = acts
    session.add(row)
    session.flush()
    audit.log(
        session,
        actor,
        AuditAction.INCIDENT_RECORD,
        object_type="incident",
        object_id=row.id,
        detail={"acts": [act_detail(act) for act in acts]},
    )
    return row


def act_detail(act: Act) -> dict[str, object]:
    return {
        "act_id": act.id,
        "act_type": act.act_type,
        "victims": [victim.person_id for victim in act.victims],
        "perpetrators": [link.perpetrator_id for link in act.perpetrators],
        "sources": [link.source_id for link in act.sources],
    }


def add_act(session: Session, *, actor: Actor, incident_id: int, act: ActIn) -> Act:
    """One more act of an incident."""
    actor.require(Permission.INCIDENTS)
    incident = incident_of(session, incident_id)
    row = checked_act(session, act)
    row.recorded_by = actor.name
    incident.acts.append(row)
    session.flush()
    audit.log(
        session,
        actor,
        AuditAction.ACT_RECORD,
        object_type="incident",
        object_id=incident.id,
        detail=act_detail(row),
    )
    return row


def record_perpetrator(
    session: Session, *, actor: Actor, perpetrator: PerpetratorIn
) -> Perpetrator:
    """An alleged perpetrator, a record of its own that acts name."""
    actor.require(Permission.INCIDENTS)
    kinds = [kind.value for kind in PerpetratorKind]
    if perpetrator.kind not in kinds:
        raise InvalidInput("kind", "is not one of: %(expected)s", expected=", ".join(kinds))
    row = Perpetrator(
        kind=perpetrator.kind,
        name=checked_text("name", perpetrator.name, limit=300, required=True),
        place_id=place_of(session, perpetrator.place_id) and perpetrator.place_id,
        note=checked_text("note", perpetrator.note, limit=NOTE_MAX) or None,
        recorded_by=actor.name,
    )
    session.add(row)
    session.flush()
    audit.log(
        session,
        actor,
        AuditAction.PERPETRATOR_RECORD,
        object_type="perpetrator",
        object_id=row.id,
        detail={"kind": row.kind},
    )
    return row


def perpetrators(
    session: Session, *, actor: Actor, limit: int | None = None, offset: int = 0
) -> list[Perpetrator]:
    """The alleged perpetrators by name, `limit` (all without) from the `offset`-th."""
    actor.require(Permission.INCIDENTS_READ)
    query = select(Perpetrator).order_by(Perpetrator.name, Perpetrator.id)
    return list(session.scalars(query.limit(limit).offset(offset)))


def count_perpetrators(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Perpetrator)) or 0


def incident_of(session: Session, incident_id: int) -> Incident:
    found = session.get(Incident, incident_id)
    if found is None:
        raise NotFound("there is no incident %(incident_id)s", incident_id=incident_id)
    return found


def _loaded() -> Select[Incident]:
    return select(Incident).options(
        selectinload(Incident.place),
        selectinload(Incident.acts).selectinload(Act.victims),
        selectinload(Incident.acts).selectinload(Act.place),
        selectinload(Incident.acts)
        .selectinload(Act.perpetrators)
        .selectinload(ActPerpetrator.perpetrator),
        selectinload(Incident.acts).selectinload(Act.sources).selectinload(ActSource.source),
    )


def get_incident(session: Session, *, actor: Actor, incident_id: int) -> Incident:
    """An incident with its acts, victims, perpetrators and sources; the read is audited."""
    actor.require(Permission.INCIDENTS_READ)
    found = session.scalar(_loaded().where(Incident.id == incident_id))
    if found is None:
        raise NotFound("there is no incident %(incident_id)s", incident_id=incident_id)
    audit.log(session, actor, AuditAction.VIEW_INCIDENT, object_type="incident", object_id=found.id)
    return found


def _matching(session: Session, filters: IncidentFilters) -> Select[int]:
    """The ids of the incidents with an act that matches every filter."""
    acts = select(Act.incident_id)
    if filters.act_type:
        acts = acts.where(Act.act_type.in_(matching_types(filters.act_type)))
    if filters.place_id is not None:
        acts = acts.where(Act.place_id == filters.place_id)
    since = day_bound(filters.since, field="since", last=False)
    until = day_bound(filters.until, field="until", last=True)
    if since is not None and until is not None and until < since:
        raise InvalidInput("until", FILTER_BACKWARDS, until=filters.until, since=filters.since)
    if since is not None:
        acts = acts.where(Act.latest_on >= since)
    if until is not None:
        acts = acts.where(Act.occurred_on.is_not(None), Act.occurred_on <= until)
    if filters.victim_id is not None:
        # the person and those merged into it since the act was recorded
        victims = merged_into(session, filters.victim_id)
        acts = acts.join(ActVictim).where(ActVictim.person_id.in_(victims))
    return acts


def count_incidents(session: Session, *, actor: Actor, filters: IncidentFilters) -> int:
    """How many incidents the filters select (a number only: not audited)."""
    actor.require(Permission.INCIDENTS_READ)
    chosen = (
        select(func.count())
        .select_from(Incident)
        .where(Incident.id.in_(_matching(session, filters)))
    )
    return int(session.scalar(chosen) or 0)


def find_incidents(
    session: Session, *, actor: Actor, filters: IncidentFilters, audited: bool = True
) -> list[Incident]:
    """Incidents with an act that matches every filter, newest first, `filters.limit` of them
    from `filters.offset`; audited."""
    actor.require(Permission.INCIDENTS_READ)
    query = (
        _loaded()
        .where(Incident.id.in_(_matching(session, filters)))
        .order_by(Incident.id.desc())
        .limit(filters.limit)
        .offset(filters.offset)
    )
    found = list(session.scalars(query))
    if audited:
        audit.log(
            session,
            actor,
            AuditAction.LIST_INCIDENTS,
            object_type="incidents",
            detail={
                "filters": _shown(filters),
                "count": len(found),
                "incidents": [i.id for i in found],
                **({"offset": filters.offset} if filters.offset else {}),
            },
        )
    return found


def _shown(filters: IncidentFilters) -> dict[str, object]:
    return {
        key: value
        for key, value in (
            ("act_type", filters.act_type),
            ("place_id", filters.place_id),
            ("since", filters.since),
            ("until", filters.until),
            ("victim_id", filters.victim_id),
        )
        if value not in (None, "")
    }


def act_period(act: Act) -> tuple[PartialDate | None, PartialDate | None]:
    return (
        PartialDate.from_stored(act.occurred_on, act.occurred_precision),
        PartialDate.from_stored(act.occurred_until, act.until_precision),
    )
