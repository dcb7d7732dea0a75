"""Returns per exchange read from the exchanges' reconciliations: the roster's returnees are
counted under the exchange's name, with the reconciliation's count of those never confirmed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from homeward.exchanges import service
from homeward.exchanges.reconcile import Roster, apply_reconciliation
from homeward.exchanges.vocab import ListSide
from homeward.stats.service import register_figures
from tests.exchanges.factories import NEGOTIATOR
from tests.exchanges.test_reconcile import ROSTER, _agreed, _register, _roster
from tests.factories import ANALYST


def test_a_reconciled_roster_names_its_exchange(session: Session, tmp_path: Path) -> None:
    ids = _register(session)
    exchange_id = _agreed(session, [ids["kovalenko"], ids["shevchuk"], ids["tkachuk"]])
    apply_reconciliation(
        session, actor=NEGOTIATOR, exchange_id=exchange_id, side=ListSide.OWN,
        roster=Roster.of(_roster(tmp_path, ROSTER)),
    )  # fmt: skip
    exchange = service.get_exchange(session, exchange_id)
    today = date.today()
    figures = register_figures(session, actor=ANALYST, on=today, today=today)
    per = figures.table("returned_per_exchange")
    assert per.rows == (exchange.name,)  # all four came back on its roster, that day
    assert sum(per.counts[0]) == 4
    reconciled = figures.table("exchanges_reconciled")
    # the reconciliation found two never confirmed before: one seen only on video, one unknown
    assert reconciled.rows == (exchange.name,) and reconciled.counts == ((2, 2),)
