"""The form that holds a prisoner back from exchanges is offered exactly when the service would
accept the hold: for every status, on his person page (a negotiator) and his custody page."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.errors import InvalidInput
from homeward.exchanges import service
from homeward.exchanges.vocab import HoldKind
from homeward.registry.models import Person
from homeward.registry.vocab import Status
from tests.custody.factories import ago, dmy
from tests.exchanges.factories import NEGOTIATOR, their_prisoner
from tests.web.conftest import ClientFor


@pytest.mark.parametrize("status", list(Status))
def test_the_form_is_offered_exactly_when_the_hold_is_accepted(
    client_as: ClientFor, web_db: Engine, status: Status
) -> None:
    with Session(web_db) as session, session.begin():
        prisoner = their_prisoner(session, birth_date="2003", captured_on=dmy(ago(100)))
        person = session.get(Person, prisoner)
        assert person is not None
        person.status = status.value
    with Session(web_db) as session:
        person = session.get(Person, prisoner)
        assert person is not None
        offered = service.holdable(person)
        try:
            service.hold(
                session, actor=NEGOTIATOR, person_id=prisoner, kind=HoldKind.REFUSES,
                since=ago(5),
            )  # fmt: skip
            accepted = True
        except InvalidInput:
            accepted = False
        session.rollback()
    assert offered == accepted
    assert accepted == (status not in service._NOT_CAPTIVE)
    page = client_as(Role.NEGOTIATOR).get(f"/persons/{prisoner}")
    assert page.status_code == 200 and 'id="holds"' in page.text
    assert ('id="hold-form"' in page.text) == accepted
    custody = client_as(Role.ADMIN).get(f"/custody/prisoners/{prisoner}")
    if custody.status_code == 200:
        assert ('id="hold-form"' in custody.text) == accepted
    done = client_as(Role.NEGOTIATOR).form(
        f"/custody/prisoners/{prisoner}/holds", {"kind": "refuses", "since": dmy(ago(5))}
    )
    assert (done.status_code == 303) == accepted


def test_only_the_other_sides_prisoner_is_holdable() -> None:
    ours = Person(side="own", status=Status.CAPTIVITY_CONFIRMED.value)
    theirs = Person(side="adversary", status=Status.CAPTIVITY_CONFIRMED.value)
    assert not service.holdable(ours) and service.holdable(theirs)
