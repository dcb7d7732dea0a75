from __future__ import annotations

import time

from fastapi import FastAPI
from fastapi.testclient import TestClient

from homeward.access.roles import Role
from tests.web.conftest import ClientFor


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
