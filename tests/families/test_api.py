"""Families through the JSON API: the same services as the pages, the same permissions."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from tests.families.factories import a_contact, a_person, add_fact
from tests.web.conftest import ClientFor


def seeded(engine: Engine, *facts: tuple[str, str]) -> tuple[int, int]:
    with Session(engine) as session, session.begin():
        person = a_person(session)
        contact = a_contact(session, person.id, email="maria@example.org")
        for kind, on in facts:
            add_fact(session, person.id, kind, on)
        return person.id, contact.id


def test_contacts_are_read_with_their_consents(web_db: Engine, client_as: ClientFor) -> None:
    person_id, contact_id = seeded(web_db)
    answer = client_as(Role.OPERATOR).get(f"/api/persons/{person_id}/contacts")
    assert answer.status_code == 200
    (contact,) = answer.json()
    assert contact["id"] == contact_id and contact["consent_contact"] is True
    assert client_as(Role.ANALYST).get(f"/api/persons/{person_id}/contacts").status_code == 403


def test_the_queue_and_informing_a_family(web_db: Engine, client_as: ClientFor) -> None:
    _person_id, contact_id = seeded(web_db, ("icrc_notification", "01.02.2024"))
    liaison = client_as(Role.LIAISON)
    (item,) = liaison.get("/api/families/queue").json()
    assert item["news"]["after"] == "captivity_confirmed" and not item["news"]["in_person"]
    told = liaison.post(
        f"/api/contacts/{contact_id}/informed",
        json={"kind": "call", "told": item["news"]["told"]},
        headers={"X-CSRF-Token": liaison.csrf},
    )
    assert told.status_code == 201 and told.json()["told_status"] == "captivity_confirmed"
    assert liaison.get("/api/families/queue").json() == []


def test_a_code_is_issued_once_and_revoked(web_db: Engine, client_as: ClientFor) -> None:
    _person_id, contact_id = seeded(web_db)
    liaison = client_as(Role.LIAISON)
    headers = {"X-CSRF-Token": liaison.csrf}
    issued = liaison.post(
        f"/api/contacts/{contact_id}/family-codes", json={"valid_days": 7}, headers=headers
    )
    assert issued.status_code == 201
    body = issued.json()
    assert len(body["code"].replace("-", "")) == 24
    revoked = liaison.post(
        f"/api/family-codes/{body['id']}/revoke", json={"reason": "lost"}, headers=headers
    )
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    operator = client_as(Role.OPERATOR)
    refused = operator.post(
        f"/api/contacts/{contact_id}/family-codes", json={}, headers={"X-CSRF-Token": operator.csrf}
    )
    assert refused.status_code == 403


def test_an_extract_is_issued_with_its_verification(web_db: Engine, client_as: ClientFor) -> None:
    person_id, _contact_id = seeded(web_db)
    liaison = client_as(Role.LIAISON)
    issued = liaison.post(
        f"/api/persons/{person_id}/extracts",
        json={"lang": "en"},
        headers={"X-CSRF-Token": liaison.csrf},
    )
    assert issued.status_code == 201
    body = issued.json()
    assert body["status"] == "missing"
    assert body["verification_url"] == f"http://testserver/verify/{body['verification_code']}"
    assert (
        liaison.get(body["verification_url"].removeprefix("http://testserver")).status_code == 200
    )
