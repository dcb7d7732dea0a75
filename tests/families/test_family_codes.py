"""Family access codes: issued once, kept as a hash, revocable, expiring, following merges."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.access.roles import Forbidden
from homeward.db import utcnow
from homeward.errors import Conflict, InvalidInput
from homeward.families import access, sessions
from homeward.families.access import FamilyRefused
from homeward.families.codes import ACCESS_LENGTH
from homeward.families.models import FamilyCode
from homeward.linkage.merge import merge_persons
from homeward.registry.service import create_person
from tests.factories import person_in
from tests.families.factories import CONSOLE, OPERATOR, a_code, a_contact, a_person


def enter(session: Session, code: str, client: str = "203.0.113.5") -> sessions.Family:
    token, _row = sessions.enter_code(session, typed=code, client=client)
    family = sessions.family_for(session, token, client=client)
    assert family is not None
    return family


def test_a_code_is_shown_once_and_only_its_hash_is_kept(session: Session) -> None:
    issued = a_code(session, a_contact(session, a_person(session).id))
    plain = issued.code.replace("-", "")
    assert len(plain) == ACCESS_LENGTH and issued.bits >= 100
    stored = session.execute(text("SELECT * FROM family_codes")).all()
    assert all(plain not in str(row) and issued.code not in str(row) for row in stored)
    audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "family_code_issue"))
    assert all(plain not in str(entry.detail) for entry in audit)


def test_a_code_opens_its_person_for_its_contact(session: Session) -> None:
    person = a_person(session)
    contact = a_contact(session, person.id)
    family = enter(session, a_code(session, contact).code.lower())
    assert (family.person.id, family.contact.id) == (person.id, contact.id)


def test_a_revoked_code_stops_at_once_and_ends_its_sessions(session: Session) -> None:
    issued = a_code(session, a_contact(session, a_person(session).id))
    token, _row = sessions.enter_code(session, typed=issued.code, client="203.0.113.6")
    access.revoke_code(session, actor=CONSOLE, code_id=issued.row.id, reason="lost")
    assert sessions.family_for(session, token, client="203.0.113.6") is None
    with pytest.raises(FamilyRefused, match="withdrawn"):
        sessions.enter_code(session, typed=issued.code, client="203.0.113.6")


def test_an_expired_code_opens_nothing(session: Session) -> None:
    issued = a_code(session, a_contact(session, a_person(session).id))
    token, _row = sessions.enter_code(session, typed=issued.code, client="203.0.113.7")
    issued.row.expires_at = utcnow() - timedelta(seconds=1)
    session.flush()
    assert sessions.family_for(session, token, client="203.0.113.7") is None
    with pytest.raises(FamilyRefused, match="expired on"):
        sessions.enter_code(session, typed=issued.code, client="203.0.113.7")


def test_a_mistyped_code_opens_nothing_and_says_nothing_of_anyone(session: Session) -> None:
    a_code(session, a_contact(session, a_person(session).id))
    with pytest.raises(FamilyRefused) as refused:
        sessions.enter_code(session, typed="0000-0000-0000-0000-0000-0000", client="203.0.113.8")
    assert refused.value.status == 422
    assert "not right" in str(refused.value)


def test_a_code_follows_its_person_into_a_merge(session: Session) -> None:
    survivor, absorbed = a_person(session), a_person(session)
    issued = a_code(session, a_contact(session, absorbed.id))
    merge_persons(
        session,
        actor=CONSOLE,
        survivor_id=survivor.id,
        absorbed_id=absorbed.id,
        reason="one man recorded twice",
    )
    assert enter(session, issued.code).person.id == survivor.id


def test_failures_from_one_address_make_it_wait(session: Session) -> None:
    issued = a_code(session, a_contact(session, a_person(session).id))
    for _ in range(sessions.ADDRESS.free + 1):  # the free ones, and one that starts the wait
        with pytest.raises(FamilyRefused) as refused:
            sessions.enter_code(session, typed="wrong", client="203.0.113.9")
        assert refused.value.status == 422
    with pytest.raises(FamilyRefused) as refused:
        sessions.enter_code(session, typed=issued.code, client="203.0.113.9")
    assert refused.value.status == 429
    enter(session, issued.code, client="203.0.113.10")  # another address is not held


def test_right_codes_cost_an_address_nothing(session: Session) -> None:
    """An office helping many families from one address is never held up by right codes."""
    person = a_person(session)
    for n in range(sessions.ADDRESS.free + 3):
        enter(
            session,
            a_code(session, a_contact(session, person.id, name=f"Родич {n}")).code,
            client="203.0.113.11",
        )
    with pytest.raises(FamilyRefused) as refused:
        sessions.enter_code(session, typed="wrong", client="203.0.113.11")
    assert refused.value.status == 422


def test_a_code_opened_too_often_in_a_day_must_wait(session: Session) -> None:
    issued = a_code(session, a_contact(session, a_person(session).id))
    for n in range(sessions.CODE_A_DAY.free + 1):  # the free ones, and one that starts the wait
        enter(session, issued.code, client=f"198.51.100.{n + 1}")
    with pytest.raises(FamilyRefused) as refused:
        sessions.enter_code(session, typed=issued.code, client="198.51.100.200")
    assert refused.value.status == 429


def test_codes_are_for_our_own_people_issued_by_a_liaison(session: Session) -> None:
    prisoner = create_person(session, actor=CONSOLE, person=person_in(side="adversary"))
    contact = a_contact(session, prisoner.id)
    with pytest.raises(Conflict, match="held by our side"):
        a_code(session, contact)
    own = a_contact(session, a_person(session).id)
    with pytest.raises(Forbidden):
        access.issue_code(session, actor=OPERATOR, contact_id=own.id)
    with pytest.raises(InvalidInput, match="not a contact of person"):
        access.issue_code(session, actor=CONSOLE, contact_id=own.id, person_id=prisoner.id)


def test_every_entry_of_a_code_is_audited(session: Session) -> None:
    issued = a_code(session, a_contact(session, a_person(session).id))
    enter(session, issued.code, client="203.0.113.12")
    with pytest.raises(FamilyRefused):
        sessions.enter_code(session, typed="nope", client="203.0.113.12")
    actions = [
        e.action
        for e in session.scalars(select(AuditEntry).where(AuditEntry.client == "203.0.113.12"))
    ]
    assert actions == ["family_sign_in", "family_sign_in_failed"]
    assert session.get(FamilyCode, issued.row.id).last_used_at is not None  # type: ignore[union-attr]


def test_the_letter_with_a_code_is_signed_by_the_service_in_the_familys_language(
    session: Session,
) -> None:
    """As the e-mails to families: signed by the office, "Служба зв'язку з родинами" / "the
    Family Liaison Service" (whoever prints it), never by a person's title."""
    from tests.documents.paper import require_poppler, text_of

    require_poppler()
    from homeward.families.papers import code_letter_pdf

    person = a_person(session)
    for language, closing in (
        ("uk", "З повагою, Служба зв'язку з родинами"),
        ("en", "With respect, The Family Liaison Service"),
    ):
        contact = a_contact(session, person.id, language=language)
        issued = a_code(session, contact)
        pdf = code_letter_pdf(
            person=person, contact=contact, code=issued.code, expires_at=issued.row.expires_at,
            base="https://register.example", hotline="",
        )  # fmt: skip
        words = " ".join(text_of(pdf).split())
        assert closing in words, words[-300:]


def test_the_letter_says_call_us_only_with_a_number_to_call(session: Session) -> None:
    """Without a hotline configured the letter does not tell the family to "call us" with no
    number: it sends them to the service that gave them the code."""
    from tests.documents.paper import require_poppler, text_of

    require_poppler()
    from homeward.families.papers import code_letter_pdf

    person = a_person(session)
    contact = a_contact(session, person.id, language="uk")
    issued = a_code(session, contact)
    for hotline, said, unsaid in (
        ("", "повідомте службу зв'язку з родинами", "зателефонуйте нам"),
        ("0 800 000 000", "зателефонуйте нам", "повідомте службу"),
    ):
        pdf = code_letter_pdf(
            person=person, contact=contact, code=issued.code, expires_at=issued.row.expires_at,
            base="https://register.example", hotline=hotline,
        )  # fmt: skip
        words = " ".join(text_of(pdf).split())
        assert said in words and unsaid not in words, words
        assert (hotline in words) if hotline else True
