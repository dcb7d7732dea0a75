"""Reconciling a roster: Latin, Russian and Ukrainian spellings with typos find the right
persons; a substitution, a no-show and an unknown are each reported; the dry run writes
nothing; applying twice changes nothing the second time; a broken roster is named."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.errors import HomewardError, InvalidInput
from homeward.exchanges import service
from homeward.exchanges.reconcile import Roster, apply_reconciliation, plan_reconciliation
from homeward.exchanges.vocab import ListSide
from homeward.registry.models import Evidence, Person, PersonHistory
from tests.exchanges.factories import ADMIN, NEGOTIATOR, an_exchange, our_captive

HEADER = "Прізвище,Ім'я,По батькові,Дата народження\n"


def _register(session: Session) -> dict[str, int]:
    return {
        "kovalenko": our_captive(session, birth_date="12.03.1999"),
        "shevchuk": our_captive(
            session, surname="Шевчук", given_name="Андрій", patronymic="Іванович",
            birth_date="05.06.1990", confirmed=False,
        ),
        "tkachuk": our_captive(
            session, surname="Ткачук", given_name="Василь", patronymic="Миколайович",
            birth_date="01.01.1985",
        ),
        "bondarenko": our_captive(
            session, surname="Бондаренко", given_name="Дмитро", patronymic="Сергійович",
            birth_date="17.08.1992",
        ),
    }  # fmt: skip


def _agreed(session: Session, ids: list[int]) -> int:
    exchange = an_exchange(session, categories=())
    service.propose(
        session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
        person_ids=ids, reason="round 1",
    )  # fmt: skip
    service.agree(session, actor=ADMIN, exchange_id=exchange.id)
    return exchange.id


def _roster(tmp_path: Path, body: str, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


ROSTER = (
    "Kovalenko,Oleksandr,Petrovych,12.03.1999\n"  # Latin
    "Шевчук,Андрей,Иванович,05.06.1990\n"  # Russian
    "Бондоренко,Дмитро,Сергійович,17.08.1992\n"  # Ukrainian with a typo, not on the list
    "Мельничук,Ярослав,Богданович,03.02.1994\n"  # unknown to the register
)


def _ids(result: dict[str, object], key: str) -> set[object]:
    persons = result["persons"]
    assert isinstance(persons, dict)
    return {p["person_id"] for p in persons[key]}


def test_the_dry_run_reports_every_outcome_and_writes_nothing(
    session: Session, tmp_path: Path
) -> None:
    ids = _register(session)
    exchange = _agreed(session, [ids["kovalenko"], ids["shevchuk"], ids["tkachuk"]])
    evidence_before = session.scalar(select(func.count()).select_from(Evidence))
    plan = plan_reconciliation(
        session, actor=NEGOTIATOR, exchange_id=exchange, side=ListSide.OWN,
        roster=Roster.of(_roster(tmp_path, ROSTER)),
    )  # fmt: skip
    result = plan.outcome()
    assert _ids(result, "came_back_on_list") == {ids["kovalenko"], ids["shevchuk"]}
    assert _ids(result, "came_back_not_on_list") == {ids["bondarenko"]}
    assert _ids(result, "did_not_come") == {ids["tkachuk"]}
    assert [p["written"] for p in result["persons"]["unknown_to_register"]] == [
        "Мельничук Ярослав Богданович"
    ]
    # Шевчук was only seen on video; Мельничук was unknown: neither confirmed before return
    assert result["never_confirmed_before_return"] == 2
    assert _ids(result, "never_confirmed_before_return") == {ids["shevchuk"], None}
    assert (result["came_back_on_list"], result["did_not_come"], result["rows"]) == (2, 1, 4)
    assert session.scalar(select(func.count()).select_from(Evidence)) == evidence_before


def test_applying_writes_returns_on_the_exchange_day_with_history_once(
    session: Session, tmp_path: Path
) -> None:
    ids = _register(session)
    exchange = _agreed(session, [ids["kovalenko"], ids["shevchuk"], ids["tkachuk"]])
    roster = _roster(tmp_path, ROSTER)
    persons_before = session.scalar(select(func.count()).select_from(Person)) or 0
    result = apply_reconciliation(
        session, actor=NEGOTIATOR, exchange_id=exchange, side=ListSide.OWN, roster=Roster.of(roster)
    )
    assert session.scalar(select(func.count()).select_from(Person)) == persons_before + 1
    came = {ids["kovalenko"], ids["shevchuk"], ids["bondarenko"]}
    made = result["persons"]["unknown_to_register"][0]["person_id"]
    for person_id in (*came, made):
        person = session.get(Person, person_id)
        assert person is not None and person.status == "returned"
        returned = session.scalars(
            select(Evidence).where(Evidence.person_id == person_id, Evidence.kind == "returned")
        ).one()
        assert returned.occurred_on == service.get_exchange(session, exchange).day
        assert session.scalar(
            select(func.count())
            .select_from(PersonHistory)
            .where(PersonHistory.person_id == person_id, PersonHistory.action == "evidence_added")
        )
    tkachuk = session.get(Person, ids["tkachuk"])
    assert tkachuk is not None and tkachuk.status == "captivity_confirmed"
    assert service.get_exchange(session, exchange).state == "reconciled"

    evidence = session.scalar(select(func.count()).select_from(Evidence))
    again = apply_reconciliation(
        session, actor=NEGOTIATOR, exchange_id=exchange, side=ListSide.OWN, roster=Roster.of(roster)
    )
    assert again["already_applied"] is True
    assert session.scalar(select(func.count()).select_from(Evidence)) == evidence
    assert session.scalar(select(func.count()).select_from(Person)) == persons_before + 1

    with pytest.raises(InvalidInput, match="was reconciled already"):
        apply_reconciliation(
            session, actor=NEGOTIATOR, exchange_id=exchange, side=ListSide.OWN,
            roster=Roster.of(_roster(tmp_path, ROSTER[:40] + "\n", "other.csv")),
        )  # fmt: skip


def test_a_broken_roster_is_named_and_nothing_is_written(session: Session, tmp_path: Path) -> None:
    ids = _register(session)
    exchange = _agreed(session, [ids["kovalenko"]])
    broken = _roster(tmp_path, "Коваленко,Олександр,Петрович,31.02.1999\n")
    with pytest.raises(HomewardError, match=r"roster.csv: 1 row\(s\) cannot be read.*row 2"):
        apply_reconciliation(
            session,
            actor=NEGOTIATOR,
            exchange_id=exchange,
            side=ListSide.OWN,
            roster=Roster.of(broken),
        )
    binary = tmp_path / "roster.xlsx"
    binary.write_bytes(b"\x00\x01not a workbook")
    with pytest.raises(HomewardError, match=r"roster\.xlsx"):
        apply_reconciliation(
            session,
            actor=NEGOTIATOR,
            exchange_id=exchange,
            side=ListSide.OWN,
            roster=Roster.of(binary),
        )
    assert service.get_exchange(session, exchange).state == "agreed"


def test_a_roster_before_the_lists_are_agreed_is_refused(session: Session, tmp_path: Path) -> None:
    exchange = an_exchange(session)
    with pytest.raises(InvalidInput, match="is not agreed"):
        apply_reconciliation(
            session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
            roster=Roster.of(_roster(tmp_path, ROSTER)),
        )  # fmt: skip
