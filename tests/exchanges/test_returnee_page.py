"""A returnee's page: a range that is a point shown as one value, days in the plural the
number asks, and no military back pay for a civilian."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.registry.evidence import add_evidence
from tests.exchanges.factories import CONSOLE, our_captive
from tests.factories import evidence_in
from tests.web.conftest import ClientFor


def _returned(engine: Engine, returned: str, **person: Any) -> int:
    with Session(engine) as session, session.begin():
        pid = our_captive(session, **person)
        add_evidence(
            session, actor=CONSOLE, person_id=pid, evidence=evidence_in("returned", returned)
        )
        return pid


def _part(html: str, key: str) -> str:
    return html.split(f'id="{key}"')[1].split("</p>")[0]


def test_a_capture_known_to_the_day_shows_one_count_of_days_and_one_amount(
    client_as: ClientFor, web_db: Engine
) -> None:
    pid = _returned(web_db, "02.10.2025", missing_date="10.04.2022", rank="солдат")
    page = client_as(Role.ANALYST).get(f"/exchanges/returnees/{pid}?lang=uk").text
    held = _part(page, "captivity")
    assert "10.04.2022–10.04.2022" not in held and "від" not in held
    assert "З 10.04.2022 до 02.10.2025: 1 271 день." in " ".join(held.split())
    pay = _part(page, "back-pay")
    assert "від" not in pay.split("грн")[0]


def test_days_take_the_plural_the_number_asks(client_as: ClientFor, web_db: Engine) -> None:
    pid = _returned(web_db, "04.04.2025", missing_date="01.04.2025")  # 3 days
    analyst = client_as(Role.ANALYST)
    assert "3 дні." in _part(analyst.get(f"/exchanges/returnees/{pid}?lang=uk").text, "captivity")


def test_a_civilian_has_no_military_back_pay(client_as: ClientFor, web_db: Engine) -> None:
    pid = _returned(web_db, "01.06.2025", missing_date="03.2023", service_status="civilian")
    page = client_as(Role.ANALYST).get(f"/exchanges/returnees/{pid}?lang=uk").text
    pay = _part(page, "back-pay")
    assert "цивільна особа" in pay and "грн" not in pay
    assert "невідома" not in page


def test_a_womans_return_is_told_without_a_gender_in_ukrainian(
    client_as: ClientFor, web_db: Engine
) -> None:
    pid = _returned(web_db, "01.06.2025", sex="F", given_name="Оксана", missing_date="03.2023")
    negotiator = client_as(Role.NEGOTIATOR)
    page = negotiator.get(f"/exchanges/returnees/{pid}").text
    assert "Повернення з полону: 01.06.2025." in page and "Повернувся" not in page
    early = negotiator.form(
        f"/exchanges/returnees/{pid}/tasks", {"task": "medical_screening", "on": "01.05.2025"}
    )
    assert early.status_code == 422
    assert "раніше за повернення 01.06.2025" in early.text
    assert "його повернення" not in early.text


def test_a_return_by_a_reconciled_roster_is_told_in_the_readers_language(
    client_as: ClientFor, web_db: Engine
) -> None:
    """The reconciliation writes its source and note with values in them ("exchange 3, own
    roster: …", "returned in exchange 3 (…)"): the person page says both in Ukrainian."""
    from homeward.registry.schemas import SourceIn
    from homeward.registry.vocab import SourceKind

    with Session(web_db) as session, session.begin():
        pid = our_captive(session)
        roster = SourceIn(kind=SourceKind.LIST, name="exchange 3, own roster: roster-3.csv")
        note = "returned in exchange 3 (Обмін на Великдень)"
        add_evidence(
            session, actor=CONSOLE, person_id=pid,
            evidence=evidence_in("returned", "01.06.2025", source=roster, note=note),
        )  # fmt: skip
    page = client_as(Role.ANALYST).get(f"/persons/{pid}").text
    assert "обмін 3, фактичний список наших людей, які повернулися: roster-3.csv" in page
    assert "повернення під час обміну 3 (Обмін на Великдень)" in page
    assert "own roster" not in page and "returned in exchange" not in page
