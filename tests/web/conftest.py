"""The web application under test: one user per role, and a client signed in as any of them.

Requests commit, so every test here empties the register afterwards (users and the audit log
stay: the log is append-only and the users are made once).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.models import User
from homeward.access.roles import Role
from homeward.access.users import add_user, session_for, start_session
from homeward.db import Base
from homeward.web.app import create_app
from homeward.web.deps import SESSION_COOKIE

PASSWORD = "correct-horse-battery"
ADMIN_CONSOLE = Actor("test-console", Channel.CLI)
KEEP = {"users", "audit_log"}


def username_of(role: Role) -> str:
    return f"test-{role.value}"


@pytest.fixture
def web_db(db_engine: Engine) -> Iterator[Engine]:
    with Session(db_engine) as session, session.begin():
        for role in Role:
            name = username_of(role)
            user = session.scalar(select(User).where(User.username == name))
            if user is None:
                add_user(
                    session,
                    actor=ADMIN_CONSOLE,
                    username=name,
                    role=role,
                    display_name=f"Test {role.value}",
                    password=PASSWORD,
                )
            elif not user.active:
                user.active = True
    yield db_engine
    with db_engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in KEEP:
                connection.execute(table.delete())


@pytest.fixture
def app(web_db: Engine) -> FastAPI:
    return create_app(engine=web_db)


class Client(TestClient):
    csrf: str = ""
    role: Role | None = None

    def form(self, url: str, data: dict[str, str] | None = None) -> httpx.Response:
        """POST a form with this session's CSRF token, as the page's form would."""
        response: httpx.Response = self.post(url, data={"csrf_token": self.csrf, **(data or {})})
        return response


ClientFor = Callable[[Role | None], Client]


@pytest.fixture
def client_as(app: FastAPI, web_db: Engine) -> ClientFor:
    """A client signed in as the test user of a role (None: an anonymous visitor)."""

    def make(role: Role | None) -> Client:
        client = Client(app, follow_redirects=False)
        client.role = role
        if role is None:
            return client
        with Session(web_db) as session, session.begin():
            user = session.scalar(select(User).where(User.username == username_of(role)))
            assert user is not None
            token = start_session(session, user, client="testclient")
            signed_in = session_for(session, token)
            assert signed_in is not None
            client.csrf = signed_in.web_session.csrf_token
        client.cookies.set(SESSION_COOKIE, token)
        return client

    return make


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


_addresses = iter(range(1, 60000))


def fresh_client(app: FastAPI) -> TestClient:
    """An anonymous client from an address of its own: failed sign-ins are counted per
    address, and other tests (schemathesis among them) fail sign-ins on purpose."""
    n = next(_addresses)
    return TestClient(
        app, follow_redirects=False, client=(f"198.18.{n // 250}.{n % 250 + 1}", 5000)
    )
