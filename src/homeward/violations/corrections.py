"""Correcting incidents without losing anything: an act (its type, period, place, victims,
alleged perpetrators, what the sources say) or an alleged perpetrator (kind, name, place, note)
is corrected in place, and the values before and after go to `violation_history` with who,
when, through what and why, as `person_history` keeps the edits of a person. A correction
needs a reason; one that changes nothing is refused. Each is audited in the caller's
transaction; services never commit.

Checked as a new act is (`service.checked_act`): no victim, a victim not in the register, an
unknown type, place or perpetrator: a clear message, nothing written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.db import utcnow
from homeward.errors import InvalidInput, NotFound
from homeward.text import NOTE_MAX, checked_text
from homeward.violations import service
from homeward.violations.models import (
    Act,
    ActPerpetrator,
    ActVictim,
    Incident,
    Perpetrator,
    ViolationHistory,
)
from homeward.violations.schemas import ActIn, PerpetratorIn
from homeward.violations.vocab import PerpetratorKind


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


NOTHING_CHANGED = _("nothing differs from what is recorded: there is nothing to correct")
NO_REASON = _("say why it is corrected: the reason is kept with the old values")
ACT = "act"
PERPETRATOR = "perpetrator"


def _act_values(act: Act) -> dict[str, Any]:
    since, until = service.act_period(act)
    return {
        "act_type": act.act_type,
        "occurred": since.iso() if since else None,
        "until": until.iso() if until else None,
        "place_id": act.place_id,
        "victims": sorted(v.person_id for v in act.victims),
        "perpetrators": sorted(p.perpetrator_id for p in act.perpetrators),
        "note": act.note,
    }


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {
        name: {"old": before[name], "new": after[name]}
        for name in before
        if before[name] != after[name]
    }


def _keep(
    session: Session,
    actor: Actor,
    *,
    object_type: str,
    object_id: int,
    incident_id: int | None,
    changes: dict[str, Any],
    reason: str,
) -> ViolationHistory:
    entry = ViolationHistory(
        object_type=object_type,
        object_id=object_id,
        incident_id=incident_id,
        action="correct",
        actor=actor.name,
        channel=actor.channel.value,
        reason=reason,
        at=utcnow(),
        changes=changes,
    )
    session.add(entry)
    return entry


def get_act(session: Session, act_id: int) -> Act:
    found = session.scalar(
        select(Act)
        .where(Act.id == act_id)
        .options(selectinload(Act.victims), selectinload(Act.perpetrators))
    )
    if found is None:
        raise NotFound("there is no act %(act_id)s", act_id=act_id)
    return found


def correct_act(
    session: Session, *, actor: Actor, act_id: int, act: ActIn, reason: str | None
) -> ViolationHistory:
    """Correct an act in place; its values before go to the history with the reason. The
    act's sources stay as they are (a source is added, never taken back)."""
    actor.require(Permission.INCIDENTS)
    why = checked_text("reason", reason, limit=NOTE_MAX)
    if not why:
        raise InvalidInput("reason", NO_REASON)
    row = get_act(session, act_id)
    checked = service.checked_act(session, act)  # every field checked; never added
    before = _act_values(row)
    since, until = service.act_period(checked)
    victims = sorted(v.person_id for v in checked.victims)
    perpetrators = sorted(p.perpetrator_id for p in checked.perpetrators)
    after: dict[str, Any] = {
        "act_type": checked.act_type,
        "occurred": since.iso() if since else None,
        "until": until.iso() if until else None,
        "place_id": checked.place_id,
        "victims": victims,
        "perpetrators": perpetrators,
        "note": checked.note,
    }
    changes = _changes(before, after)
    if not changes:
        raise InvalidInput("act", NOTHING_CHANGED)
    row.act_type, row.place_id, row.note = checked.act_type, checked.place_id, checked.note
    service.set_period(row, since, until)
    _replace_links(session, row, set(victims), set(perpetrators))
    entry = _keep(session, actor, object_type=ACT, object_id=row.id,
                  incident_id=row.incident_id, changes=changes, reason=why)  # fmt: skip
    session.flush()
    audit.log(
        session,
        actor,
        AuditAction.ACT_CORRECT,
        object_type="incident",
        object_id=row.incident_id,
        detail={"act_id": row.id, "fields": sorted(changes)},
    )
    return entry


def _replace_links(session: Session, row: Act, victims: set[int], perpetrators: set[int]) -> None:
    """Drop the links no longer named and add the new ones (kept links stay as they are)."""
    for link in [v for v in row.victims if v.person_id not in victims]:
        row.victims.remove(link)
        session.delete(link)
    for person_id in sorted(victims - {v.person_id for v in row.victims}):
        row.victims.append(ActVictim(person_id=person_id))
    for alleged in [p for p in row.perpetrators if p.perpetrator_id not in perpetrators]:
        row.perpetrators.remove(alleged)
        session.delete(alleged)
    for perpetrator_id in sorted(perpetrators - {p.perpetrator_id for p in row.perpetrators}):
        row.perpetrators.append(ActPerpetrator(perpetrator_id=perpetrator_id))
    session.flush()


def _perpetrator_values(row: Perpetrator) -> dict[str, Any]:
    return {"kind": row.kind, "name": row.name, "place_id": row.place_id, "note": row.note}


def correct_perpetrator(
    session: Session,
    *,
    actor: Actor,
    perpetrator_id: int,
    perpetrator: PerpetratorIn,
    reason: str | None,
) -> ViolationHistory:
    """Correct an alleged perpetrator's record; the values before go to the history."""
    actor.require(Permission.INCIDENTS)
    why = checked_text("reason", reason, limit=NOTE_MAX)
    if not why:
        raise InvalidInput("reason", NO_REASON)
    row = get_perpetrator(session, perpetrator_id)
    kinds = [kind.value for kind in PerpetratorKind]
    if perpetrator.kind not in kinds:
        raise InvalidInput("kind", "is not one of: %(expected)s", expected=", ".join(kinds))
    name = checked_text("name", perpetrator.name, limit=300, required=True)
    place_id = perpetrator.place_id if service.place_of(session, perpetrator.place_id) else None
    note = checked_text("note", perpetrator.note, limit=NOTE_MAX) or None
    after: dict[str, Any] = {
        "kind": perpetrator.kind,
        "name": name,
        "place_id": place_id,
        "note": note,
    }
    changes = _changes(_perpetrator_values(row), after)
    if not changes:
        raise InvalidInput("perpetrator", NOTHING_CHANGED)
    row.kind, row.name, row.place_id, row.note = perpetrator.kind, name, place_id, note
    entry = _keep(session, actor, object_type=PERPETRATOR, object_id=row.id, incident_id=None,
                  changes=changes, reason=why)  # fmt: skip
    session.flush()
    audit.log(
        session,
        actor,
        AuditAction.PERPETRATOR_CORRECT,
        object_type="perpetrator",
        object_id=row.id,
        detail={"fields": sorted(changes)},
    )
    return entry


def get_perpetrator(session: Session, perpetrator_id: int) -> Perpetrator:
    found = session.get(Perpetrator, perpetrator_id)
    if found is None:
        raise NotFound("there is no perpetrator %(perpetrator_id)s", perpetrator_id=perpetrator_id)
    return found


def history_of(session: Session, object_type: str, object_ids: list[int]) -> list[ViolationHistory]:
    """The corrections of these acts or perpetrators, oldest first."""
    if not object_ids:
        return []
    query = (
        select(ViolationHistory)
        .where(
            ViolationHistory.object_type == object_type,
            ViolationHistory.object_id.in_(object_ids),
        )
        .order_by(ViolationHistory.at, ViolationHistory.id)
    )
    return list(session.scalars(query))


@dataclass(frozen=True)
class PerpetratorView:
    perpetrator: Perpetrator
    acts: list[Act]  # the acts alleged against it, newest first, with their incidents
    history: list[ViolationHistory]


def perpetrator_view(session: Session, *, actor: Actor, perpetrator_id: int) -> PerpetratorView:
    """An alleged perpetrator with the acts attributed to it and its corrections; audited."""
    actor.require(Permission.INCIDENTS_READ)
    row = get_perpetrator(session, perpetrator_id)
    acts = list(
        session.scalars(
            select(Act)
            .join(ActPerpetrator, ActPerpetrator.act_id == Act.id)
            .where(ActPerpetrator.perpetrator_id == row.id)
            .options(selectinload(Act.victims), selectinload(Act.place))
            .order_by(Act.id.desc())
        )
    )
    audit.log(session, actor, AuditAction.VIEW_PERPETRATORS, object_type="perpetrator",
              object_id=row.id, detail={"acts": [a.id for a in acts]})  # fmt: skip
    return PerpetratorView(row, acts, history_of(session, PERPETRATOR, [row.id]))


@dataclass(frozen=True)
class PerpetratorRow:
    perpetrator: Perpetrator
    acts: int
    incidents: int


def perpetrator_list(
    session: Session, *, actor: Actor, limit: int | None = None, offset: int = 0
) -> list[PerpetratorRow]:
    """The alleged perpetrators by name (`limit` from the `offset`-th; all without), each with
    how many acts (and incidents) name it; audited."""
    actor.require(Permission.INCIDENTS_READ)
    rows = service.perpetrators(session, actor=actor, limit=limit, offset=offset)
    counts: dict[int, tuple[set[int], set[int]]] = {r.id: (set(), set()) for r in rows}
    for perpetrator_id, act_id, incident_id in session.execute(
        select(ActPerpetrator.perpetrator_id, Act.id, Act.incident_id)
        .join(Act, Act.id == ActPerpetrator.act_id)
        .where(ActPerpetrator.perpetrator_id.in_(list(counts)))
    ):
        counts[perpetrator_id][0].add(act_id)
        counts[perpetrator_id][1].add(incident_id)
    detail = {"count": len(rows), "perpetrators": [r.id for r in rows]}
    audit.log(session, actor, AuditAction.VIEW_PERPETRATORS, object_type="perpetrators",
              detail={**detail, **({"offset": offset} if offset else {})})  # fmt: skip
    return [PerpetratorRow(r, len(counts[r.id][0]), len(counts[r.id][1])) for r in rows]


def incident_history(session: Session, incident: Incident) -> dict[int, list[ViolationHistory]]:
    """The corrections of an incident's acts, by act."""
    found: dict[int, list[ViolationHistory]] = {}
    for entry in history_of(session, ACT, [a.id for a in incident.acts]):
        found.setdefault(entry.object_id, []).append(entry)
    return found
