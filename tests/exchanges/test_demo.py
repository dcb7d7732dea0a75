"""The demo's exchanges: lists built from the candidates, rosters that differ from the lists,
reconciled; the share never confirmed before return is counted from the evidence, not typed."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, func, select

from homeward.db import session_factory
from homeward.demo.store import build_demo
from homeward.exchanges.demo import build_exchanges_demo
from homeward.exchanges.models import Exchange
from homeward.exchanges.reconcile import never_confirmed_by_exchange
from homeward.registry.models import Evidence

TODAY = date(2026, 11, 1)


def test_the_demo_exchanges_are_reconciled_with_every_kind_of_outcome(clean_db: Engine) -> None:
    build_demo(clean_db, persons=2000, seed=3, as_of=TODAY)
    made = build_exchanges_demo(clean_db, seed=3, today=TODAY)
    assert len(made) == 2
    for demo in made:
        result = demo.result
        assert result["did_not_come"] and result["came_back_not_on_list"]
        assert result["unknown_to_register"] and result["came_back_on_list"]
    with session_factory(clean_db)() as session:
        assert {e.state for e in session.scalars(select(Exchange))} == {"reconciled"}
        figures = never_confirmed_by_exchange(session)
        returned_evidence = session.scalar(
            select(func.count()).select_from(Evidence).where(
                Evidence.kind == "returned", Evidence.recorded_by == "demo",
                Evidence.note.like("returned in exchange%"),
            )
        )  # fmt: skip
    overall = figures[0]
    assert overall["returned"] == returned_evidence
    assert 0 < overall["never_confirmed"] < overall["returned"]


def test_the_prisoners_handed_over_in_the_demo_are_repatriated_and_offered_no_more(
    clean_db: Engine,
) -> None:
    from homeward.exchanges import service
    from homeward.exchanges.vocab import ListSide
    from homeward.registry.models import Person

    build_demo(clean_db, persons=2000, seed=3, as_of=TODAY)
    made = build_exchanges_demo(clean_db, seed=3, today=TODAY)
    with session_factory(clean_db)() as session:
        offered = {
            p
            for demo in made
            for p in service.agreed_list(session, demo.exchange_id, ListSide.ADVERSARY)
        }
        rows = session.execute(select(Person.id, Person.status).where(Person.id.in_(offered)))
        repatriated = {person_id for person_id, status in rows if status == "repatriated"}
    assert offered
    assert len(repatriated) >= len(offered) - len(made)  # at most one stayed behind each time
