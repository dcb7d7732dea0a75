"""An administrator manages the users from the web: add one (its password shown once), give a
new password, end sessions, disable; nobody else reaches the page."""

from __future__ import annotations

import re
import secrets

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.models import User
from homeward.access.roles import Role
from tests.web.conftest import ClientFor, fresh_client, username_of
from tests.web.test_persons import submit

PASSWORD_SHOWN = re.compile(r'<code class="password">([^<]+)</code>')


def _sign_in(app: FastAPI, username: str, password: str) -> int:
    client = fresh_client(app)
    answer = client.post("/api/session", json={"username": username, "password": password})
    return int(answer.status_code)


def test_an_admin_adds_a_user_who_signs_in_with_the_password_shown_once(
    app: FastAPI, client_as: ClientFor, web_db: Engine
) -> None:
    admin = client_as(Role.ADMIN)
    name = f"clerk{secrets.token_hex(3)}"
    page = submit(admin, "/users", {"username": name, "role": "analyst", "name": "A clerk"})
    assert page.status_code == 200
    password = PASSWORD_SHOWN.search(page.text)
    assert password is not None
    assert _sign_in(app, name, password.group(1)) == 200
    assert password.group(1) not in admin.get("/users").text  # once
    renewed = submit(admin, f"/users/{name}/password", {})
    new_password = PASSWORD_SHOWN.search(renewed.text)
    assert new_password is not None and new_password.group(1) != password.group(1)
    assert _sign_in(app, name, password.group(1)) == 401
    assert _sign_in(app, name, new_password.group(1)) == 200
    assert submit(admin, f"/users/{name}/revoke", {}).status_code == 303
    assert submit(admin, f"/users/{name}/disable", {}).status_code == 303
    with Session(web_db) as session:
        user = session.scalars(select(User).where(User.username == name)).one()
        assert not user.active
    assert _sign_in(app, name, new_password.group(1)) == 401


def test_an_admin_cannot_disable_their_own_account(client_as: ClientFor) -> None:
    admin = client_as(Role.ADMIN)
    assert submit(admin, f"/users/{username_of(Role.ADMIN)}/disable", {}).status_code == 422


def test_a_bad_user_name_is_named_and_nothing_is_added(client_as: ClientFor) -> None:
    page = submit(client_as(Role.ADMIN), "/users", {"username": "A B", "role": "analyst"})
    assert page.status_code == 422 and 'class="error"' in page.text


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN])
def test_other_roles_do_not_reach_user_management(client_as: ClientFor, role: Role) -> None:
    assert client_as(role).get("/users").status_code == 403


def test_a_refused_user_name_is_named_in_words_not_by_its_code(client_as: ClientFor) -> None:
    """ "Ім'я користувача: використовуйте…", never "username: використовуйте…"."""
    page = submit(client_as(Role.ADMIN), "/users?lang=uk", {"username": "A B", "role": "analyst"})
    alert = page.text.split('role="alert">')[1].split("</p>")[0]
    assert alert.startswith("Ім&#39;я користувача: ") and "username" not in alert
