"""A hold is lifted with a day and a reason, by a role that prepares exchanges, once, not
before it began and not on a day still to come; audited. From the day it is lifted the
prisoner is a candidate again; an exchange before that day still leaves him out."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.models import AuditEntry
from homeward.access.roles import Forbidden
from homeward.errors import InvalidInput, NotFound
from homeward.exchanges import service
from homeward.exchanges.candidates import find_candidates
from homeward.exchanges.models import Hold
from homeward.exchanges.vocab import HoldKind, ListSide
from tests.custody.factories import CUSTODIAN
from tests.exchanges.factories import DAY, NEGOTIATOR, an_exchange, their_prisoner


def a_hold(session: Session) -> Hold:
    prisoner = their_prisoner(session, birth_date="2003", captured_on="01.01.2025")
    return service.hold(
        session, actor=NEGOTIATOR, person_id=prisoner, kind=HoldKind.PROCEEDINGS,
        since=date(2025, 2, 1), note="case 1-23",
    )  # fmt: skip


def candidates(session: Session, exchange_id: int) -> tuple[set[int], set[int]]:
    found, never = find_candidates(
        session, actor=NEGOTIATOR, exchange_id=exchange_id, side=ListSide.ADVERSARY
    )
    return {c.person.id for c in found}, {c.person.id for c in never}


def test_a_lifted_hold_no_longer_keeps_him_off_the_candidates(session: Session) -> None:
    exchange = an_exchange(session)
    held = a_hold(session)
    assert candidates(session, exchange.id) == (set(), {held.person_id})

    before = session.scalar(select(func.max(AuditEntry.id))) or 0
    lifted = service.lift_hold(
        session, actor=NEGOTIATOR, hold_id=held.id, on=DAY - timedelta(days=3),
        reason="the court acquitted him",
    )  # fmt: skip
    assert (lifted.lifted_on, lifted.lifted_by, lifted.lifted_reason) == (
        DAY - timedelta(days=3), NEGOTIATOR.name, "the court acquitted him",
    )  # fmt: skip
    assert candidates(session, exchange.id) == ({held.person_id}, set())
    service.propose(
        session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.ADVERSARY,
        person_ids=[held.person_id], reason="r",
    )  # fmt: skip
    entry = session.scalars(
        select(AuditEntry).where(
            AuditEntry.action == AuditAction.EXCHANGE_HOLD_LIFTED.value,
            AuditEntry.id > before,
        )
    ).one()
    assert (entry.object_id, entry.username, entry.detail["reason"]) == (
        str(held.person_id), NEGOTIATOR.name, "the court acquitted him",
    )  # fmt: skip


def test_a_hold_lifted_after_the_exchange_day_still_keeps_him_off_it(session: Session) -> None:
    exchange = an_exchange(session)  # on DAY, before today
    held = a_hold(session)
    service.lift_hold(
        session, actor=NEGOTIATOR, hold_id=held.id, on=date.today(), reason="sentence served"
    )
    assert candidates(session, exchange.id) == (set(), {held.person_id})
    later = service.create_exchange(
        session, actor=NEGOTIATOR, name="Обмін", days=[date.today()], categories=["under_25"]
    )
    assert held.person_id in candidates(session, later.id)[0]


def test_a_hold_is_lifted_once_within_its_time_with_a_reason(session: Session) -> None:
    held = a_hold(session)

    def lift(
        on: date,
        reason: str = "r",
        *,
        actor: Actor = NEGOTIATOR,
        hold_id: int = held.id,
        person_id: int | None = None,
    ) -> Hold:
        return service.lift_hold(
            session, actor=actor, hold_id=hold_id, on=on, reason=reason, person_id=person_id
        )

    with pytest.raises(InvalidInput, match=r"before it began on 01\.02\.2025"):
        lift(date(2025, 1, 31))
    with pytest.raises(InvalidInput, match="on a day still to come"):
        lift(date.today() + timedelta(days=1))
    with pytest.raises(InvalidInput) as blank:
        lift(date(2025, 3, 1), reason="  ")
    assert blank.value.field == "reason"
    with pytest.raises(Forbidden):
        lift(date(2025, 3, 1), actor=CUSTODIAN)
    with pytest.raises(NotFound):
        lift(date(2025, 3, 1), hold_id=held.id + 1000)
    with pytest.raises(NotFound):
        lift(date(2025, 3, 1), person_id=held.person_id + 1000)
    assert held.lifted_on is None
    lift(date(2025, 3, 1), reason="exchanged for a witness")
    with pytest.raises(InvalidInput, match=r"already lifted on 01\.03\.2025 by test-negotiator"):
        lift(date(2025, 3, 2))
    assert held.lifted_on == date(2025, 3, 1)
