"""Signing in and out, sessions, CSRF, security headers and the language switch."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import unquote

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry, User, WebSession
from homeward.access.roles import Role
from homeward.access.throttle import PAIR
from homeward.access.users import revoke_sessions
from homeward.web.deps import SESSION_COOKIE
from tests.web.conftest import (
    ADMIN_CONSOLE,
    PASSWORD,
    ClientFor,
    csrf_of,
    fresh_client,
    username_of,
)


def sign_in(client: TestClient, username: str, password: str, next_: str = "/") -> httpx.Response:
    page = client.get("/sign-in")
    response: httpx.Response = client.post(
        "/sign-in",
        data={
            "username": username,
            "password": password,
            "csrf_token": csrf_of(page.text),
            "next": next_,
        },
    )
    return response


def audit_count(engine: Engine, username: str, action: str) -> int:
    with Session(engine) as session:
        query = select(func.count()).where(
            AuditEntry.username == username, AuditEntry.action == action
        )
        return session.scalar(query) or 0


def test_signing_in_sets_a_safe_cookie_and_lands_on_the_page_asked_for(
    app: FastAPI, web_db: Engine
) -> None:
    client = fresh_client(app)
    name = username_of(Role.OPERATOR)
    before = audit_count(web_db, name, "sign_in")
    response = sign_in(client, name, PASSWORD, next_="/search?q=x")
    assert response.status_code == 303
    assert response.headers["location"] == "/search?q=x"
    cookie = response.headers["set-cookie"]
    assert SESSION_COOKIE in cookie
    assert "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower()
    assert client.get("/").status_code == 200
    assert audit_count(web_db, name, "sign_in") == before + 1


def test_a_wrong_password_is_refused_and_audited(app: FastAPI, web_db: Engine) -> None:
    # an address of its own: failures count per address, and other tests sign in too
    client = TestClient(app, follow_redirects=False, client=("203.0.113.9", 5000))
    name = username_of(Role.ANALYST)
    before = audit_count(web_db, name, "sign_in_failed")
    response = sign_in(client, name, "not-the-password")
    assert response.status_code == 401
    assert SESSION_COOKIE not in response.headers.get("set-cookie", "")
    assert audit_count(web_db, name, "sign_in_failed") == before + 1
    assert client.get("/").status_code == 303


def test_the_next_address_never_leaves_the_site(app: FastAPI) -> None:
    for target in ("https://elsewhere.example/", "//elsewhere.example/", "/\\elsewhere"):
        client = fresh_client(app)
        response = sign_in(client, username_of(Role.LIAISON), PASSWORD, next_=target)
        assert response.headers["location"] == "/"


def test_sign_in_without_the_form_token_is_refused(app: FastAPI) -> None:
    client = fresh_client(app)
    client.get("/sign-in")
    response = client.post(
        "/sign-in", data={"username": username_of(Role.ADMIN), "password": PASSWORD}
    )
    assert response.status_code == 403


def test_sign_in_is_throttled_after_repeated_failures(
    app: FastAPI, web_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # every attempt at the same instant, so that a slow machine cannot let the wait run out
    instant = datetime.now(UTC)
    monkeypatch.setattr("homeward.access.users.utcnow", lambda: instant)
    client = TestClient(app, follow_redirects=False, client=("203.0.113.7", 5000))
    name = username_of(Role.AUDITOR)
    for _ in range(PAIR.free + 1):
        assert sign_in(client, name, "guess-guess-guess").status_code == 401
    # now even the right password waits, and the page says how long
    response = sign_in(client, name, PASSWORD)
    assert response.status_code == 429
    assert response.headers["retry-after"] == "1"
    assert "зачекайте" in response.text.lower()
    assert audit_count(web_db, name, "sign_in_throttled") >= 1


def test_sign_out_ends_the_session_on_the_server(client_as: ClientFor, web_db: Engine) -> None:
    client = client_as(Role.ANALYST)
    token = client.cookies[SESSION_COOKIE]
    assert client.form("/sign-out").status_code == 303
    replay = TestClient(client.app, follow_redirects=False)
    replay.cookies.set(SESSION_COOKIE, token)
    assert replay.get("/").status_code == 303


def test_an_unsafe_request_without_the_token_is_refused(client_as: ClientFor) -> None:
    client = client_as(Role.ANALYST)
    assert client.post("/sign-out").status_code == 403
    assert client.post("/sign-out", data={"csrf_token": "forged"}).status_code == 403
    assert client.get("/").status_code == 200  # still signed in


def test_revoked_and_disabled_users_are_signed_out_at_once(
    client_as: ClientFor, web_db: Engine
) -> None:
    client = client_as(Role.LIAISON)
    assert client.get("/").status_code == 200
    with Session(web_db) as session, session.begin():
        revoke_sessions(session, actor=ADMIN_CONSOLE, username=username_of(Role.LIAISON))
    assert client.get("/").status_code == 303

    client = client_as(Role.LIAISON)
    with Session(web_db) as session, session.begin():
        session.execute(
            update(User).where(User.username == username_of(Role.LIAISON)).values(active=False)
        )
    assert client.get("/").status_code == 303


def test_an_expired_session_is_refused(client_as: ClientFor, web_db: Engine) -> None:
    client = client_as(Role.OPERATOR)
    with Session(web_db) as session, session.begin():
        from datetime import timedelta

        from homeward.db import utcnow

        session.execute(update(WebSession).values(last_seen_at=utcnow() - timedelta(hours=3)))
    assert client.get("/").status_code == 303


def test_every_answer_carries_the_security_headers(client_as: ClientFor) -> None:
    for response in (client_as(None).get("/sign-in"), client_as(Role.ADMIN).get("/")):
        headers = response.headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["cache-control"] == "no-store"


def test_pages_have_no_inline_script(client_as: ClientFor) -> None:
    html = client_as(Role.ADMIN).get("/").text
    assert "<script>" not in html
    assert " on" + "click=" not in html


def test_ukrainian_by_default_and_english_on_request(client_as: ClientFor) -> None:
    client = client_as(Role.ANALYST)
    assert "Огляд" in client.get("/").text
    response = client.get("/language/en", params={"next": "/"})
    assert response.status_code == 303
    assert "Dashboard" in client.get("/").text
    assert client.get("/language/xx").status_code == 404


def test_the_api_signs_in_and_answers_401_when_not(app: FastAPI) -> None:
    client = fresh_client(app)
    client.follow_redirects = True
    assert client.get("/api/me").status_code == 401
    bad = client.post("/api/session", json={"username": username_of(Role.ADMIN), "password": "x"})
    assert bad.status_code == 401
    good = client.post(
        "/api/session", json={"username": username_of(Role.ADMIN), "password": PASSWORD}
    )
    assert good.status_code == 200
    me = client.get("/api/me").json()
    assert me["role"] == "admin"
    assert "users" in me["permissions"]
    assert client.delete("/api/session").status_code == 403  # no CSRF header
    assert (
        client.delete("/api/session", headers={"X-CSRF-Token": me["csrf_token"]}).status_code == 204
    )
    assert client.get("/api/me").status_code == 401


def test_switching_the_language_keeps_the_page_and_its_query(client_as: ClientFor) -> None:
    client = client_as(Role.ANALYST)
    page = client.get("/search", params={"q": "Коваленко"}).text
    assert "/language/en?next=/search%3Fq%3D" in page
    response = client.get("/language/en", params={"next": "/search?q=Коваленко"})
    assert unquote(response.headers["location"]) == "/search?q=Коваленко"


def _forbidden_entries(engine: Engine, username: str) -> list[AuditEntry]:
    with Session(engine) as session:
        query = select(AuditEntry).where(
            AuditEntry.action == "forbidden", AuditEntry.username == username
        )
        return list(session.scalars(query))


def test_a_refused_route_is_recorded_in_the_audit_log(client_as: ClientFor, web_db: Engine) -> None:
    before = len(_forbidden_entries(web_db, username_of(Role.AUDITOR)))
    assert client_as(Role.AUDITOR).get("/intake").status_code == 403
    entries = _forbidden_entries(web_db, username_of(Role.AUDITOR))
    assert len(entries) == before + 1
    assert entries[-1].object_id == "GET /intake" and entries[-1].detail == {
        "reason": "needs intake"
    }


def test_a_failed_csrf_check_is_recorded_in_the_audit_log(
    client_as: ClientFor, web_db: Engine
) -> None:
    before = len(_forbidden_entries(web_db, username_of(Role.ANALYST)))
    assert (
        client_as(Role.ANALYST).post("/sign-out", data={"csrf_token": "forged"}).status_code == 403
    )
    entries = _forbidden_entries(web_db, username_of(Role.ANALYST))
    assert len(entries) == before + 1
    assert entries[-1].detail["reason"] == "security token missing or wrong"


def test_a_forged_sign_in_form_is_recorded_anonymously(app: FastAPI, web_db: Engine) -> None:
    client = fresh_client(app)
    before = len(_forbidden_entries(web_db, "(anonymous)"))
    answer = client.post("/sign-in", data={"username": "x", "password": "y", "csrf_token": "z"})
    assert answer.status_code == 403
    assert len(_forbidden_entries(web_db, "(anonymous)")) == before + 1


def test_signing_in_ends_the_session_the_browser_already_had(
    app: FastAPI, client_as: ClientFor, web_db: Engine
) -> None:
    for through_api in (False, True):
        old = client_as(Role.ANALYST).cookies[SESSION_COOKIE]
        client = fresh_client(app)
        page = client.get("/sign-in")
        client.cookies.set(SESSION_COOKIE, old)  # a browser with a session, or a planted token
        name = username_of(Role.OPERATOR)
        if through_api:
            answer = client.post("/api/session", json={"username": name, "password": PASSWORD})
            assert answer.status_code == 200
        else:
            answer = client.post(
                "/sign-in",
                data={"username": name, "password": PASSWORD, "csrf_token": csrf_of(page.text)},
            )
            assert answer.status_code == 303
        new = answer.cookies[SESSION_COOKIE]
        assert new != old
        replay = TestClient(app, follow_redirects=False)
        replay.cookies.set(SESSION_COOKIE, old)
        assert replay.get("/").status_code == 303  # the old token signs in no more
        fresh = TestClient(app, follow_redirects=False)
        fresh.cookies.set(SESSION_COOKIE, new)
        assert fresh.get("/").status_code == 200
    with Session(web_db) as session:
        ended = session.scalar(
            select(func.count()).where(
                WebSession.revoked_at.is_not(None),
                WebSession.user_id
                == select(User.id)
                .where(User.username == username_of(Role.ANALYST))
                .scalar_subquery(),
            )
        )
    assert ended == 2
