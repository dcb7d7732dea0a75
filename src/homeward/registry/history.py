"""Who changes the register, and the record of every change, written in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access.roles import Permission, Role, require
from homeward.dates import PartialDate
from homeward.registry.models import PersonHistory
from homeward.registry.vocab import Channel, HistoryAction


@dataclass(frozen=True)
class Actor:
    """Who acts and through what: the CLI, the web application, an import.

    `role` is the signed-in user's role (None for the console, trusted as the server's operator);
    `client` is the address a web request came from, for the audit log.
    """

    name: str
    channel: Channel
    role: Role | None = None
    client: str | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("an actor needs a name")

    def require(self, permission: Permission) -> None:
        """Raise `Forbidden` unless this actor's role allows `permission`."""
        require(self.role, permission)


def jsonable(value: Any) -> Any:
    """A value as history stores it: dates and partial dates as ISO text, models as objects."""
    if isinstance(value, BaseModel):
        return {name: jsonable(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, PartialDate | date):
        return value.isoformat() if isinstance(value, date) else value.iso()
    if isinstance(value, tuple | list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if hasattr(value, "value") and isinstance(value.value, str):  # enums
        return value.value
    return value


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
