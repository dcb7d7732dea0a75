"""Plain factories for the families' tests: persons with evidence, contacts, codes."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.roles import Role
from homeward.families import access, service
from homeward.families.access import IssuedCode
from homeward.families.schemas import ContactDetails
from homeward.registry.evidence import add_evidence
from homeward.registry.models import Contact, Evidence, Person
from homeward.registry.schemas import validated
from homeward.registry.service import create_person
from tests.factories import evidence_in, person_in

LIAISON = Actor("test-liaison", Channel.WEB, Role.LIAISON, "192.0.2.10")
OPERATOR = Actor("test-operator", Channel.WEB, Role.OPERATOR, "192.0.2.11")
CONSOLE = Actor("test-console", Channel.CLI)


def a_person(session: Session, *, missing: str | None = "24.02.2022", **fields: Any) -> Person:
    """An own person, reported missing (unless `missing` is None)."""
    person = create_person(session, actor=CONSOLE, person=person_in(**fields))
    if missing:
        add_fact(session, person.id, "reported_missing", missing)
    return person


def add_fact(session: Session, person_id: int, kind: str, on: str, **extra: Any) -> Evidence:
    return add_evidence(
        session, actor=CONSOLE, person_id=person_id, evidence=evidence_in(kind, on, **extra)
    )


def details(**overrides: Any) -> ContactDetails:
    data: dict[str, Any] = {
        "name": "Коваленко Марія Іванівна",
        "relation": "мати",
        "phone": "+380500000001",
        **overrides,
    }
    return validated(ContactDetails, data)


def a_contact(
    session: Session, person_id: int, *, consent: bool = True, **overrides: Any
) -> Contact:
    return service.add_family_contact(
        session, actor=CONSOLE, person_id=person_id, details=details(**overrides), consent=consent
    )


def a_code(session: Session, contact: Contact, *, days: int = 30) -> IssuedCode:
    return access.issue_code(session, actor=CONSOLE, contact_id=contact.id, valid_days=days)
