"""Evidence for many persons at once (a roster's returns) leaves each person as evidence
recorded one by one leaves him: the same rows, history and derived status."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from homeward.errors import InvalidInput, NotFound
from homeward.registry.evidence import add_evidence, evidence_of, record_evidence_many
from homeward.registry.history import person_history
from homeward.registry.models import Person
from homeward.registry.service import create_person
from homeward.registry.vocab import Status
from tests.factories import OPERATOR, evidence_in, person_in

RETURNED = evidence_in(
    "returned", "04.07.2025", reliability="high", source={"kind": "list", "name": "roster"}
)


def _captive(session: Session, surname: str, kind: str = "icrc_notification") -> int:
    person = create_person(session, actor=OPERATOR, person=person_in(surname=surname))
    add_evidence(session, actor=OPERATOR, person_id=person.id, evidence=evidence_in(kind, "2023"))
    return person.id


def test_many_at_once_is_one_by_one(session: Session) -> None:
    one, two = _captive(session, "Бойко"), _captive(session, "Мельник", "seen_in_media")
    alone = _captive(session, "Шевчук")
    rows = record_evidence_many(
        session, actor=OPERATOR, evidence=[(one, RETURNED), (two, RETURNED)]
    )
    add_evidence(session, actor=OPERATOR, person_id=alone, evidence=RETURNED)
    assert [r.person_id for r in rows] == [one, two]
    for person_id in (one, two, alone):
        kinds = [
            (e.kind, e.source.name if e.source else None) for e in evidence_of(session, person_id)
        ]
        assert kinds[-1] == ("returned", "roster")
        actions = [h.action for h in person_history(session, person_id)]
        assert actions.count("evidence_added") == 2
    session.expire_all()  # as stored, not as held in memory
    persons = [session.get(Person, pid) for pid in (one, two, alone)]
    statuses = {p.id: (p.status, p.status_since) for p in persons if p is not None}
    assert {s for s, _ in statuses.values()} == {Status.RETURNED.value}
    assert len({since for _, since in statuses.values()}) == 1


def test_a_bad_one_adds_nothing(session: Session) -> None:
    one = _captive(session, "Бойко")
    before = len(evidence_of(session, one))
    with pytest.raises(NotFound):
        record_evidence_many(
            session, actor=OPERATOR, evidence=[(one, RETURNED), (999999, RETURNED)]
        )
    with pytest.raises(InvalidInput, match="before the person's birth"):
        record_evidence_many(
            session, actor=OPERATOR, evidence=[(one, evidence_in("returned", "1950"))]
        )
    assert len(evidence_of(session, one)) == before
