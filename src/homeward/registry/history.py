"""The record of every change to a person, written in the same transaction as the change."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor
from homeward.jsonable import jsonable
from homeward.registry.models import PersonHistory
from homeward.registry.vocab import HistoryAction


def record(
    session: Session,
    *,
    person_id: int,
    action: HistoryAction,
    actor: Actor,
    changes: dict[str, Any],
    reason: str | None = None,
) -> PersonHistory:
    entry = PersonHistory(
        person_id=person_id,
        action=action.value,
        actor=actor.name,
        channel=actor.channel.value,
        reason=reason,
        changes=jsonable(changes),
    )
    session.add(entry)
    return entry


def person_history(session: Session, person_id: int) -> list[PersonHistory]:
    query = (
        select(PersonHistory)
        .where(PersonHistory.person_id == person_id)
        .order_by(PersonHistory.at, PersonHistory.id)
    )
    return list(session.scalars(query))
