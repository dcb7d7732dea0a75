"""A family's browser as the tests drive it: enters a code at /family, then uses its page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.families.access import IssuedCode
from tests.families.factories import a_code, a_contact, a_person, add_fact
from tests.web.conftest import csrf_of, fresh_client


@dataclass(frozen=True)
class Seeded:
    person_id: int
    contact_id: int
    code_id: int
    code: str
    surname: str


def seed_family(
    engine: Engine, surname: str, *, facts: tuple[tuple[str, str], ...] = (), **fields: Any
) -> Seeded:
    """A person with a contact and a code for it, committed."""
    with Session(engine) as session, session.begin():
        person = a_person(session, surname=surname, **fields)
        for kind, on in facts:
            add_fact(session, person.id, kind, on)
        contact = a_contact(session, person.id, name=f"{surname} Марія")
        issued: IssuedCode = a_code(session, contact)
        return Seeded(person.id, contact.id, issued.row.id, issued.code, surname)


def family_client(app: FastAPI, code: str) -> TestClient:
    """A browser of its own address that entered the code."""
    client = fresh_client(app)
    token = csrf_of(client.get("/family").text)
    entered = client.post("/family", data={"code": code, "csrf_token": token})
    assert entered.status_code == 303, entered.text
    return client


def family_token(client: TestClient) -> str:
    return csrf_of(client.get("/family").text)
