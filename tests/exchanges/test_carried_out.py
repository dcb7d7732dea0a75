"""An admin marks an agreed exchange carried out, on a day: audited, shown on the page, from
the command line too. A proposed exchange, one carried out already, a day in the future or
before the exchange are refused, naming why; reconciling a roster marks it carried out."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from homeward.access.models import AuditEntry
from homeward.access.roles import Forbidden, Role
from homeward.cli import app
from homeward.db import session_factory, transaction
from homeward.errors import InvalidInput
from homeward.exchanges import service
from homeward.exchanges.reconcile import Roster, apply_reconciliation
from homeward.exchanges.vocab import ListSide, State
from tests.exchanges.factories import ADMIN, DAY, NEGOTIATOR, an_exchange, our_captive
from tests.web.conftest import ClientFor


def _agreed(session: Session) -> int:
    person = our_captive(session, birth_date="03.2004")
    exchange = an_exchange(session)
    service.propose(
        session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
        person_ids=[person], reason="round 1",
    )  # fmt: skip
    service.agree(session, actor=ADMIN, exchange_id=exchange.id, reason="one side only")
    return exchange.id


def test_an_agreed_exchange_is_marked_carried_out_and_audited(session: Session) -> None:
    eid = _agreed(session)
    done = service.carry_out(session, actor=ADMIN, exchange_id=eid, on=DAY + timedelta(days=1))
    assert (done.state, done.carried_out_on) == (State.CARRIED_OUT, DAY + timedelta(days=1))
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.action == "exchange_carried_out")
    ).one()
    assert (entry.object_id, entry.username) == (str(eid), ADMIN.name)


def test_the_day_is_the_exchange_day_unless_given(session: Session) -> None:
    eid = _agreed(session)
    assert service.carry_out(session, actor=ADMIN, exchange_id=eid).carried_out_on == DAY


def test_what_cannot_be_carried_out_is_refused_naming_why(session: Session) -> None:
    proposed = an_exchange(session).id
    with pytest.raises(InvalidInput, match="is proposed: agree its lists before"):
        service.carry_out(session, actor=ADMIN, exchange_id=proposed)
    eid = _agreed(session)
    with pytest.raises(InvalidInput, match="is in the future"):
        service.carry_out(
            session, actor=ADMIN, exchange_id=eid, on=date.today() + timedelta(days=1)
        )
    with pytest.raises(InvalidInput, match=r"before the exchange's first day \(04.07.2025\)"):
        service.carry_out(session, actor=ADMIN, exchange_id=eid, on=DAY - timedelta(days=1))
    with pytest.raises(Forbidden):
        service.carry_out(session, actor=NEGOTIATOR, exchange_id=eid)
    service.carry_out(session, actor=ADMIN, exchange_id=eid)
    with pytest.raises(InvalidInput, match=r"was carried out already, on 04\.07\.2025"):
        service.carry_out(session, actor=ADMIN, exchange_id=eid)


def test_reconciling_marks_it_carried_out_and_reconciled(session: Session, tmp_path: Path) -> None:
    eid = _agreed(session)
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "Прізвище,Ім'я,По батькові,Дата народження\nКоваленко,Олександр,Петрович,03.2004\n",
        encoding="utf-8",
    )
    apply_reconciliation(
        session, actor=NEGOTIATOR, exchange_id=eid, side=ListSide.OWN, roster=Roster.of(roster)
    )
    exchange = service.get_exchange(session, eid)
    assert (exchange.state, exchange.carried_out_on) == (State.RECONCILED, DAY)
    with pytest.raises(InvalidInput, match="was carried out already"):
        service.carry_out(session, actor=ADMIN, exchange_id=eid)


def test_the_command_line_marks_it(clean_db: Engine) -> None:
    with transaction(session_factory(clean_db)) as session:
        eid = _agreed(session)
    db = clean_db.url.render_as_string(hide_password=False)
    runner = CliRunner()
    done = runner.invoke(
        app, ["exchange", "carried-out", str(eid), "--on", "05.07.2025", "--db", db]
    )
    assert done.exit_code == 0, done.output
    assert "carried out on 05.07.2025" in done.output
    again = runner.invoke(app, ["exchange", "carried-out", str(eid), "--db", db])
    assert again.exit_code != 0 and "was carried out already, on 05.07.2025" in again.output


def test_the_admin_marks_it_on_the_page(client_as: ClientFor, web_db: Engine) -> None:
    with Session(web_db) as session, session.begin():
        eid = _agreed(session)
    admin, negotiator = client_as(Role.ADMIN), client_as(Role.NEGOTIATOR)
    page = admin.get(f"/exchanges/{eid}?lang=en")
    assert 'id="carried-out-form"' in page.text
    assert 'id="carried-out-form"' not in negotiator.get(f"/exchanges/{eid}?lang=en").text
    assert negotiator.form(f"/exchanges/{eid}/carried-out", {"on": "05.07.2025"}).status_code == 403
    wrong = admin.form(f"/exchanges/{eid}/carried-out", {"on": "01.07.2025"})
    assert wrong.status_code == 422 and 'id="carried-out-error"' in wrong.text
    done = admin.form(f"/exchanges/{eid}/carried-out", {"on": "05.07.2025"})
    assert done.status_code == 303
    shown = admin.get(f"/exchanges/{eid}?lang=en")
    assert 'id="carried-out-on"' in shown.text and 'id="carried-out-form"' not in shown.text
