"""The dashboard's counts as JSON, for every role, and never for an anonymous caller."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.registry.service import create_person
from tests.factories import person_in
from tests.web.conftest import ADMIN_CONSOLE, ClientFor


@pytest.mark.parametrize("role", list(Role))
def test_every_role_reads_the_counts(client_as: ClientFor, web_db: Engine, role: Role) -> None:
    with Session(web_db) as session, session.begin():
        create_person(session, actor=ADMIN_CONSOLE, person=person_in())
        create_person(session, actor=ADMIN_CONSOLE, person=person_in(side="adversary"))
    response = client_as(role).get("/api/dashboard")
    assert response.status_code == 200
    board = response.json()
    assert board["own_total"] == 1 and board["adversary_total"] == 1
    assert sum(board["own_by_status"].values()) == 1
    assert board["changes_this_week"] >= 2 and board["persons_changed_this_week"] == 2
    assert board["review_queue"] == 0 and board["recent_imports"] == []


def test_an_anonymous_caller_gets_401(client_as: ClientFor) -> None:
    response = client_as(None).get("/api/dashboard")
    assert response.status_code == 401
    assert response.json() == {"detail": "sign in first"}
