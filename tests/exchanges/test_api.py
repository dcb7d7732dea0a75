"""The exchanges through the JSON API, to read: the list with each exchange's share of
returnees never confirmed captive, and one exchange with its lists, balance and
reconciliation figures. Read as the pages are (any role that reads), and audited."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from homeward.exchanges import service
from homeward.exchanges.reconcile import Roster, apply_reconciliation
from homeward.exchanges.vocab import ListSide
from tests.exchanges.factories import ADMIN, NEGOTIATOR, an_exchange, our_captive
from tests.web.conftest import ClientFor

ROSTER = (
    "Прізвище,Ім'я,По батькові,Дата народження\n"
    "Коваленко,Олександр,Петрович,03.2004\n"
    "Мельничук,Ярослав,Богданович,03.02.1994\n"
)


def _reconciled(engine: Engine, tmp_path: Path) -> dict[str, int]:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    with Session(engine) as session, session.begin():
        young = our_captive(session, birth_date="03.2004")
        old = our_captive(session, surname="Шевчук", birth_date="1960")
        exchange = an_exchange(session)
        service.propose(
            session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
            person_ids=[young, old], reason="round 1",
        )  # fmt: skip
        service.agree(session, actor=ADMIN, exchange_id=exchange.id, reason="one side only")
        apply_reconciliation(
            session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
            roster=Roster.of(roster),
        )  # fmt: skip
        proposed = an_exchange(session)
        return {"young": young, "old": old, "exchange": exchange.id, "proposed": proposed.id}


def test_the_list_gives_every_exchange_and_its_never_confirmed_share(
    client_as: ClientFor, web_db: Engine, tmp_path: Path
) -> None:
    ids = _reconciled(web_db, tmp_path)
    answer = client_as(Role.ANALYST).get("/api/exchanges")
    assert answer.status_code == 200
    by_id = {e["id"]: e for e in answer.json()}
    done = by_id[ids["exchange"]]
    assert (done["state"], done["carried_out_on"], done["phases"]) == (
        "reconciled", "2025-07-04", ["2025-07-04"],
    )  # fmt: skip
    assert (done["returned"], done["never_confirmed"], done["never_confirmed_share"]) == (2, 1, 0.5)
    proposed = by_id[ids["proposed"]]
    assert (proposed["state"], proposed["returned"], proposed["carried_out_on"]) == (
        "proposed", None, None,
    )  # fmt: skip


def test_one_exchange_with_its_lists_balance_and_reconciliation(
    client_as: ClientFor, web_db: Engine, tmp_path: Path
) -> None:
    ids = _reconciled(web_db, tmp_path)
    answer = client_as(Role.ANALYST).get(f"/api/exchanges/{ids['exchange']}")
    assert answer.status_code == 200
    found = answer.json()
    own = {row["person_id"]: row for row in found["lists"]["own"]}
    assert set(own) == {ids["young"], ids["old"]}
    assert own[ids["young"]]["categories"] == ["under_25"] and own[ids["old"]]["fits_none"]
    assert found["balance"]["balanced"] is False
    assert found["balance"]["categories"][0] == {
        "code": "under_25", "own": 1, "adversary": 0, "quota": None, "left_over": 1,
    }  # fmt: skip
    figures = found["reconciliations"]["own"]
    assert (figures["rows"], figures["came_back_on_list"], figures["did_not_come"]) == (2, 1, 1)
    assert figures["unknown_to_register"] == 1
    assert [p["person_id"] for p in figures["persons"]["did_not_come"]] == [ids["old"]]
    assert found["composition"]["own"]["category"]["under_25"] == 1
    with Session(web_db) as session:
        reads = session.scalars(
            select(AuditEntry.object_id).where(AuditEntry.action == "view_exchange")
        ).all()
    assert str(ids["exchange"]) in reads


def test_a_missing_exchange_is_a_404_and_the_list_is_audited(
    client_as: ClientFor, web_db: Engine
) -> None:
    analyst = client_as(Role.ANALYST)
    assert analyst.get("/api/exchanges/999999").status_code == 404
    assert analyst.get("/api/exchanges").status_code == 200
    with Session(web_db) as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "view_exchange").order_by(AuditEntry.seq)
        ).all()[-1]
    assert (entry.object_type, entry.object_id) == ("exchanges", None)  # a list, read as one
    assert (entry.detail, entry.role) == ({"count": 0, "exchanges": []}, "analyst")
