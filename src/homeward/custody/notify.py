"""Notifying the Central Tracing Agency: the events not yet notified go out in one batch (an
XLSX file and its cover sheet) and are marked "notified on" that day — in the caller's
transaction, so a batch that fails to write leaves every event un-notified."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.custody import models as m
from homeward.custody.papers import BatchEvent, batch_rows, unnotified_events, write_batch
from homeward.errors import HomewardError, InvalidInput


@dataclass(frozen=True)
class SentBatch:
    batch: m.NotificationBatch
    events: list[BatchEvent]
    path: Path


def send_batch(session: Session, *, actor: Actor, out: Path, on: date | None = None) -> SentBatch:
    """Write the batch to `out` and mark its events notified on `on` (today). The file is
    written beside `out` first and moved into place only when whole."""
    actor.require(Permission.CUSTODY)
    day = on or date.today()
    if day > date.today():
        raise InvalidInput("on", "is in the future")
    if out.suffix.lower() != ".xlsx":
        raise InvalidInput("out", "the batch is written as .xlsx")
    events = unnotified_events(session)
    if not events:
        raise InvalidInput("batch", "no event waits to be notified")
    batch = m.NotificationBatch(sent_on=day, events=len(events), created_by=actor.name)
    session.add(batch)
    session.flush()
    session.execute(
        insert(m.NotifiedEvent),
        [
            {"batch_id": batch.id, "evidence_id": e.fact.id, "person_id": e.person_id}
            for e in events
        ],
    )
    partial = out.with_name(out.name + ".partial")
    try:
        batch.sha256 = write_batch(partial, batch_rows(session, events))
        partial.replace(out)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise HomewardError(
            "the batch could not be written to %(path)s (%(problem)s): no event was marked as "
            "notified",
            path=str(out),
            problem=error.strerror or str(error),
        ) from None
    session.flush()
    audit.log(
        session,
        actor,
        AuditAction.NOTIFY_BATCH,
        object_type="notification_batch",
        object_id=batch.id,
        detail={"events": len(events), "sent_on": day.isoformat(), "sha256": batch.sha256},
    )
    return SentBatch(batch, events, out)
