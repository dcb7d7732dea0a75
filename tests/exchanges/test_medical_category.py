"""The category "seriously ill by a doctor's finding" comes from custody's medical inspections:
only those who plan exchanges (and those who read custody's medical data) see it, in the
builder, on the exchange's page and through the API; that read is audited as custody's other
reads of medical data are. Others read the builder and the lists without it."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from homeward.custody.records import record_inspection
from homeward.custody.schemas import InspectionIn
from homeward.exchanges import service
from homeward.exchanges.vocab import ListSide
from homeward.registry.schemas import validated
from tests.custody.factories import CUSTODIAN, ago, dmy
from tests.documents.paper import require_poppler, text_of
from tests.exchanges.factories import NEGOTIATOR, their_prisoner
from tests.web.conftest import ClientFor

NOTE = "Медичні категорії бачать лише ті, хто планує обміни."


def an_ill_prisoner_listed(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session, session.begin():
        ill = their_prisoner(session, surname="Зайцев", birth_date="1970", captured_on=dmy(ago(20)))
        record_inspection(
            session, actor=CUSTODIAN, person_id=ill,
            inspection=validated(InspectionIn, {"on": dmy(ago(5)), "seriously_ill": True}),
        )  # fmt: skip
        exchange = service.create_exchange(
            session, actor=NEGOTIATOR, name="Обмін хворих", days=[date.today()],
            categories=["seriously_ill"],
        )  # fmt: skip
        service.propose(
            session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.ADVERSARY,
            person_ids=[ill], reason="тяжко хворий",
        )  # fmt: skip
        return exchange.id, ill


def on_page(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<tr data-person="(\d+)"', html)]


def special_reads(engine: Engine, username: str, eid: int) -> list[dict[str, object]]:
    with Session(engine) as session:
        return [
            dict(entry.detail or {})
            for entry in session.scalars(
                select(AuditEntry).where(
                    AuditEntry.action == "view_special",
                    AuditEntry.username == username,
                    AuditEntry.object_type == "exchange",
                    AuditEntry.object_id == str(eid),
                )
            )
        ]


def test_a_reader_without_the_right_sees_no_medical_category(
    client_as: ClientFor, web_db: Engine
) -> None:
    eid, ill = an_ill_prisoner_listed(web_db)
    analyst_before = len(special_reads(web_db, "test-analyst", eid))
    analyst = client_as(Role.ANALYST)
    page = analyst.get(f"/exchanges/{eid}/builder?side=adversary")
    assert page.status_code == 200
    assert ill not in on_page(page.text) and page.text.count(NOTE) == 1
    assert 'value="seriously_ill"' not in page.text
    asked = analyst.get(f"/exchanges/{eid}/builder?side=adversary&category=seriously_ill").text
    assert ill not in on_page(asked)
    shown = analyst.get(f"/api/exchanges/{eid}").json()
    assert shown["lists"]["adversary"][0]["categories"] == []
    exchange_page = analyst.get(f"/exchanges/{eid}").text
    assert exchange_page.count(NOTE) == 1
    assert len(special_reads(web_db, "test-analyst", eid)) == analyst_before


def test_those_who_plan_exchanges_see_it_and_the_read_is_audited(
    client_as: ClientFor, web_db: Engine
) -> None:
    eid, ill = an_ill_prisoner_listed(web_db)
    for role, username in (
        (Role.NEGOTIATOR, "test-negotiator"),
        (Role.CUSTODIAN, "test-custodian"),
    ):
        client = client_as(role)
        earlier = len(special_reads(web_db, username, eid))  # ids come again after a test
        page = client.get(f"/exchanges/{eid}/builder?side=adversary").text
        assert ill in on_page(page) and NOTE not in page
        shown = client.get(f"/api/exchanges/{eid}").json()
        assert shown["lists"]["adversary"][0]["categories"] == ["seriously_ill"]
        reads = special_reads(web_db, username, eid)[earlier:]
        assert len(reads) == 2 and all(r["persons"] == [ill] for r in reads)


def test_the_list_as_pdf_names_the_medical_category_to_those_who_plan_only(
    client_as: ClientFor, web_db: Engine
) -> None:
    require_poppler()
    eid, ill = an_ill_prisoner_listed(web_db)
    url = f"/exchanges/{eid}/lists/adversary.pdf"
    words = "Тяжкопоранені та тяжкохворі"
    before = {name: len(special_reads(web_db, name, eid)) for name in ("test-negotiator",
              "test-analyst")}  # fmt: skip
    analyst = client_as(Role.ANALYST).get(url)
    assert analyst.status_code == 200
    assert words not in " ".join(text_of(analyst.content).split())
    negotiator = client_as(Role.NEGOTIATOR).get(url)
    assert words in " ".join(text_of(negotiator.content).split())
    reads = special_reads(web_db, "test-negotiator", eid)[before["test-negotiator"] :]
    assert [r["persons"] for r in reads] == [[ill]]
    assert len(special_reads(web_db, "test-analyst", eid)) == before["test-analyst"]
