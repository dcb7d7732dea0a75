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


def an_ill_prisoner_listed(engine: Engine) -> tuple[int, int, int]:
    """An exchange of the seriously ill whose adversary list holds an ill man and a well one
    (under none of the categories: the page would say so to those who may see it)."""
    with Session(engine) as session, session.begin():
        ill = their_prisoner(session, surname="Зайцев", birth_date="1970", captured_on=dmy(ago(20)))
        well = their_prisoner(session, surname="Вовк", birth_date="1971", captured_on=dmy(ago(20)))
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
            person_ids=[ill, well], reason="тяжко хворий",
        )  # fmt: skip
        return exchange.id, ill, well


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
    eid, ill, _well = an_ill_prisoner_listed(web_db)
    analyst_before = len(special_reads(web_db, "test-analyst", eid))
    analyst = client_as(Role.ANALYST)
    page = analyst.get(f"/exchanges/{eid}/builder?side=adversary")
    assert page.status_code == 200
    assert ill not in on_page(page.text) and page.text.count(NOTE) == 1
    assert 'value="seriously_ill"' not in page.text
    assert "тяжкохворі" not in page.text  # nothing is ranked by it for him
    asked = analyst.get(f"/exchanges/{eid}/builder?side=adversary&category=seriously_ill").text
    assert ill not in on_page(asked)
    assert len(special_reads(web_db, "test-analyst", eid)) == analyst_before


def test_to_such_a_reader_an_ill_person_and_a_well_one_look_the_same(
    client_as: ClientFor, web_db: Engine
) -> None:
    eid, ill, well = an_ill_prisoner_listed(web_db)
    analyst_before = len(special_reads(web_db, "test-analyst", eid))
    analyst = client_as(Role.ANALYST)
    rows = {
        r["person_id"]: r for r in analyst.get(f"/api/exchanges/{eid}").json()["lists"]["adversary"]
    }
    assert set(rows) == {ill, well}
    unnamed = [
        {k: v for k, v in rows[p].items() if k not in ("person_id", "name")} for p in (ill, well)
    ]
    assert (
        unnamed[0]
        == unnamed[1]
        == {"categories": [], "fits_none": False, "categories_withheld": True}
    )
    exchange_page = analyst.get(f"/exchanges/{eid}").text
    assert exchange_page.count(NOTE) == 1
    cells = {
        int(pid): re.sub(r"\d+|<a [^>]*>[^<]*</a>", "", row)
        for pid, row in re.findall(
            r'<tr><td class="hide-narrow">(\d+)</td>(.*?)</tr>', exchange_page
        )
    }
    assert set(cells) == {ill, well} and cells[ill] == cells[well]
    assert "data-fits-none" not in exchange_page
    assert len(special_reads(web_db, "test-analyst", eid)) == analyst_before
    # those who may see it still see the difference
    shown = client_as(Role.NEGOTIATOR).get(f"/api/exchanges/{eid}").json()["lists"]["adversary"]
    seen = {r["person_id"]: r["categories"] for r in shown}
    assert seen == {ill: ["seriously_ill"], well: []}


def test_those_who_plan_exchanges_see_it_and_the_read_is_audited(
    client_as: ClientFor, web_db: Engine
) -> None:
    eid, ill, _well = an_ill_prisoner_listed(web_db)
    for role, username in (
        (Role.NEGOTIATOR, "test-negotiator"),
        (Role.CUSTODIAN, "test-custodian"),
    ):
        client = client_as(role)
        earlier = len(special_reads(web_db, username, eid))  # ids come again after a test
        page = client.get(f"/exchanges/{eid}/builder?side=adversary").text
        assert ill in on_page(page) and NOTE not in page
        shown = client.get(f"/api/exchanges/{eid}").json()
        mine = {r["person_id"]: r["categories"] for r in shown["lists"]["adversary"]}
        assert mine[ill] == ["seriously_ill"]
        reads = special_reads(web_db, username, eid)[earlier:]
        assert len(reads) == 2 and all(r["persons"] == [ill] for r in reads)


def test_the_list_as_pdf_names_the_medical_category_to_those_who_plan_only(
    client_as: ClientFor, web_db: Engine
) -> None:
    require_poppler()
    eid, ill, _well = an_ill_prisoner_listed(web_db)
    url = f"/exchanges/{eid}/lists/adversary.pdf"
    words = "Тяжкопоранені та тяжкохворі"
    before = {name: len(special_reads(web_db, name, eid)) for name in ("test-negotiator",
              "test-analyst")}  # fmt: skip
    analyst = client_as(Role.ANALYST).get(url)
    assert analyst.status_code == 200
    analyst_text = " ".join(text_of(analyst.content).split())
    assert words not in analyst_text
    assert "Категорії" not in analyst_text and "Categories" not in analyst_text  # no column
    negotiator = client_as(Role.NEGOTIATOR).get(url)
    assert words in " ".join(text_of(negotiator.content).split())
    reads = special_reads(web_db, "test-negotiator", eid)[before["test-negotiator"] :]
    assert [r["persons"] for r in reads] == [[ill]]
    assert len(special_reads(web_db, "test-analyst", eid)) == before["test-analyst"]


def test_comparing_versions_reads_no_medical_category(client_as: ClientFor, web_db: Engine) -> None:
    eid, _ill, well = an_ill_prisoner_listed(web_db)
    with Session(web_db) as session, session.begin():
        service.withdraw(
            session, actor=NEGOTIATOR, exchange_id=eid, side=ListSide.ADVERSARY,
            person_ids=[well], reason="не підпадає",
        )  # fmt: skip
    before = len(special_reads(web_db, "test-negotiator", eid))
    views = select(AuditEntry).where(
        AuditEntry.action == "view_exchange", AuditEntry.object_id == str(eid)
    )
    with Session(web_db) as session:
        viewed = len(session.scalars(views).all())
    page = client_as(Role.NEGOTIATOR).get(
        f"/exchanges/{eid}/compare?side=adversary&older=1&newer=2"
    )
    assert page.status_code == 200
    assert len(special_reads(web_db, "test-negotiator", eid)) == before
    with Session(web_db) as session:
        assert len(session.scalars(views).all()) == viewed + 1


def test_such_a_reader_gets_no_count_of_the_seriously_ill(
    client_as: ClientFor, web_db: Engine
) -> None:
    """The balance and the composition count by category: to a reader from whom the categories
    are withheld they give neither the seriously ill nor a figure they are the rest of."""
    eid, _ill, _well = an_ill_prisoner_listed(web_db)
    name = "Тяжкопоранені та тяжкохворі"

    def tables(html: str) -> str:
        balance = re.search(r'<table class="lists" id="balance">.*?</table>', html, re.S)
        composition = re.findall(r"<details><summary>Склад</summary>.*?</details>", html, re.S)
        assert balance and composition
        return balance.group(0) + "".join(composition)

    analyst = client_as(Role.ANALYST)
    shown = analyst.get(f"/api/exchanges/{eid}").json()
    assert [r["code"] for r in shown["balance"]["categories"]] == []
    assert shown["balance"]["fit_none"] is None
    assert not any("seriously_ill" in p or "under" in p for p in shown["balance"]["problems"])
    for by in shown["composition"].values():
        assert "seriously_ill" not in by["category"] and "none" not in by["category"]
    assert shown["balance"]["adversary"] == 2  # the list's length stays
    assert not shown["balance"]["balanced"] and any(  # said to be unbalanced, without figures
        "not shown" in p for p in shown["balance"]["problems"]
    )
    seen = tables(analyst.get(f"/exchanges/{eid}").text)
    assert name not in seen and 'id="fit-none"' not in seen and 'id="fit-maybe"' not in seen
    # those who may see it still get the counts
    negotiator = client_as(Role.NEGOTIATOR)
    theirs = negotiator.get(f"/api/exchanges/{eid}").json()
    rows = {r["code"]: r["adversary"] for r in theirs["balance"]["categories"]}
    assert rows == {"seriously_ill": 1}
    assert theirs["composition"]["adversary"]["category"]["seriously_ill"] == 1
    assert name in tables(negotiator.get(f"/exchanges/{eid}").text)
