"""The list builder comes a page at a time, and the persons chosen on one page stay chosen on
the others: one "add" proposes the choice of every page, so nobody needs the console."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.exchanges import service
from homeward.exchanges.vocab import ListSide
from homeward.web.routes import exchanges as exchange_pages
from tests.exchanges.factories import NEGOTIATOR, our_captive
from tests.web.conftest import ClientFor


def five_young_captives(engine: Engine) -> tuple[int, list[int]]:
    with Session(engine) as session, session.begin():
        people = [
            our_captive(session, surname=f"Шевчук{'а' * n}", birth_date="03.2004") for n in range(5)
        ]
        exchange = service.create_exchange(
            session, actor=NEGOTIATOR, name="Обмін на Великдень", days=[date.today()],
            categories=["under_25"],
        )  # fmt: skip
        return exchange.id, people


def on_page(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<tr data-person="(\d+)"', html)]


def ticked(html: str) -> set[int]:
    return {
        int(n) for n in re.findall(r'name="person" value="(\d+)" aria-label="[^"]*" checked', html)
    }


def test_the_choice_of_every_page_is_proposed_at_once(
    client_as: ClientFor, web_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange_pages, "BUILDER_PER_PAGE", 2)
    eid, _people = five_young_captives(web_db)
    negotiator = client_as(Role.NEGOTIATOR)
    first = negotiator.get(f"/exchanges/{eid}/builder?side=own").text
    page_one = on_page(first)
    assert len(page_one) == 2 and "Сторінка 1 з 3" in first and "Кандидати: 5" in first
    assert "командний рядок" not in first and "homeward exchange candidates" not in first
    assert f'formaction="/exchanges/{eid}/builder/turn"' in first
    # ticking one on page 1 and turning the page carries it
    turned = negotiator.form(
        f"/exchanges/{eid}/builder/turn",
        {"side": "own", "category": "under_25", "page": "2", "person": str(page_one[0])},
    )
    assert turned.status_code == 303
    target = turned.headers["location"]
    assert parse_qs(urlsplit(target).query) == {
        "side": ["own"], "category": ["under_25"], "page": ["2"], "picked": [str(page_one[0])],
    }  # fmt: skip
    second = negotiator.get(target).text
    page_two = on_page(second)
    assert len(page_two) == 2 and not set(page_two) & set(page_one)
    assert f'<input type="hidden" name="person" value="{page_one[0]}">' in second
    assert "1 особу, вибрану на інших сторінках" in second
    # back on page 1, the one chosen there is ticked again
    back = negotiator.get(target.replace("page=2", "page=1")).text
    assert ticked(back) == {page_one[0]}
    # one add proposes the choice of both pages, and comes back to the page it was on
    done = negotiator.post(
        f"/exchanges/{eid}/propose",
        data={
            "csrf_token": negotiator.csrf, "side": "own", "category": "under_25", "page": "2",
            "person": [str(page_one[0]), str(page_two[1])], "reason": "раунд 1",
        },
    )  # fmt: skip
    assert done.status_code == 303, done.text
    assert "page=2" in done.headers["location"]
    with Session(web_db) as session:
        listed = service.current_list(session, eid, ListSide.OWN)
    assert set(listed) == {page_one[0], page_two[1]}
    again = negotiator.get(done.headers["location"]).text
    assert f'<tr data-person="{page_two[1]}">\n      <td>✓</td>' in again


def test_a_reader_pages_with_links_and_a_choice_too_large_is_refused(
    client_as: ClientFor, web_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange_pages, "BUILDER_PER_PAGE", 2)
    monkeypatch.setattr(exchange_pages, "MAX_PICKED", 3)
    eid, people = five_young_captives(web_db)
    analyst = client_as(Role.ANALYST).get(f"/exchanges/{eid}/builder?side=own&page=3").text
    assert len(on_page(analyst)) == 1 and 'type="checkbox" name="person"' not in analyst
    assert 'rel="prev"' in analyst and "builder/turn" not in analyst
    too_many = client_as(Role.NEGOTIATOR).get(
        f"/exchanges/{eid}/builder?side=own&picked={','.join(map(str, people))}"
    )
    assert too_many.status_code == 422 and "щонайбільше 3 осіб" in too_many.text
    assert (
        client_as(Role.ANALYST)
        .form(f"/exchanges/{eid}/builder/turn", {"side": "own", "page": "2"})
        .status_code
        == 403
    )


def test_a_person_added_to_the_list_meanwhile_is_no_longer_carried(
    client_as: ClientFor, web_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange_pages, "BUILDER_PER_PAGE", 2)
    eid, people = five_young_captives(web_db)
    with Session(web_db) as session, session.begin():
        service.propose(
            session, actor=NEGOTIATOR, exchange_id=eid, side=ListSide.OWN,
            person_ids=[people[0]], reason="раунд 1",
        )  # fmt: skip
    page = (
        client_as(Role.NEGOTIATOR)
        .get(f"/exchanges/{eid}/builder?side=own&page=3&picked={people[0]},{people[1]}")
        .text
    )
    assert f'name="person" value="{people[0]}"' not in page
    assert f'name="person" value="{people[1]}"' in page  # still chosen, ticked or carried


def test_the_choice_is_kept_when_the_negotiator_filters_by_other_categories(
    client_as: ClientFor, web_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange_pages, "BUILDER_PER_PAGE", 2)
    eid, _people = five_young_captives(web_db)
    with Session(web_db) as session, session.begin():
        elder = our_captive(session, surname="Стахів", birth_date="05.1950")
    negotiator = client_as(Role.NEGOTIATOR)
    first = negotiator.get(f"/exchanges/{eid}/builder?side=own&page=3").text
    # the filter is part of the form that carries the choice, its categories said once
    assert 'value="over_60" form="builder-form"' in first
    assert f'formaction="/exchanges/{eid}/builder/turn" formnovalidate name="filter"' in first
    assert '<input type="hidden" name="category"' not in first
    young = on_page(first)[0]
    # ticked on page 3 under "under 25", then filtered by "over 60": a new first page
    turned = negotiator.form(
        f"/exchanges/{eid}/builder/turn",
        {"side": "own", "category": "over_60", "page": "3", "filter": "1", "person": str(young)},
    )
    assert turned.status_code == 303
    assert parse_qs(urlsplit(turned.headers["location"]).query) == {
        "side": ["own"], "category": ["over_60"], "page": ["1"], "picked": [str(young)],
    }  # fmt: skip
    elders = negotiator.get(turned.headers["location"]).text
    assert on_page(elders) == [elder]
    assert f'<input type="hidden" name="person" value="{young}">' in elders
    assert "1 особу, вибрану на інших сторінках або за іншими категоріями" in elders
    # and back under "under 25", both carried: the young one ticked on his page again
    back = negotiator.post(
        f"/exchanges/{eid}/builder/turn",
        data={"csrf_token": negotiator.csrf, "side": "own", "category": "under_25",
              "filter": "1", "person": [str(young), str(elder)]},
    )  # fmt: skip
    again = negotiator.get(back.headers["location"].replace("page=1", "page=3")).text
    assert ticked(again) == {young}
    assert f'<input type="hidden" name="person" value="{elder}">' in again
    done = negotiator.post(
        f"/exchanges/{eid}/propose",
        data={
            "csrf_token": negotiator.csrf, "side": "own", "category": "over_60",
            "person": [str(young), str(elder)], "reason": "раунд 1",
        },
    )  # fmt: skip
    assert done.status_code == 303, done.text
    with Session(web_db) as session:
        assert set(service.current_list(session, eid, ListSide.OWN)) == {young, elder}
