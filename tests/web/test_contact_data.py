"""Contact data — whom to reach and where — reaches only the roles that read contacts, wherever
it is kept: the GC III person to inform and address, a relative's phone in an imported row."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.roles import Permission, Role, allows
from homeward.registry.models import Person
from homeward.registry.schemas import SourceIn
from homeward.registry.service import create_person, edit_person
from tests.factories import person_in
from tests.imports.files import csv_bytes
from tests.web.conftest import ADMIN_CONSOLE, ClientFor

PHONE = "+380 67 000 11 22"
ADDRESS = "вул. Тестова, 1, Полтава"
INFORM = "Тестенко Ганна (мати)"
READERS = [role for role in Role if allows(role, Permission.READ)]


def _imported_with_a_relatives_phone(client_as: ClientFor, engine: Engine) -> int:
    client = client_as(Role.OPERATOR)
    rows = [["Прізвище", "Ім'я", "Дата народження", "Телефон родичів"],
            ["Кравченко", "Назар", "02.02.1992", PHONE]]  # fmt: skip
    answer = client.post(
        "/api/imports",
        data={"kind": "captor_list", "list_date": "01.05.2024"},
        files={"file": ("list.csv", csv_bytes(rows), "text/csv")},
        headers={"X-CSRF-Token": client.csrf},
    )
    assert answer.status_code == 201, answer.text
    with Session(engine) as session:
        return session.scalars(select(Person.id).where(Person.surname == "Кравченко")).one()


def _with_gc3_contact_fields(engine: Engine) -> int:
    with Session(engine) as session, session.begin():
        person = create_person(
            session,
            actor=ADMIN_CONSOLE,
            person=person_in(
                surname="Гайова",
                side="adversary",
                person_to_inform=INFORM,
                correspondence_address=ADDRESS,
            ),
            source=SourceIn(kind="official", name="capture record"),
        )
        session.flush()
        edit_person(
            session,
            actor=ADMIN_CONSOLE,
            person_id=person.id,
            expected_version=person.version,
            changes={"correspondence_address": ADDRESS + ", кв. 2"},
            reason="the prisoner corrected it",
        )
        return person.id


@pytest.mark.parametrize("role", READERS)
def test_a_relatives_phone_in_an_imported_row_shows_only_with_contacts(
    client_as: ClientFor, web_db: Engine, role: Role
) -> None:
    person_id = _imported_with_a_relatives_phone(client_as, web_db)
    client = client_as(role)
    page = client.get(f"/persons/{person_id}").text
    data = client.get(f"/api/persons/{person_id}").text
    sees = allows(role, Permission.CONTACTS_READ)
    assert (PHONE in page) is sees
    assert (PHONE in data) is sees
    assert "Кравченко" in page  # the person's own facts as written stay


@pytest.mark.parametrize("role", READERS)
def test_the_person_to_inform_and_the_address_show_only_with_contacts(
    client_as: ClientFor, web_db: Engine, role: Role
) -> None:
    person_id = _with_gc3_contact_fields(web_db)
    client = client_as(role)
    page = client.get(f"/persons/{person_id}").text
    data = client.get(f"/api/persons/{person_id}").text
    sees = allows(role, Permission.CONTACTS_READ)
    for secret in (INFORM, "Полтава"):  # identity, and the edit in history
        assert (secret in page) is sees, (role, secret)
        assert (secret in data) is sees, (role, secret)
