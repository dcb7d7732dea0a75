"""Agreeing unbalanced lists without a reason is refused in one message that names every
problem, each in the reader's language."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from homeward.errors import InvalidInput
from homeward.exchanges import service
from homeward.exchanges.vocab import ListSide, Mode
from homeward.i18n import translator
from tests.exchanges.factories import ADMIN, NEGOTIATOR, an_exchange, our_captive


def test_every_problem_is_named_in_one_message(session: Session) -> None:
    young = our_captive(session, birth_date="03.2004")
    old = our_captive(session, surname="Шевчук", birth_date="1960")
    exchange = an_exchange(session, mode=Mode.ONE_FOR_ONE)
    service.propose(
        session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
        person_ids=[young, old], reason="round 1",
    )  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        service.agree(session, actor=ADMIN, exchange_id=exchange.id)
    assert str(refused.value) == (
        "reason: the lists are not balanced: "
        "listed under none of the agreed categories (own): 1; "
        "one for one: 2 asked back, 0 offered; under_25: 1 asked back, 0 offered (left over 1)"
        ". Agree them only with a reason"
    )
    said = refused.value.translated(translator("uk"))
    assert said.startswith("списки не збалансовано: ") and "one for one" not in said
    assert said.count("; ") == 2
