"""Persons, witnesses and debriefings for the testimonies' tests, and the personas."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.roles import Role
from homeward.registry.evidence import add_evidence
from homeward.registry.models import Person
from homeward.registry.service import create_person
from homeward.testimonies import service
from homeward.testimonies.models import Debriefing
from homeward.testimonies.schemas import DebriefingIn, MentionIn
from tests.factories import evidence_in, person_in

OPERATOR = Actor("test-debriefer", Channel.WEB, Role.OPERATOR)
ANALYST = Actor("test-reviewer", Channel.WEB, Role.ANALYST)
LIAISON = Actor("test-liaison", Channel.WEB, Role.LIAISON)


def a_person(session: Session, **overrides: Any) -> Person:
    return create_person(session, actor=OPERATOR, person=person_in(**overrides))


def a_witness(session: Session, returned_on: str = "15.03.2024") -> Person:
    """A returnee: his own return is on record."""
    witness = a_person(
        session, surname="Свідченко", given_name="Андрій", birth_date="02.02.1990", unit="А1111"
    )
    add_evidence(
        session, actor=OPERATOR, person_id=witness.id, evidence=evidence_in("returned", returned_on)
    )
    return witness


def debrief(
    session: Session,
    witness: Person | None,
    *mentions: MentionIn,
    held_on: date = date(2024, 3, 20),
) -> Debriefing:
    return service.record_debriefing(
        session,
        actor=OPERATOR,
        debriefing=DebriefingIn(
            witness_name="Свідченко Андрій" if witness else "a witness who gave no surname",
            witness_person_id=witness.id if witness else None,
            interviewer="test-interviewer",
            held_on=held_on,
            language="uk",
            mentions=list(mentions),
        ),
    )
