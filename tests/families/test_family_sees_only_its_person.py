"""A family sees exactly its person: no path, query, form field, header or cookie gives it
anything else, on any route of the family page; and its cookie opens nothing of the staff's."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.families.models import FamilyMessage
from homeward.registry.models import Contact, Report
from homeward.web.routes import routers_of
from tests.families.web import Seeded, family_client, family_token, seed_family
from tests.web.test_role_matrix import POLICY, PUBLIC, concrete


# Every way a request could try to point at another person: ids in the query and the form,
# headers a proxy or a client might add.
def smuggled(other: Seeded) -> dict[str, dict[str, str]]:
    ids = {
        "person_id": str(other.person_id),
        "contact_id": str(other.contact_id),
        "code_id": str(other.code_id),
        "code": other.code,
    }
    return {
        "params": ids,
        "headers": {
            "X-Person-Id": str(other.person_id),
            "X-Forwarded-For": "10.0.0.1",
            "X-Original-URL": f"/persons/{other.person_id}",
            "X-Rewrite-URL": f"/persons/{other.person_id}",
            "Referer": f"/persons/{other.person_id}",
        },
        "form": ids,
    }


FAMILY_ROUTES = {
    ("GET", "/family"),
    ("POST", "/family"),
    ("GET", "/family/message"),
    ("POST", "/family/message"),
    ("GET", "/family/consent"),
    ("POST", "/family/consent"),
    ("POST", "/family/leave"),
}


@pytest.fixture
def two_families(web_db: Engine) -> tuple[Seeded, Seeded]:
    ours = seed_family(web_db, "Коваленко", facts=(("icrc_notification", "01.02.2024"),))
    theirs = seed_family(web_db, "Шевчук", facts=(("testimony_sighting", "01.05.2024"),))
    return ours, theirs


def test_the_table_covers_every_route_of_the_family_page() -> None:
    found = {
        (method, route.path)  # type: ignore[attr-defined]
        for router in routers_of("homeward.web.routes")
        for route in router.routes
        for method in getattr(route, "methods", set()) - {"HEAD"}
        if route.path.startswith("/family")  # type: ignore[attr-defined]
    }
    assert found == FAMILY_ROUTES


def call(client: TestClient, method: str, path: str, other: Seeded, token: str) -> httpx.Response:
    tries = smuggled(other)
    answer: httpx.Response
    if method == "GET":
        answer = client.get(path, params=tries["params"], headers=tries["headers"])
        return answer
    form = {**tries["form"], "csrf_token": token, "message": "Бачили на відео"}
    if path == "/family":
        form["code"] = "wrong"
    answer = client.post(path, params=tries["params"], headers=tries["headers"], data=form)
    return answer


@pytest.mark.parametrize("route", sorted(FAMILY_ROUTES), ids=lambda r: f"{r[0]} {r[1]}")
def test_no_route_shows_or_touches_another_person(
    route: tuple[str, str], app: FastAPI, web_db: Engine, two_families: tuple[Seeded, Seeded]
) -> None:
    ours, theirs = two_families
    client = family_client(app, ours.code)
    method, path = route
    answer = call(client, method, path, theirs, family_token(client))
    assert answer.status_code < 500
    page = client.get("/family") if answer.is_redirect else answer
    for text in (answer.text, page.text):
        assert theirs.surname not in text
        assert "бачив свідок" not in text.lower()  # their latest evidence
    with Session(web_db) as session:
        messages = session.scalars(select(FamilyMessage)).all()
        assert all(m.person_id == ours.person_id for m in messages)
        assert all(m.contact_id == ours.contact_id for m in messages)
        assert session.get(Contact, theirs.contact_id).consent_withdrawn_at is None  # type: ignore[union-attr]


def test_the_page_shows_its_persons_status_and_latest_evidence_and_no_more(
    app: FastAPI, two_families: tuple[Seeded, Seeded]
) -> None:
    ours, _theirs = two_families
    page = family_client(app, ours.code).get("/family").text
    assert "Коваленко Олександр" in page
    assert "Полон підтверджено" in page and "01.02.2024" in page
    assert "Останні відомості: повідомлення МКЧХ, 01.02.2024." in page
    for private in ("А0536", "Relatives", "+380", "МКЧХ повідомив"):  # unit, sources, phones
        assert private not in page


def test_a_womans_latest_news_is_said_of_a_woman_within_the_sentence(
    app: FastAPI, web_db: Engine
) -> None:
    """ "Останні відомості: визнана стороною, що утримує" — the feminine, in lower case after
    the colon, as the status above it is said of her."""
    her = seed_family(
        web_db, "Шевчук", facts=(("captor_acknowledgment", "01.03.2024"),), sex="F",
        given_name="Оксана",
    )  # fmt: skip
    page = family_client(app, her.code).get("/family").text
    assert "Останні відомості: визнана стороною, що утримує, 01.03.2024." in page


def test_the_latest_news_keeps_an_abbreviations_capitals_in_english(
    app: FastAPI, web_db: Engine
) -> None:
    """ "ICRC notification" stays so after the colon; "iCRC notification" is no word."""
    family = seed_family(web_db, "Бондар", facts=(("icrc_notification", "01.02.2024"),))
    client = family_client(app, family.code)
    client.cookies.set("homeward_lang", "en")
    page = client.get("/family").text
    assert "The latest information: ICRC notification, 01.02.2024." in page


def test_a_family_cookie_opens_no_staff_page(
    app: FastAPI, two_families: tuple[Seeded, Seeded]
) -> None:
    ours, theirs = two_families
    client = family_client(app, ours.code)
    token = client.cookies.get("homeward_family")
    assert token
    client.cookies.set("homeward_family", token)  # sent to every path, not only /family
    for (method, path), rule in POLICY.items():
        if rule == PUBLIC:
            continue
        url = concrete(path).replace("/1", f"/{theirs.person_id}")
        answer = (
            client.request(method, url, data={"csrf_token": "x"})
            if method != "GET"
            else client.get(url)
        )
        expected = 401 if path.startswith("/api/") else 303
        assert answer.status_code in (expected, 403), f"{method} {path}: {answer.status_code}"
        assert theirs.surname not in answer.text


def test_a_revoked_code_stops_working_at_once(
    app: FastAPI, web_db: Engine, two_families: tuple[Seeded, Seeded]
) -> None:
    from homeward.families.access import revoke_code
    from tests.families.factories import CONSOLE

    ours, _theirs = two_families
    client = family_client(app, ours.code)
    token = family_token(client)
    with Session(web_db) as session, session.begin():
        revoke_code(session, actor=CONSOLE, code_id=ours.code_id, reason="the letter was lost")
    page = client.get("/family")
    assert "Коваленко" not in page.text
    assert "Цей код відкликано" in page.text
    sent = client.post("/family/message", data={"csrf_token": token, "message": "ще тут?"})
    assert sent.status_code == 303 and sent.headers["location"] == "/family"
    with Session(web_db) as session:
        assert session.scalars(select(Report)).all() == []


def test_whom_to_call_is_said_only_with_a_number_to_call(
    web_db: Engine, two_families: tuple[Seeded, Seeded]
) -> None:
    """Without a hotline the card is headed "Хто з вами на зв'язку", not "Кому телефонувати"
    above no number; with one, it says whom to call and the number."""
    from homeward.settings import Settings
    from homeward.web.app import create_app

    ours, _theirs = two_families
    plain = family_client(create_app(engine=web_db), ours.code).get("/family").text
    assert "Хто з вами на зв&#39;язку" in plain and "Кому телефонувати" not in plain
    called = create_app(Settings(family_hotline="0 800 000 000"), engine=web_db)
    page = family_client(called, ours.code).get("/family").text
    assert "Кому телефонувати" in page and "0 800 000 000" in page
