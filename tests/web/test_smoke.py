from __future__ import annotations

import time

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.registry.evidence import add_evidence
from homeward.registry.service import create_person
from tests.factories import evidence_in, person_in
from tests.web.conftest import ADMIN_CONSOLE, ClientFor


def test_the_dashboard_shows_counts_to_a_signed_in_user(client_as: ClientFor) -> None:
    response = client_as(Role.ANALYST).get("/")
    assert response.status_code == 200
    assert "Review queue" in response.text or "Черга" in response.text


def test_an_anonymous_visitor_is_sent_to_sign_in(client_as: ClientFor) -> None:
    response = client_as(None).get("/")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/sign-in")


def test_ready_once_the_worker_has_warmed_up(app: FastAPI) -> None:
    with TestClient(app) as client:  # runs the application's start, as a worker does
        deadline = time.monotonic() + 120
        while client.get("/readyz").status_code == 503:
            assert time.monotonic() < deadline, "never ready"
            time.sleep(0.2)
        assert client.get("/readyz").text == "ready"
        assert client.get("/healthz").text == "ok"


def test_the_dashboards_counts_name_their_statuses_in_the_plural(
    client_as: ClientFor, web_db: Engine
) -> None:
    """A count heads many persons: "Повернулися 1", not one man's "Повернувся"."""
    with Session(web_db) as session, session.begin():
        person = create_person(session, actor=ADMIN_CONSOLE, person=person_in()).id
        add_evidence(
            session, actor=ADMIN_CONSOLE, person_id=person,
            evidence=evidence_in("returned", "02.10.2025"),
        )  # fmt: skip
    client = client_as(Role.ANALYST)
    page = client.get("/").text
    assert ">Повернулися</span>" in page and ">Повернувся</span>" not in page
    client.cookies.set("homeward_lang", "en")
    assert ">Returned</span>" in client.get("/").text
