"""The record of every change to a person, written in the same transaction as the change.

Every entry of an action has one shape, whatever the channel (CLI, web, import, demo, merge):
the builders below make it, and nothing writes an entry by another way, because the person
page, the API and exports read these shapes back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor
from homeward.db import utcnow
from homeward.jsonable import jsonable
from homeward.registry.models import Evidence, PersonHistory
from homeward.registry.vocab import HistoryAction


class Change(NamedTuple):
    """What one history entry says: its action and what changed, as stored."""

    action: HistoryAction
    changes: dict[str, Any]


def created(person: Any, *, source: str | None) -> Change:
    return Change(HistoryAction.CREATE, {"person": jsonable(person), "source": source})


def edited(diff: dict[str, dict[str, Any]]) -> Change:
    """`{"field": {"old": …, "new": …}}` for each field whose value changed."""
    return Change(HistoryAction.EDIT, jsonable(diff))


def name_added(name: Any, *, source: str | None) -> Change:
    return Change(HistoryAction.NAME_ADDED, {"name": jsonable(name), "source": source})


def identifier_added(identifier: Any) -> Change:
    return Change(HistoryAction.IDENTIFIER_ADDED, {"identifier": jsonable(identifier)})


def evidence_added(row: Evidence) -> Change:
    """From the stored evidence, so that every channel records the same fields."""
    source = row.source
    return Change(
        HistoryAction.EVIDENCE_ADDED,
        {
            "evidence_id": row.id,
            "evidence": {
                "kind": row.kind,
                "on": row.on.iso(),
                "reliability": row.reliability,
                "place": row.place.name if row.place else None,
                "note": row.note,
                "source": {"kind": source.kind, "name": source.name} if source else None,
                "report_id": row.report_id,
                "supersedes_id": row.supersedes_id,
            },
        },
    )


def report_linked(report_id: int, *, source: str | None) -> Change:
    return Change(HistoryAction.REPORT_LINKED, {"report_id": report_id, "source": source})


def contact_added(contact_id: int, *, relation: str) -> Change:
    return Change(HistoryAction.CONTACT_ADDED, {"contact_id": contact_id, "relation": relation})


def contact_edited(contact_id: int, diff: dict[str, dict[str, Any]]) -> Change:
    """`{"field": {"old": …, "new": …}}` for each field of the contact whose value changed."""
    return Change(
        HistoryAction.CONTACT_EDITED, {"contact_id": contact_id, "fields": jsonable(diff)}
    )


def consent_changed(contact_id: int, *, contact: bool, share: bool, withdrawn: bool) -> Change:
    """The consents as they now stand; `withdrawn` when they were withdrawn (by the family
    through its page, or recorded so by a liaison)."""
    return Change(
        HistoryAction.CONSENT_CHANGED,
        {"contact_id": contact_id, "contact": contact, "share": share, "withdrawn": withdrawn},
    )


def merged(changes: dict[str, Any]) -> Change:
    return Change(HistoryAction.MERGE, jsonable(changes))


def unmerged(merge_id: int, *, moved_back: Any) -> Change:
    return Change(HistoryAction.UNMERGE, {"merge_id": merge_id, "moved_back": jsonable(moved_back)})


def entry_values(
    *, person_id: int, change: Change, actor: Actor, reason: str | None, at: datetime
) -> dict[str, Any]:
    """A history row's columns, for the bulk writers (imports, the demo) and `record`."""
    return {
        "person_id": person_id,
        "action": change.action.value,
        "actor": actor.name,
        "channel": actor.channel.value,
        "reason": reason,
        "at": at,
        "changes": change.changes,
    }


def record(
    session: Session,
    *,
    person_id: int,
    change: Change,
    actor: Actor,
    reason: str | None = None,
) -> PersonHistory:
    entry = PersonHistory(
        **entry_values(person_id=person_id, change=change, actor=actor, reason=reason, at=utcnow())
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
