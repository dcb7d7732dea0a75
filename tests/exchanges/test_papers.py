"""Each list as a printable PDF: both languages, the exchange, the version and its date in the
header, restricted distribution marked; the names as the register holds them."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from homeward.errors import InvalidInput
from homeward.exchanges import service
from homeward.exchanges.papers import list_pdf
from homeward.exchanges.vocab import ListSide
from tests.documents.paper import require_poppler, text_of
from tests.exchanges.factories import NEGOTIATOR, an_exchange, our_captive


def test_a_list_prints_with_its_exchange_version_and_mark(session: Session) -> None:
    require_poppler()
    exchange = an_exchange(session)
    person = our_captive(session, birth_date="03.2001")
    service.propose(
        session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
        person_ids=[person], reason="round 1",
    )  # fmt: skip
    text = " ".join(
        text_of(
            list_pdf(session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN)
        ).split()
    )
    assert "Обмін 4 липня" in text and "Коваленко" in text and "Kovalenko" in text
    assert "Особи, яких просимо повернути" in text and "Persons asked back" in text
    assert "RESTRICTED DISTRIBUTION" in text and "04.07.2025" in text
    assert "Молодші за 25 років" in text


def test_an_empty_list_does_not_print(session: Session) -> None:
    exchange = an_exchange(session)
    with pytest.raises(InvalidInput, match="the adversary list is empty"):
        list_pdf(session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.ADVERSARY)
