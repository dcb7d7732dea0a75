"""A user changes their own password: the current one asked first (wrong ones throttled as
sign-ins are, and audited), the new one twice under the usual rules; on success every other
session ends and this browser carries on with a new token."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry, User
from homeward.access.roles import Role
from homeward.access.throttle import PAIR
from homeward.access.users import add_user, session_for, start_session
from homeward.web.deps import SESSION_COOKIE
from tests.web.conftest import ADMIN_CONSOLE, Client, ClientFor, csrf_of

OLD = "old-horse-battery-staple"
NEW = "new-kettle-lantern-orbit"


def a_user(engine: Engine, app: FastAPI) -> tuple[str, Client, Client]:
    """A user of their own (the role's test users keep their password), signed in twice."""
    name = f"own-{secrets.token_hex(4)}"
    with Session(engine) as session, session.begin():
        user, _ = add_user(session, actor=ADMIN_CONSOLE, username=name, role=Role.ANALYST,
                           password=OLD)  # fmt: skip
        clients = []
        for _n in range(2):
            token = start_session(session, user, client="testclient")
            signed_in = session_for(session, token)
            assert signed_in is not None
            client = Client(app, follow_redirects=False)
            client.csrf = signed_in.web_session.csrf_token
            client.cookies.set(SESSION_COOKIE, token)
            clients.append(client)
    return name, clients[0], clients[1]


def change(client: Client, current: str, new: str, again: str | None = None) -> httpx.Response:
    return client.form(
        "/account/password",
        {"current_password": current, "new_password": new,
         "new_password_again": new if again is None else again},
    )  # fmt: skip


def actions(engine: Engine, name: str, action: str) -> int:
    with Session(engine) as session:
        query = select(func.count()).where(AuditEntry.username == name, AuditEntry.action == action)
        return session.scalar(query) or 0


def password_hash(engine: Engine, name: str) -> str:
    with Session(engine) as session:
        found = session.scalar(select(User.password_hash).where(User.username == name))
        assert found is not None
        return found


def test_the_page_is_linked_from_every_page_and_asks_twice(client_as: ClientFor) -> None:
    client = client_as(Role.AUDITOR)
    assert 'href="/account/password"' in client.get("/").text
    page = client.get("/account/password")
    assert page.status_code == 200
    assert "Зміна пароля" in page.text and "Поточний пароль" in page.text
    assert 'name="new_password_again"' in page.text and 'name="csrf_token"' in page.text


def test_a_changed_password_ends_the_other_sessions_and_keeps_this_one(
    app: FastAPI, web_db: Engine
) -> None:
    name, here, elsewhere = a_user(web_db, app)
    old_token = here.cookies[SESSION_COOKIE]
    before = password_hash(web_db, name)
    done = change(here, OLD, NEW)
    assert done.status_code == 303 and done.headers["location"] == "/account/password?done=1"
    new_token = done.cookies[SESSION_COOKIE]
    assert new_token != old_token
    after = password_hash(web_db, name)
    assert after != before and after.startswith("$argon2id$")
    assert elsewhere.get("/").status_code == 303  # the other session has ended
    replay = TestClient(app, follow_redirects=False)
    replay.cookies.set(SESSION_COOKIE, old_token)
    assert replay.get("/").status_code == 303  # so has this one's old token
    here.cookies.set(SESSION_COOKIE, new_token)
    shown = here.get("/account/password?done=1")
    assert shown.status_code == 200 and "Пароль змінено" in shown.text
    assert actions(web_db, name, "user_password") == 1
    assert actions(web_db, name, "sessions_revoked") == 1
    # the new password signs in, the old one does not
    fresh = TestClient(app, follow_redirects=False)
    form = fresh.get("/sign-in")
    signed = fresh.post("/sign-in", data={"username": name, "password": NEW,
                                          "csrf_token": csrf_of(form.text)})  # fmt: skip
    assert signed.status_code == 303


def test_a_wrong_current_password_a_mismatch_or_a_weak_one_changes_nothing(
    app: FastAPI, web_db: Engine
) -> None:
    name, here, elsewhere = a_user(web_db, app)
    before = password_hash(web_db, name)
    wrong = change(here, "not-the-password", NEW)
    assert wrong.status_code == 422 and "Поточний пароль: неправильний" in wrong.text
    assert actions(web_db, name, "own_password_failed") == 1
    differ = change(here, OLD, NEW, "new-kettle-lantern-orbix")
    assert differ.status_code == 422 and "не збігаються" in differ.text
    weak = change(here, OLD, "short-one")
    assert weak.status_code == 422 and "щонайменше 12 символів" in weak.text
    same = change(here, OLD, OLD)
    assert same.status_code == 422 and "відрізнятися від поточного" in same.text
    assert password_hash(web_db, name) == before
    assert here.get("/").status_code == 200 and elsewhere.get("/").status_code == 200
    assert actions(web_db, name, "user_password") == 0
    # without the form's token: refused before anything is read
    forged = here.post("/account/password", data={"current_password": OLD,
                       "new_password": NEW, "new_password_again": NEW})  # fmt: skip
    assert forged.status_code == 403
    assert password_hash(web_db, name) == before


def test_wrong_current_passwords_are_throttled_as_sign_ins_are(
    app: FastAPI, web_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    instant = datetime.now(UTC)
    monkeypatch.setattr("homeward.access.users.utcnow", lambda: instant)
    name, here, _elsewhere = a_user(web_db, app)
    for _ in range(PAIR.free + 1):
        assert change(here, "guess-guess-guess", NEW).status_code == 422
    throttled = change(here, OLD, NEW)  # even the right one waits now
    assert throttled.status_code == 429
    assert throttled.headers["retry-after"] == "1" and "зачекайте" in throttled.text
    assert here.get("/").status_code == 200  # still signed in, nothing changed
    assert actions(web_db, name, "own_password_failed") == PAIR.free + 2


def test_a_real_server_answers_a_right_current_password_at_once(web_db: Engine) -> None:
    """As `homeward serve` runs it (on SQLite a change holds the write lock from its first
    query): clearing the throttle's count must come before the change takes the lock, or the
    request waited for itself."""
    from tests.web.live import live_server

    with live_server(web_db) as base:
        app_client = httpx.Client(base_url=base, timeout=20)
        name = f"own-{secrets.token_hex(4)}"
        with Session(web_db) as session, session.begin():
            add_user(session, actor=ADMIN_CONSOLE, username=name, role=Role.AUDITOR, password=OLD)
        signed = app_client.post("/api/session", json={"username": name, "password": OLD})
        assert signed.status_code == 200
        csrf = signed.json()["csrf_token"]
        done = app_client.post(
            "/account/password",
            data={"csrf_token": csrf, "current_password": OLD, "new_password": NEW,
                  "new_password_again": NEW},
        )  # fmt: skip
        assert done.status_code == 303
        app_client.close()


def test_the_lists_this_session_checked_and_never_imported_go_with_it(
    web_db: Engine, app: FastAPI
) -> None:
    """The session that changes the password ends, and with it the lists it left waiting."""
    from homeward.web.uploads import UploadStore

    _, client, _ = a_user(web_db, app)
    kept = UploadStore(client.csrf).save("list.csv", b"surname\n")
    assert kept.path.exists()
    assert change(client, OLD, NEW).status_code == 303
    assert not kept.path.exists()
