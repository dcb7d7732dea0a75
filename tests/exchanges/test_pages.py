"""The exchanges' pages: an analyst reads, a negotiator builds a list with the reasons shown and
cannot agree it, an admin agrees; two versions compare; a roster is checked, then applied."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.exchanges import service
from homeward.exchanges.vocab import ListSide
from tests.custody.factories import ago, dmy
from tests.exchanges.factories import NEGOTIATOR, our_captive, their_prisoner
from tests.web.conftest import ClientFor


def _seed(engine: Engine) -> dict[str, int]:
    with Session(engine) as session, session.begin():
        young = our_captive(session, birth_date="03.2004")
        old = our_captive(session, surname="Шевчук", birth_date="1960")
        prisoner = their_prisoner(session, birth_date="2003", captured_on=dmy(ago(100)))
        exchange = service.create_exchange(
            session, actor=NEGOTIATOR, name="Обмін на Великдень", days=[date.today()],
            categories=["under_25"],
        )  # fmt: skip
        return {"young": young, "old": old, "prisoner": prisoner, "exchange": exchange.id}


def test_build_agree_compare_and_reconcile_through_the_pages(
    client_as: ClientFor, web_db: Engine
) -> None:
    ids = _seed(web_db)
    eid = ids["exchange"]
    negotiator, admin, analyst = (client_as(r) for r in (Role.NEGOTIATOR, Role.ADMIN, Role.ANALYST))
    builder = negotiator.get(f"/exchanges/{eid}/builder?side=own&lang=en")
    assert builder.status_code == 200
    assert f'data-person="{ids["young"]}"' in builder.text
    assert f'data-person="{ids["old"]}"' not in builder.text
    assert "→ under 25" in builder.text or "— менше 25" in builder.text
    # in Ukrainian the reason says the age without a gender (a woman is no "народжений")
    ukrainian = negotiator.get(f"/exchanges/{eid}/builder?side=own&lang=uk").text
    assert "виповнилося" in ukrainian and "— менше 25" in ukrainian
    assert "народжений" not in ukrainian
    for side, person in (("own", ids["young"]), ("adversary", ids["prisoner"])):
        done = negotiator.form(
            f"/exchanges/{eid}/propose", {"side": side, "person": str(person), "reason": "round 1"}
        )
        assert done.status_code == 303, done.text
    twice = negotiator.form(
        f"/exchanges/{eid}/propose", {"side": "own", "person": str(ids["young"]), "reason": "x"}
    )
    assert twice.status_code == 422
    assert negotiator.form(f"/exchanges/{eid}/agree", {"reason": ""}).status_code == 403
    assert admin.form(f"/exchanges/{eid}/agree", {"reason": ""}).status_code == 303
    page = analyst.get(f"/exchanges/{eid}")
    assert page.status_code == 200 and 'id="balance-state" class="balanced"' in page.text
    # a side's list is headed as a sentence, though the balance's column says it in lower case
    assert '<h2 id="list-own-h">Кого просимо повернути <small>1</small>' in page.text
    analyst.cookies.set("homeward_lang", "en")
    english = analyst.get(f"/exchanges/{eid}").text
    analyst.cookies.delete("homeward_lang")
    assert '<h2 id="list-adversary-h">Whom we offer <small>1</small>' in english
    assert analyst.form(f"/exchanges/{eid}/agree", {"reason": ""}).status_code == 403

    roster = "Прізвище,Ім'я,По батькові,Дата народження\nКоваленко,Александр,Петрович,03.2004\n"
    files = {"file": ("roster.csv", roster.encode(), "text/csv")}
    data = {"csrf_token": negotiator.csrf, "side": "own"}
    checked = negotiator.post(f"/exchanges/{eid}/reconcile", data=data, files=files)
    assert checked.status_code == 200, checked.text
    assert 'name="upload_id"' in checked.text
    upload_id = checked.text.split('name="upload_id" value="')[1].split('"')[0]
    applied = negotiator.form(
        f"/exchanges/{eid}/reconcile", {"side": "own", "upload_id": upload_id, "apply": "1"}
    )
    assert applied.status_code == 303
    page = analyst.get(f"/exchanges/{eid}")
    assert 'id="figures-own"' in page.text and 'id="never-share-own"' in page.text


def test_a_dry_run_says_a_person_will_be_made_for_a_name_unknown_to_the_register(
    client_as: ClientFor, web_db: Engine
) -> None:
    eid = _seed(web_db)["exchange"]
    negotiator = client_as(Role.NEGOTIATOR)
    roster = "Прізвище,Ім'я,По батькові,Дата народження\nНезнайомий,Яким,Петрович,1990\n"
    files = {"file": ("roster.csv", roster.encode(), "text/csv")}
    data = {"csrf_token": negotiator.csrf, "side": "own"}
    checked = negotiator.post(f"/exchanges/{eid}/reconcile", data=data, files=files)
    assert checked.status_code == 200, checked.text
    assert "Невідомі реєстру (буде створено особу)" in checked.text
    assert "(створено особу)" not in checked.text  # nothing is made before it is applied


def test_two_versions_compare_on_their_page(client_as: ClientFor, web_db: Engine) -> None:
    ids = _seed(web_db)
    with Session(web_db) as session, session.begin():
        for reason, person in (("first", ids["young"]), ("second", ids["old"])):
            service.propose(
                session, actor=NEGOTIATOR, exchange_id=ids["exchange"], side=ListSide.OWN,
                person_ids=[person], reason=reason,
            )  # fmt: skip
    page = client_as(Role.ANALYST).get(
        f"/exchanges/{ids['exchange']}/compare?side=own&older=1&newer=2"
    )
    assert page.status_code == 200
    added = page.text.split('id="added"')[1].split("</ul>")[0]
    assert f"№ {ids['old']}" in added and "second" in page.text


def test_a_returnee_has_his_back_pay_and_checklist(client_as: ClientFor, web_db: Engine) -> None:
    from homeward.registry.evidence import add_evidence
    from tests.exchanges.factories import CONSOLE
    from tests.factories import evidence_in

    with Session(web_db) as session, session.begin():
        person = our_captive(session, missing_date="03.2023", rank="старший лейтенант")
        add_evidence(
            session, actor=CONSOLE, person_id=person, evidence=evidence_in("returned", "01.06.2025")
        )
    analyst, negotiator = client_as(Role.ANALYST), client_as(Role.NEGOTIATOR)
    assert 'id="returnee-link"' in analyst.get(f"/persons/{person}").text
    page = analyst.get(f"/exchanges/returnees/{person}")
    assert page.status_code == 200
    assert "793" in page.text and "823" in page.text  # days: from 31.03 and from 01.03.2023
    assert 'id="back-pay"' in page.text and "example-2024" in page.text
    assert (
        analyst.form(
            f"/exchanges/returnees/{person}/tasks",
            {"task": "medical_screening", "on": "02.06.2025"},
        ).status_code
        == 403
    )
    done = negotiator.form(
        f"/exchanges/returnees/{person}/tasks", {"task": "medical_screening", "on": "02.06.2025"}
    )
    assert done.status_code == 303
    early = negotiator.form(
        f"/exchanges/returnees/{person}/tasks", {"task": "back_pay", "on": "01.01.2025"}
    )
    assert early.status_code == 422
    page = analyst.get(f"/exchanges/returnees/{person}")
    assert (
        "test-negotiator" in page.text.split('data-task="medical_screening"')[1].split("</li>")[0]
    )


def test_a_man_returned_twice_has_each_captivity_paid_apart(
    client_as: ClientFor, web_db: Engine
) -> None:
    from homeward.registry.evidence import add_evidence
    from tests.exchanges.factories import CONSOLE
    from tests.factories import evidence_in

    with Session(web_db) as session, session.begin():
        person = our_captive(session, missing_date="03.2022")
        for kind, on in (
            ("returned", "21.09.2022"), ("reported_missing", "02.08.2023"),
            ("returned", "23.05.2025"),
        ):  # fmt: skip
            add_evidence(session, actor=CONSOLE, person_id=person, evidence=evidence_in(kind, on))
    page = client_as(Role.ANALYST).get(f"/exchanges/returnees/{person}?lang=en")
    assert page.status_code == 200
    assert page.text.count("<h3>") == 2
    # the second captivity: 02.08.2023 to 23.05.2025, 660 days, known to the day
    assert "660" in page.text.split('id="captivity"')[1].split("</p>")[0]


def test_a_negotiator_is_told_that_an_admin_agrees_the_lists(
    client_as: ClientFor, web_db: Engine
) -> None:
    ids = _seed(web_db)
    eid = ids["exchange"]
    with Session(web_db) as session, session.begin():
        service.propose(
            session, actor=NEGOTIATOR, exchange_id=eid, side=ListSide.OWN,
            person_ids=[ids["young"]], reason="round 1",
        )  # fmt: skip
    negotiator, admin = client_as(Role.NEGOTIATOR), client_as(Role.ADMIN)
    page = negotiator.get(f"/exchanges/{eid}").text
    assert 'id="agreed-by-admin"' in page and "Списки погоджує адміністратор" in page
    assert f'action="/exchanges/{eid}/agree"' not in page
    shown = admin.get(f"/exchanges/{eid}").text
    assert 'id="agreed-by-admin"' not in shown and f'action="/exchanges/{eid}/agree"' in shown

    assert admin.form(f"/exchanges/{eid}/agree", {"reason": "round 1"}).status_code == 303
    agreed = negotiator.get(f"/exchanges/{eid}").text
    assert 'id="carried-out-by-admin"' in agreed and 'id="agreed-by-admin"' not in agreed
    assert 'id="carried-out-by-admin"' not in admin.get(f"/exchanges/{eid}").text


def test_the_back_pay_and_the_one_off_payments_are_not_run_together(
    client_as: ClientFor, web_db: Engine
) -> None:
    """ "866 194 грн.після повернення: 100 000 грн" read as one word: the one-off payments
    begin a line of their own."""
    import re

    from homeward.registry.evidence import add_evidence
    from tests.exchanges.factories import CONSOLE
    from tests.factories import evidence_in

    with Session(web_db) as session, session.begin():
        person = our_captive(session, missing_date="03.2023", rank="солдат")
        add_evidence(
            session, actor=CONSOLE, person_id=person, evidence=evidence_in("returned", "01.06.2025")
        )
    page = client_as(Role.ANALYST).get(f"/exchanges/returnees/{person}?lang=uk").text
    pay = page.split('id="back-pay">')[1].split("</p>")[0]
    assert not re.search(r"грн\.[^\s<]", pay), pay
    assert "грн.<br>" in pay, pay
