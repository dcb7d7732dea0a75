"""A hold is recorded on the custody page of a prisoner we hold, by a role that prepares
exchanges: he is then never offered, and the page lists the hold. A custodian sees the holds
without the form; a wrong day is named."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.exchanges import service
from homeward.exchanges.candidates import find_candidates
from homeward.exchanges.vocab import HoldKind, ListSide
from tests.custody.factories import ago, dmy
from tests.exchanges.factories import NEGOTIATOR, their_prisoner
from tests.web.conftest import ClientFor


def test_an_admin_holds_a_prisoner_back_on_his_custody_page(
    client_as: ClientFor, web_db: Engine
) -> None:
    with Session(web_db) as session, session.begin():
        prisoner = their_prisoner(session, birth_date="2003", captured_on=dmy(ago(100)))
    admin, custodian = client_as(Role.ADMIN), client_as(Role.CUSTODIAN)
    page = f"/custody/prisoners/{prisoner}"
    assert 'id="hold-form"' in admin.get(page).text
    seen = custodian.get(page)
    assert 'id="holds"' in seen.text and 'id="hold-form"' not in seen.text
    assert (
        custodian.form(f"{page}/holds", {"kind": "proceedings", "since": "01.03.2025"}).status_code
        == 403
    )

    wrong = admin.form(f"{page}/holds", {"kind": "proceedings", "since": "31.02.2025"})
    assert wrong.status_code == 422 and 'class="error"' in wrong.text
    odd = admin.form(f"{page}/holds", {"kind": "bored", "since": "01.03.2025"})
    assert odd.status_code == 422
    done = admin.form(
        f"{page}/holds", {"kind": "proceedings", "since": "01.03.2025", "note": "case 1-23"}
    )
    assert done.status_code == 303
    assert "case 1-23" in admin.get(page).text
    negotiator = client_as(Role.NEGOTIATOR)
    refuses = negotiator.form(f"{page}/holds", {"kind": "refuses", "since": "02.03.2025"})
    assert (refuses.status_code, refuses.headers["location"]) == (
        303,
        f"/persons/{prisoner}?saved=hold#holds",
    )
    assert negotiator.form(f"{page}/holds", {"kind": "refuses", "since": "x"}).status_code == 422

    with Session(web_db) as session:
        exchange = service.create_exchange(
            session, actor=NEGOTIATOR, name="Обмін", days=[date.today()], categories=["under_25"]
        )
        found, never = find_candidates(
            session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.ADVERSARY
        )
        assert [c.person.id for c in never] == [prisoner]
        assert prisoner not in {c.person.id for c in found}
        session.rollback()


def test_a_hold_is_lifted_beside_it_on_the_custody_page(
    client_as: ClientFor, web_db: Engine
) -> None:
    with Session(web_db) as session, session.begin():
        prisoner = their_prisoner(session, birth_date="2003", captured_on=dmy(ago(100)))
        held = service.hold(
            session, actor=NEGOTIATOR, person_id=prisoner, kind=HoldKind.REFUSES,
            since=ago(50),
        ).id  # fmt: skip
    admin, custodian = client_as(Role.ADMIN), client_as(Role.CUSTODIAN)
    page = f"/custody/prisoners/{prisoner}"
    lift = f"{page}/holds/{held}/lift"
    assert f'action="{lift}"' in admin.get(page).text
    assert f'action="{lift}"' not in custodian.get(page).text
    assert custodian.form(lift, {"on": dmy(ago(1)), "reason": "r"}).status_code == 403

    early = admin.form(lift, {"on": dmy(ago(51)), "reason": "r"})
    assert early.status_code == 422 and dmy(ago(50)) in early.text  # the day it began
    assert admin.form(lift, {"on": dmy(ago(-1)), "reason": "r"}).status_code == 422
    assert admin.form(lift, {"on": dmy(ago(1)), "reason": ""}).status_code == 422
    assert admin.form(lift, {"on": "31.02.2025", "reason": "r"}).status_code == 422
    assert admin.form(f"{page}/holds/x/lift", {"on": dmy(ago(1)), "reason": "r"}).status_code == 404
    other = admin.form(
        f"/custody/prisoners/{prisoner + 1}/holds/{held}/lift", {"on": dmy(ago(1)), "reason": "r"}
    )
    assert other.status_code == 404

    done = admin.form(lift, {"on": dmy(ago(1)), "reason": "he agreed to go home"})
    assert (done.status_code, done.headers["location"]) == (303, f"{page}?saved=lift")
    shown = admin.get(page).text
    assert "he agreed to go home" in shown and f'action="{lift}"' not in shown
    again = client_as(Role.NEGOTIATOR).form(lift, {"on": dmy(ago(0)), "reason": "r"})
    assert again.status_code == 422 and "test-admin" in again.text  # who lifted it
    with Session(web_db) as session:
        exchange = service.create_exchange(
            session, actor=NEGOTIATOR, name="Обмін", days=[date.today()], categories=["under_25"]
        )
        found, never = find_candidates(
            session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.ADVERSARY
        )
        assert prisoner in {c.person.id for c in found} and not never
        session.rollback()


def test_a_prisoner_no_longer_held_is_not_said_to_be_offerable(
    client_as: ClientFor, web_db: Engine
) -> None:
    """Handed to another Power, he is no longer ours to offer: the page does not say he may be."""
    with Session(web_db) as session, session.begin():
        prisoner = their_prisoner(session, birth_date="2003", captured_on=dmy(ago(100)))
    custodian = client_as(Role.CUSTODIAN)
    page = f"/custody/prisoners/{prisoner}"
    assert "можна запропонувати до обміну" in custodian.get(page).text
    moved = custodian.form(f"{page}/events", {"kind": "transferred", "on": dmy(ago(3))})
    assert moved.status_code == 303, moved.text
    text = custodian.get(page).text
    assert "можна запропонувати до обміну" not in text
    assert "Уже не під нашою вартою: до обміну не пропонується." in text
