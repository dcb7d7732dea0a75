"""A returnee's life after return: his checklist, the time in captivity as a range and the back
pay it entitles (`aftercare`). Reads are audited; each step done is written with who and when."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.errors import InvalidInput
from homeward.exchanges.aftercare import TASKS, back_pay, captivities, captivity
from homeward.exchanges.models import ReturneeTask
from homeward.exchanges.rules import rank_category
from homeward.registry.models import Evidence
from homeward.registry.service import get_person
from homeward.registry.vocab import EvidenceKind, Side
from homeward.text import checked_text


def _returned_on(session: Session, person_id: int) -> date | None:
    return session.scalar(
        select(Evidence.occurred_on)
        .where(Evidence.person_id == person_id, Evidence.kind == EvidenceKind.RETURNED.value)
        .order_by(Evidence.occurred_on.desc())
        .limit(1)
    )


def returnee(session: Session, *, actor: Actor, person_id: int) -> dict[str, Any]:
    """His checklist, his time in captivity (a range) and his back pay, as of his return."""
    actor.require(Permission.READ)
    person = get_person(session, person_id)
    returned = _returned_on(session, person_id)
    if person.side != Side.OWN.value or returned is None:
        raise InvalidInput("person", "person %(id)s has not returned from captivity", id=person_id)
    done = {
        t.task: t
        for t in session.scalars(select(ReturneeTask).where(ReturneeTask.person_id == person_id))
    }
    found: dict[str, Any] = {
        "person": person,
        "returned": returned,
        "problem": None,
        "civilian": person.service_status == "civilian",
    }
    events = [
        (row.kind, row.on)
        for row in session.scalars(
            select(Evidence).where(
                Evidence.person_id == person_id,
                Evidence.kind.in_(
                    (EvidenceKind.REPORTED_MISSING.value, EvidenceKind.RETURNED.value)
                ),
            )
        )
    ]
    periods = []
    for start, back in captivities(person.missing, events):
        try:
            held = captivity(start, back)
            # the military pay tables are for servicemen: a civilian's compensation is
            # another scheme, not computed here
            pay = (
                None
                if person.service_status == "civilian"
                else back_pay(held, rank_category(person.rank))
            )
            periods.append({"captivity": held, "pay": pay})
        except InvalidInput as error:
            found["problem"] = error
    found["periods"] = periods
    last = periods[-1] if periods else {"captivity": None, "pay": None}
    found["captivity"], found["pay"] = last["captivity"], last["pay"]
    found["tasks"] = [(task, done.get(task)) for task in TASKS]
    audit.log(
        session, actor, AuditAction.VIEW_EXCHANGE, object_type="person", object_id=person_id,
        detail={"returnee": True},
    )  # fmt: skip
    return found


def mark_done(
    session: Session, *, actor: Actor, person_id: int, task: str, on: date, note: str | None
) -> ReturneeTask:
    actor.require(Permission.EXCHANGES)
    if task not in TASKS:
        raise InvalidInput("task", "%(task)s is no step of the checklist", task=repr(task))
    if on > date.today():
        raise InvalidInput("on", "is in the future")
    returned = _returned_on(session, person_id)
    if returned is None:
        raise InvalidInput("person", "person %(id)s has not returned from captivity", id=person_id)
    if on < returned:
        raise InvalidInput("on", "before the return on %(day)s", day=returned.strftime("%d.%m.%Y"))
    existing = session.scalar(
        select(ReturneeTask).where(ReturneeTask.person_id == person_id, ReturneeTask.task == task)
    )
    if existing is not None:
        raise InvalidInput(
            "task",
            "already done on %(day)s by %(who)s",
            day=existing.done_on.strftime("%d.%m.%Y"),
            who=existing.created_by,
        )
    row = ReturneeTask(
        person_id=person_id,
        task=task,
        done_on=on,
        note=checked_text("note", note, limit=2000) or None,
        created_by=actor.name,
    )
    session.add(row)
    session.flush()
    audit.log(
        session, actor, AuditAction.RETURNEE_TASK, object_type="person", object_id=person_id,
        detail={"task": task, "on": on},
    )  # fmt: skip
    return row
