"""Merging two persons into one, and undoing it so that both are exactly as before.

A merge moves the absorbed person's reports, evidence, name variants, identifiers and contacts
to the survivor and records exactly which rows moved; the absorbed person stays in the register,
pointing at the survivor. Undoing moves those rows back. Both are in both persons' history.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from homeward.access.actor import Actor
from homeward.access.roles import Permission
from homeward.db import utcnow
from homeward.errors import Conflict, InvalidInput, NotFound
from homeward.linkage.models import Merge
from homeward.registry import history
from homeward.registry.evidence import refresh_status
from homeward.registry.models import Contact, Evidence, Identifier, Person, PersonName, Report
from homeward.registry.service import get_person
from homeward.text import checked_reason

MOVABLE: dict[str, Any] = {
    "reports": Report,
    "evidence": Evidence,
    "names": PersonName,
    "identifiers": Identifier,
    "contacts": Contact,
}


def _active(session: Session, person_id: int) -> Person:
    person = get_person(session, person_id)
    if person.merged_into_id is not None:
        raise Conflict(
            "person %(person_id)s was merged into person %(merged_into_id)s",
            person_id=person_id,
            merged_into_id=person.merged_into_id,
        )
    return person


def merge_persons(
    session: Session,
    *,
    actor: Actor,
    survivor_id: int,
    absorbed_id: int,
    reason: str,
    proposal_id: int | None = None,
) -> Merge:
    actor.require(Permission.REVIEW)
    if survivor_id == absorbed_id:
        raise InvalidInput("absorbed_id", "a person cannot be merged into itself")
    if not (reason or "").strip():
        raise InvalidInput("reason", "say why these are one person")
    reason = checked_reason(reason)
    survivor, absorbed = _active(session, survivor_id), _active(session, absorbed_id)
    if survivor.side != absorbed.side:
        raise InvalidInput("absorbed_id", "an own person and an adversary are never one person")
    moved: dict[str, list[int]] = {}
    for key, model in MOVABLE.items():
        ids = list(session.scalars(select(model.id).where(model.person_id == absorbed_id)))
        moved[key] = sorted(ids)
        if ids:
            session.execute(
                update(model)
                .where(model.id.in_(ids))
                .values(person_id=survivor_id)
                .execution_options(synchronize_session=False)
            )
    absorbed.merged_into_id = survivor_id
    record = Merge(
        survivor_id=survivor_id,
        absorbed_id=absorbed_id,
        proposal_id=proposal_id,
        moved=moved,
        actor=actor.name,
        channel=actor.channel.value,
        reason=reason,
    )
    session.add(record)
    session.flush()
    for person_id, role in ((survivor_id, "survivor"), (absorbed_id, "absorbed")):
        history.record(
            session,
            person_id=person_id,
            change=history.merged(
                {
                    "merge_id": record.id,
                    "role": role,
                    "survivor": survivor_id,
                    "absorbed": absorbed_id,
                    "moved": moved,
                }
            ),
            actor=actor,
            reason=reason,
        )
    session.expire_all()
    refresh_status(session, get_person(session, survivor_id), as_of=date.today())
    return record


def unmerge(session: Session, *, actor: Actor, merge_id: int, reason: str) -> Merge:
    """Undo a merge: every row that moved goes back; both persons are as they were."""
    actor.require(Permission.REVIEW)
    record = session.get(Merge, merge_id)
    if record is None:
        raise NotFound("there is no merge %(merge_id)s", merge_id=merge_id)
    if record.undone_at is not None:
        raise Conflict(
            "merge %(merge_id)s was already undone on %(undone_at)s",
            merge_id=merge_id,
            undone_at=format(record.undone_at, "%Y-%m-%d"),
        )
    if not (reason or "").strip():
        raise InvalidInput("reason", "say why the merge is undone")
    reason = checked_reason(reason)
    survivor = get_person(session, record.survivor_id)
    if survivor.merged_into_id is not None:
        raise Conflict(
            "person %(id)s was merged into person %(merged_into_id)s since: undo that merge first",
            id=survivor.id,
            merged_into_id=survivor.merged_into_id,
        )
    for key, model in MOVABLE.items():
        ids = record.moved.get(key, [])
        if ids:
            session.execute(
                update(model)
                .where(model.id.in_(ids))
                .values(person_id=record.absorbed_id)
                .execution_options(synchronize_session=False)
            )
    absorbed = get_person(session, record.absorbed_id)
    absorbed.merged_into_id = None
    record.undone_by, record.undone_at, record.undo_reason = actor.name, utcnow(), reason
    session.flush()
    for person_id in (record.survivor_id, record.absorbed_id):
        history.record(
            session,
            person_id=person_id,
            change=history.unmerged(record.id, moved_back=record.moved),
            actor=actor,
            reason=reason,
        )
    session.expire_all()
    for person_id in (record.survivor_id, record.absorbed_id):
        refresh_status(session, get_person(session, person_id), as_of=date.today())
    return record


def merges_of(session: Session, person_id: int) -> list[Merge]:
    query = select(Merge).where((Merge.survivor_id == person_id) | (Merge.absorbed_id == person_id))
    return list(session.scalars(query.order_by(Merge.id)))
