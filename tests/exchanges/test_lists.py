"""Lists per side, versioned: proposing, withdrawing, comparing, agreeing; and what is refused."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access.roles import Forbidden
from homeward.errors import InvalidInput
from homeward.exchanges import service
from homeward.exchanges.models import ListVersion
from homeward.exchanges.vocab import HoldKind, ListSide, Mode, State
from tests.exchanges.factories import (
    ADMIN,
    ANALYST,
    NEGOTIATOR,
    an_exchange,
    our_captive,
    their_prisoner,
)


def test_an_exchange_is_made_with_its_phases_mode_and_categories(session: Session) -> None:
    exchange = service.create_exchange(
        session,
        actor=NEGOTIATOR,
        name="Обмін",
        days=[date(2025, 5, 25), date(2025, 5, 23)],
        mode=Mode.NUMBERS,
        categories=["under_25", "seriously_ill"],
        quotas={"under_25": 2},
    )
    assert [p.on for p in exchange.phases] == [date(2025, 5, 23), date(2025, 5, 25)]
    assert exchange.day == date(2025, 5, 23)
    assert (exchange.state, exchange.mode) == ("proposed", "numbers")


def test_an_exchange_dated_before_the_war_is_refused(session: Session) -> None:
    with pytest.raises(InvalidInput, match="before the war began") as error:
        service.create_exchange(session, actor=NEGOTIATOR, name="x", days=[date(2020, 1, 1)])
    assert error.value.field == "on"


def test_each_change_is_a_version_and_two_versions_compare(session: Session) -> None:
    exchange = an_exchange(session)
    a, b, c = (our_captive(session, surname=s) for s in ("Бондар", "Шевчук", "Ткачук"))
    service.propose(
        session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
        person_ids=[a, b], reason="first round",
    )  # fmt: skip
    service.withdraw(
        session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
        person_ids=[a], reason="the other side refuses him",
    )  # fmt: skip
    service.propose(
        session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
        person_ids=[c], reason="second round",
    )  # fmt: skip
    compared = service.compare(
        session, exchange_id=exchange.id, side=ListSide.OWN, older=1, newer=3
    )
    assert (compared["added"], compared["removed"], compared["kept"]) == ([c], [a], 1)
    assert [w["reason"] for w in compared["why"]] == ["the other side refuses him", "second round"]
    assert all(w["by"] == NEGOTIATOR.name for w in compared["why"])
    assert set(service.current_list(session, exchange.id, ListSide.OWN)) == {b, c}


def test_a_person_proposed_twice_is_refused_and_nothing_is_written(session: Session) -> None:
    exchange = an_exchange(session)
    a, b = our_captive(session), our_captive(session, surname="Шевчук")
    with pytest.raises(InvalidInput, match="already on the own list") as error:
        service.propose(
            session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
            person_ids=[a, b, a], reason="r",
        )  # fmt: skip
    assert error.value.field == f"person {a}"
    assert session.scalar(select(func.count()).select_from(ListVersion)) == 0


def test_a_person_on_the_wrong_side_is_refused(session: Session) -> None:
    exchange = an_exchange(session)
    ours = our_captive(session)
    with pytest.raises(InvalidInput, match="is of the own side: not for the adversary list"):
        service.propose(
            session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.ADVERSARY,
            person_ids=[ours], reason="r",
        )  # fmt: skip


def test_a_prisoner_held_back_for_proceedings_is_never_offered(session: Session) -> None:
    exchange = an_exchange(session)
    prisoner = their_prisoner(session)
    service.hold(
        session, actor=NEGOTIATOR, person_id=prisoner, kind=HoldKind.PROCEEDINGS,
        since=date(2025, 1, 1), note="case 1-23",
    )  # fmt: skip
    with pytest.raises(InvalidInput, match=r"judicial proceedings \(Art. 115, 119\)"):
        service.propose(
            session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.ADVERSARY,
            person_ids=[prisoner], reason="r",
        )  # fmt: skip


def test_unbalanced_lists_are_agreed_only_with_a_reason_and_only_by_an_admin(
    session: Session,
) -> None:
    exchange = an_exchange(session, mode=Mode.ONE_FOR_ONE)
    ours = [our_captive(session, surname=s) for s in ("Бондар", "Шевчук")]
    theirs = their_prisoner(session)
    service.propose(
        session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
        person_ids=ours, reason="r",
    )  # fmt: skip
    service.propose(
        session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.ADVERSARY,
        person_ids=[theirs], reason="r",
    )  # fmt: skip
    with pytest.raises(Forbidden):
        service.agree(session, actor=NEGOTIATOR, exchange_id=exchange.id, reason="x")
    with pytest.raises(InvalidInput, match="one for one: 2 asked back, 1 offered"):
        service.agree(session, actor=ADMIN, exchange_id=exchange.id)
    agreed = service.agree(
        session, actor=ADMIN, exchange_id=exchange.id, reason="two for one, agreed in Abu Dhabi"
    )
    assert agreed.state == State.AGREED.value
    assert set(service.agreed_list(session, exchange.id, ListSide.OWN)) == set(ours)
    with pytest.raises(InvalidInput, match="its lists no longer change"):
        service.withdraw(
            session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
            person_ids=ours[:1], reason="r",
        )  # fmt: skip


def test_an_analyst_reads_but_does_not_propose(session: Session) -> None:
    exchange = an_exchange(session)
    with pytest.raises(Forbidden):
        service.propose(
            session, actor=ANALYST, exchange_id=exchange.id, side=ListSide.OWN,
            person_ids=[our_captive(session)], reason="r",
        )  # fmt: skip
