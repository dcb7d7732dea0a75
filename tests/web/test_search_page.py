"""The search page and GET /api/persons: one box in any script, filters, pages, HTMX fragments,
field-naming errors and an audit entry for every search."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from homeward.registry.evidence import add_evidence
from homeward.registry.schemas import NameIn, SourceIn
from homeward.registry.search import SearchPage
from homeward.registry.service import add_name, create_person
from homeward.web.usecases import persons as persons_usecases
from tests.factories import evidence_in, person_in
from tests.web.conftest import ADMIN_CONSOLE, Client, ClientFor, username_of

HTMX = {"HX-Request": "true"}


def make(engine: Engine, *people: dict[str, Any]) -> list[int]:
    """Synthetic persons, each written only in Cyrillic unless told otherwise."""
    ids: list[int] = []
    with Session(engine) as session, session.begin():
        for overrides in people:
            evidence = overrides.pop("evidence", None)
            person = create_person(session, actor=ADMIN_CONSOLE, person=person_in(**overrides))
            if evidence:
                add_evidence(
                    session,
                    actor=ADMIN_CONSOLE,
                    person_id=person.id,
                    evidence=evidence_in(*evidence),
                )
            ids.append(person.id)
    return ids


def english(client: Client) -> Client:
    client.cookies.set("homeward_lang", "en")
    return client


def searches_by(engine: Engine, role: Role) -> list[AuditEntry]:
    with Session(engine) as session:
        query = (
            select(AuditEntry)
            .where(AuditEntry.username == username_of(role), AuditEntry.action == "search")
            .order_by(AuditEntry.seq)
        )
        return list(session.scalars(query))


def test_a_latin_query_finds_the_cyrillic_person(client_as: ClientFor, web_db: Engine) -> None:
    (wanted,) = make(web_db, {"surname": "Тестенко", "given_name": "Остап"})
    make(web_db, {"surname": "Бойко", "given_name": "Остап"})
    response = client_as(Role.ANALYST).get("/search", params={"q": "Ostap Testenko"})
    assert response.status_code == 200
    html = response.text
    assert "<html" in html  # a plain GET is the whole page, usable without JavaScript
    assert f'href="/persons/{wanted}"' in html
    assert "Тестенко Остап Петрович" in html
    assert "Бойко" not in html
    assert 'value="Ostap Testenko"' in html  # the box keeps what was typed
    assert 'hx-trigger="input changed delay:300ms, search"' in html


def test_a_person_found_by_a_document_names_its_kind_in_the_users_language(
    client_as: ClientFor, web_db: Engine
) -> None:
    (wanted,) = make(web_db, {"surname": "Тестенко", "service_number": "Е-271828"})
    client = client_as(Role.ANALYST)
    html = client.get("/search", params={"q": "Е-271828"}).text
    assert f'href="/persons/{wanted}"' in html
    assert "Особистий номер: Е-271828" in html
    assert "service_number" not in html  # the code is never shown for the words
    html = english(client).get("/search", params={"q": "Е-271828"}).text
    assert "Service number: Е-271828" in html
    # the register's own number, as the person's page writes it, says so in words
    html = client.get("/search", params={"q": f"№ {wanted}"}).text
    assert f'href="/persons/{wanted}"' in html and f"Register number: {wanted}" in html
    # the API keeps its documented "kind: number"
    body = client.get("/api/persons", params={"q": "Е-271828"}).json()
    assert body["hits"][0]["matched_name"] == "service_number: Е-271828"


def test_the_filters_any_agrees_with_its_nouns_gender(client_as: ClientFor) -> None:
    """ "Статус: будь-який", but "Сторона: будь-яка"; in English "any" for both."""
    client = client_as(Role.ANALYST)
    page = client.get("/search").text
    side = page.split('name="side"')[1].split("</select>")[0]
    assert '<option value="">будь-яка</option>' in side
    status = page.split('name="status"')[1].split("</select>")[0]
    assert '<option value="">будь-який</option>' in status
    side = english(client).get("/search").text.split('name="side"')[1].split("</select>")[0]
    assert '<option value="">any</option>' in side


def test_htmx_gets_only_the_results(client_as: ClientFor, web_db: Engine) -> None:
    (wanted,) = make(web_db, {"surname": "Тестенко", "given_name": "Остап"})
    client = client_as(Role.OPERATOR)
    fragment = client.get("/search", params={"q": "Тестенко"}, headers=HTMX)
    assert fragment.status_code == 200
    assert "<html" not in fragment.text and 'name="q"' not in fragment.text
    assert f'href="/persons/{wanted}"' in fragment.text
    restored = client.get(
        "/search",
        params={"q": "Тестенко"},
        headers={**HTMX, "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restored.text  # history restore needs the whole page


def test_the_matched_variant_and_the_columns_are_shown(
    client_as: ClientFor, web_db: Engine
) -> None:
    (person_id,) = make(
        web_db,
        {
            "surname": "Тестенко",
            "given_name": "Остап",
            "missing_place": "Бахмут",
            "evidence": ("reported_missing", "24.02.2022"),
        },
    )
    with Session(web_db) as session, session.begin():
        add_name(
            session,
            actor=ADMIN_CONSOLE,
            person_id=person_id,
            name=NameIn(surname="Петрук", given_name="Остап"),
            source=SourceIn(kind="list", name="Captor's list"),
        )
    html = english(client_as(Role.ANALYST)).get("/search", params={"q": "Тестенко"}).text
    for shown in ("12.03.1999", "24.02.2022", "Бахмут", "А0536", "Missing", "Persons found: 1"):
        assert shown in html, shown
    # found by the name as recorded: no empty "Matched" column; by another spelling: there
    assert "<th>Matched</th>" not in html
    by_filters = english(client_as(Role.ANALYST)).get("/search", params={"side": "own"}).text
    assert "Persons found: 1" in by_filters and "<th>Matched</th>" not in by_filters
    latin = english(client_as(Role.ANALYST)).get("/search", params={"q": "Петрук Остап"}).text
    assert "<th>Matched</th>" in latin and "<td>Петрук Остап</td>" in latin


def test_filters_narrow_the_results(client_as: ClientFor, web_db: Engine) -> None:
    missing, captive, other_unit, adversary = make(
        web_db,
        {
            "surname": "Тестенко",
            "missing_place": "Маріуполь",
            "evidence": ("reported_missing", "24.02.2022"),
        },
        {
            "surname": "Тестенко",
            "given_name": "Ігор",
            "missing_date": "05.2022",
            "evidence": ("captor_acknowledgment", "06.2022"),
        },
        {"surname": "Тестенко", "given_name": "Павло", "unit": "в/ч А1234"},
        {"surname": "Тестенко", "given_name": "Пётр", "side": "adversary", "unit": None},
    )
    client = client_as(Role.ANALYST)

    def found(**params: str) -> set[int]:
        response = client.get("/search", params={"q": "Тестенко", **params})
        assert response.status_code == 200, params
        return {
            pid
            for pid in (missing, captive, other_unit, adversary)
            if f'/persons/{pid}"' in response.text
        }

    assert found() == {missing, captive, other_unit, adversary}
    assert found(status="missing") == {missing}
    assert found(status="captivity_confirmed") == {captive}
    assert found(side="adversary") == {adversary}
    assert found(side="own") == {missing, captive, other_unit}
    assert found(unit="А1234") == {other_unit}
    assert found(unit="A0536") == {missing, captive}  # a Latin code finds the Cyrillic one
    assert found(missing_place="маріу") == {missing}
    assert found(missing_from="2022-04-01") == {captive}
    assert found(missing_from="01.04.2022", missing_to="31.05.2022") == {captive}
    assert found(missing_to="2022-03-01") == {missing, other_unit, adversary}
    # filters alone, without a query, list the persons they select
    response = client.get("/search", params={"status": "captivity_confirmed", "side": "own"})
    assert f'/persons/{captive}"' in response.text and f'/persons/{missing}"' not in response.text


def test_results_come_in_pages(client_as: ClientFor, web_db: Engine) -> None:
    ids = make(web_db, *({"surname": "Тестенко", "given_name": f"Остап{n}"} for n in range(23)))
    client = english(client_as(Role.ANALYST))
    first = client.get("/search", params={"q": "Тестенко"}).text
    second = client.get("/search", params={"q": "Тестенко", "page": "2"}).text
    on_first = {pid for pid in ids if f'/persons/{pid}"' in first}
    on_second = {pid for pid in ids if f'/persons/{pid}"' in second}
    assert len(on_first) == 20 and len(on_second) == 3
    assert not on_first & on_second
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert 'href="/search?q=%D0%A2%D0%B5%D1%81%D1%82%D0%B5%D0%BD%D0%BA%D0%BE&amp;page=2"' in first
    assert 'rel="prev"' in second and 'rel="next"' not in second
    # a page past the last is the last, as in every list (`homeward.web.paging`)
    beyond = client.get("/search", params={"q": "Тестенко", "page": "9"})
    assert beyond.status_code == 200 and "Page 2 of 2" in beyond.text
    assert {pid for pid in ids if f'/persons/{pid}"' in beyond.text} == on_second
    fragment = client.get("/search", params={"q": "Тестенко"}, headers=HTMX).text
    assert 'hx-get="/search?q=%D0%A2%D0%B5%D1%81%D1%82%D0%B5%D0%BD%D0%BA%D0%BE&amp;page=2"' in (
        fragment
    )
    assert 'hx-target="#results" hx-push-url="true" rel="next"' in fragment


def test_the_pager_writes_its_numbers_as_the_language_does(
    client_as: ClientFor, web_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same pager as every list's: "1 250" in Ukrainian, "1,250" in English."""
    make(web_db, {"surname": "Тестенко"})
    asked = persons_usecases.search

    def many(*args: Any, page: int = 1, **kwargs: Any) -> SearchPage:
        found = asked(*args, page=1, **kwargs)
        return dataclasses.replace(found, total=25_000, page=page)

    monkeypatch.setattr(persons_usecases, "search", many)
    asked_for = {"q": "Тестенко", "page": "2"}
    in_ukrainian = client_as(Role.ANALYST).get("/search", params=asked_for).text
    assert "Сторінка 2 з 1\xa0250" in in_ukrainian
    in_english = english(client_as(Role.ANALYST)).get("/search", params=asked_for).text
    assert "Page 2 of 1,250" in in_english


def test_bad_filter_values_are_a_422_naming_the_field(client_as: ClientFor, web_db: Engine) -> None:
    client = english(client_as(Role.ANALYST))
    for params, field in (
        ({"status": "lost"}, "Status"),
        ({"side": "neither"}, "Side"),
        ({"q": "x", "page": "0"}, "Page"),
        ({"q": "x", "page": "many"}, "Page"),
        ({"missing_from": "31.02.2022"}, "Missing from"),
        ({"missing_from": "2023-01-01", "missing_to": "2022-01-01"}, "Missing from"),
        ({"q": "x" * 201}, "Search"),
        ({"q": "!!!"}, "Search"),
    ):
        response = client.get("/search", params=params)
        assert response.status_code == 422, params
        assert f"{field}:" in response.text, params
        assert "<html" in response.text
        fragment = client.get("/search", params=params, headers=HTMX)
        assert fragment.status_code == 422 and "<html" not in fragment.text
        assert f"{field}:" in fragment.text


def test_every_search_is_audited_with_its_query_filters_and_count(
    client_as: ClientFor, web_db: Engine
) -> None:
    make(web_db, {"surname": "Тестенко"}, {"surname": "Тестенко", "given_name": "Ігор"})
    client = client_as(Role.AUDITOR)
    before = len(searches_by(web_db, Role.AUDITOR))
    client.get("/search", params={"q": "Testenko", "side": "own", "unit": ""})
    client.get("/search", params={"q": "Тестенко"}, headers=HTMX)
    client.get("/api/persons", params={"q": "Testenko", "status": "no_information"})
    entries = searches_by(web_db, Role.AUDITOR)[before:]
    assert len(entries) == 3
    page, fragment, api = (e.detail for e in entries)
    assert page == {"query": "Testenko", "filters": {"side": "own"}, "page": 1, "count": 2}
    assert fragment["query"] == "Тестенко" and fragment["count"] == 2
    assert api["filters"] == {"status": "no_information"} and api["count"] == 2
    assert {e.role for e in entries} == {"auditor"}


def test_an_empty_form_searches_nothing(client_as: ClientFor, web_db: Engine) -> None:
    before = len(searches_by(web_db, Role.ANALYST))
    response = english(client_as(Role.ANALYST)).get("/search")
    assert response.status_code == 200 and "Type a name in any script" in response.text
    assert len(searches_by(web_db, Role.ANALYST)) == before


def test_an_anonymous_visitor_is_sent_to_sign_in(client_as: ClientFor, web_db: Engine) -> None:
    anonymous = client_as(None)
    response = anonymous.get("/search", params={"q": "Тестенко"})
    assert response.status_code == 303
    assert response.headers["location"].startswith("/sign-in")
    assert anonymous.get("/api/persons", params={"q": "Тестенко"}).status_code == 401


def test_the_api_searches(client_as: ClientFor, web_db: Engine) -> None:
    wanted, adversary = make(
        web_db,
        {"surname": "Тестенко", "given_name": "Остап"},
        {"surname": "Тестенко", "given_name": "Пётр", "side": "adversary"},
    )
    client = client_as(Role.LIAISON)
    answer = client.get("/api/persons", params={"q": "Testenko Ostap"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["total"] == 1 and body["page"] == 1 and body["total_capped"] is False
    hit = body["hits"][0]
    assert hit["person_id"] == wanted and hit["name"] == "Тестенко Остап Петрович"
    assert hit["birth_date"] == "1999-03-12" and hit["status"] == "no_information"
    sides = client.get("/api/persons", params={"q": "Тестенко", "side": "adversary"}).json()
    assert [h["person_id"] for h in sides["hits"]] == [adversary]
    paged = client.get("/api/persons", params={"q": "Тестенко", "per_page": 1, "page": 2})
    assert paged.json()["page"] == 2 and len(paged.json()["hits"]) == 1
    for params in ({"status": "lost"}, {"page": 0}, {"per_page": 1000}, {"q": "!!!"}):
        assert client.get("/api/persons", params=params).status_code == 422, params


def test_a_list_by_filters_alone_pages_to_its_end_in_the_order_asked(
    client_as: ClientFor, web_db: Engine, monkeypatch: Any
) -> None:
    """Filters without a query list every person they select, past the ranking's cap (made
    small here), page after page, on the page and through the API, in the order asked."""
    monkeypatch.setattr("homeward.registry.search.MAX_TOTAL", 10)
    surnames = [f"Тест{chr(ord('а') + n % 30)}енко" for n in range(45)]
    ids = make(web_db, *({"surname": s, "given_name": "Остап", "unit": "А4545"} for s in surnames))
    client = english(client_as(Role.ANALYST))
    seen: list[int] = []
    for page in (1, 2, 3):
        html = client.get(
            "/search", params={"unit": "А4545", "order": "surname", "page": str(page)}
        ).text
        assert f"Page {page} of 3" in html
        seen += [pid for pid in ids if f'/persons/{pid}"' in html]
    assert sorted(seen) == sorted(ids)
    api: list[dict[str, Any]] = []
    for page in (1, 2):
        body = client.get(
            "/api/persons",
            params={"unit": "А4545", "order": "surname", "per_page": 30, "page": page},
        ).json()
        assert body["total"] == 45 and body["total_capped"] is False
        api += body["hits"]
    assert [hit["person_id"] for hit in api] == [
        pid for _, pid in sorted(zip(surnames, ids, strict=True), key=lambda pair: pair)
    ]


def test_a_womans_status_is_said_in_the_feminine_among_the_results(
    client_as: ClientFor, web_db: Engine
) -> None:
    make(
        web_db,
        {
            "surname": "Тестенко",
            "given_name": "Оксана",
            "sex": "F",
            "evidence": ("returned", "02.10.2025"),
        },
        {"surname": "Тестенко", "given_name": "Остап", "evidence": ("returned", "02.10.2025")},
    )
    client = client_as(Role.ANALYST)
    page = client.get("/search", params={"q": "Тестенко"}, headers=HTMX).text
    assert ">Повернулася</span>" in page and ">Повернувся</span>" in page
    assert ">Returned</span>" in english(client).get("/search", params={"q": "Тестенко"}).text
