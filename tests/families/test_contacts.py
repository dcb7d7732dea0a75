"""The contacts workspace: adding, editing and consents, each in history and the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.models import AuditEntry
from homeward.access.roles import Forbidden, Role
from homeward.errors import Conflict, InvalidInput
from homeward.families import service
from homeward.families.schemas import ContactDetails
from homeward.registry.history import person_history
from homeward.registry.schemas import validated
from tests.families.factories import CONSOLE, LIAISON, a_contact, a_person, details


def audited(session: Session, action: str) -> list[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
    return list(session.scalars(query))


def test_a_contact_keeps_its_language_channel_and_consents(session: Session) -> None:
    person = a_person(session)
    contact = service.add_family_contact(
        session,
        actor=LIAISON,
        person_id=person.id,
        details=details(language="en", channel="email", email="maria@example.org"),
        consent=True,
    )
    assert (contact.language, contact.channel) == ("en", "email")
    assert contact.consent_contact and contact.consent_share
    assert [e.action for e in person_history(session, person.id)][-1] == "contact_added"


def test_it_refuses_a_channel_without_its_address(session: Session) -> None:
    with pytest.raises(InvalidInput) as error:
        details(channel="email")
    assert error.value.field == "email"
    with pytest.raises(InvalidInput) as error:
        validated(ContactDetails, {"name": "M", "relation": "мати", "phone": "12"})
    assert error.value.field == "phone"


def test_an_edit_keeps_the_old_values_in_history(session: Session) -> None:
    person = a_person(session)
    contact = a_contact(session, person.id)
    service.edit_contact(
        session,
        actor=LIAISON,
        contact_id=contact.id,
        expected_version=contact.version,
        details=details(phone="+380670000002"),
    )
    entry = person_history(session, person.id)[-1]
    assert entry.action == "contact_edited"
    assert entry.changes["fields"]["phone"] == {"old": "+380500000001", "new": "+380670000002"}
    assert audited(session, "edit_contact")


def test_an_edit_of_a_version_read_before_another_is_a_conflict(session: Session) -> None:
    contact = a_contact(session, a_person(session).id)
    read = contact.version
    service.edit_contact(
        session,
        actor=LIAISON,
        contact_id=contact.id,
        expected_version=read,
        details=details(address="Київ"),
    )
    with pytest.raises(Conflict, match="changed by someone else"):
        service.edit_contact(
            session,
            actor=LIAISON,
            contact_id=contact.id,
            expected_version=read,
            details=details(address="Львів"),
        )


def test_withdrawn_consent_is_dated_and_named_and_given_again_clears_it(session: Session) -> None:
    contact = a_contact(session, a_person(session).id)
    service.record_consent(
        session,
        actor=LIAISON,
        contact_id=contact.id,
        contact_consent=False,
        share_consent=False,
        reason="by phone",
    )
    assert contact.consent_withdrawn_at is not None
    assert contact.consent_withdrawn_by == LIAISON.name
    service.record_consent(
        session, actor=LIAISON, contact_id=contact.id, contact_consent=True, share_consent=False
    )
    assert contact.consent_withdrawn_at is None and contact.consent_contact
    assert [e.action for e in person_history(session, contact.person_id)][-2:] == [
        "consent_changed",
        "consent_changed",
    ]


def test_an_analyst_may_not_read_contacts_and_an_auditor_may_not_change_them(
    session: Session,
) -> None:
    contact = a_contact(session, a_person(session).id)
    with pytest.raises(Forbidden):
        service.contacts_of_person(
            session, actor=Actor("a", Channel.WEB, Role.ANALYST), person_id=contact.person_id
        )
    with pytest.raises(Forbidden):
        service.record_consent(
            session,
            actor=Actor("b", Channel.WEB, Role.AUDITOR),
            contact_id=contact.id,
            contact_consent=False,
            share_consent=False,
        )


def test_reading_a_persons_contacts_is_audited(session: Session) -> None:
    contact = a_contact(session, a_person(session).id)
    service.contacts_of_person(session, actor=CONSOLE, person_id=contact.person_id)
    entry = audited(session, "view_contacts")[-1]
    assert entry.detail == {"contacts": [contact.id]}
