from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.errors import Conflict, InvalidInput
from homeward.linkage.merge import merge_persons, unmerge
from homeward.registry.evidence import add_evidence, evidence_of
from homeward.registry.history import person_history
from homeward.registry.models import Contact, Identifier, PersonName, Report
from homeward.registry.schemas import ContactIn, ReportIn, SourceIn
from homeward.registry.service import create_person, get_person
from homeward.registry.sources import add_contact, add_report, reports_of
from homeward.registry.vocab import Status
from tests.factories import ANALYST, OPERATOR, evidence_in, person_in


def _snapshot(session: Session, person_id: int) -> dict[str, Any]:
    session.expire_all()
    person = get_person(session, person_id)

    def ids(model: Any) -> list[int]:
        return sorted(session.scalars(select(model.id).where(model.person_id == person_id)))

    return {
        "status": person.status,
        "merged_into": person.merged_into_id,
        "reports": ids(Report),
        "evidence": [e.id for e in evidence_of(session, person_id)],
        "names": ids(PersonName),
        "identifiers": ids(Identifier),
        "contacts": ids(Contact),
    }


def _two_records_of_one_man(session: Session) -> tuple[int, int]:
    mother = create_person(
        session,
        actor=OPERATOR,
        person=person_in(identifiers=[{"kind": "tax_number", "value": "1"}]),
    )
    add_evidence(
        session,
        actor=OPERATOR,
        person_id=mother.id,
        evidence=evidence_in("reported_missing", "24.02.2022"),
    )
    add_report(
        session,
        actor=OPERATOR,
        person_id=mother.id,
        report=ReportIn(
            source=SourceIn(kind="relative", name="Mother's report"),
            payload={"surname": "Коваленко"},
        ),
    )
    add_contact(
        session,
        actor=OPERATOR,
        person_id=mother.id,
        contact=ContactIn(name="Коваленко Марія", relation="mother", phone="+380000000000"),
    )
    captor = create_person(
        session, actor=OPERATOR, person=person_in(given_name="Александр", patronymic="Петрович")
    )
    add_evidence(
        session,
        actor=OPERATOR,
        person_id=captor.id,
        evidence=evidence_in("captor_acknowledgment", "01.06.2022"),
    )
    add_report(
        session,
        actor=OPERATOR,
        person_id=captor.id,
        report=ReportIn(
            source=SourceIn(kind="list", name="Captor's list"), payload={"Фамилия": "Коваленко"}
        ),
    )
    return mother.id, captor.id


def test_a_merge_gathers_everything_under_the_survivor(session: Session) -> None:
    survivor, absorbed = _two_records_of_one_man(session)
    merge_persons(
        session,
        actor=ANALYST,
        survivor_id=survivor,
        absorbed_id=absorbed,
        reason="same man: same birth date, unit and patronymic",
    )
    after = _snapshot(session, survivor)
    assert after["status"] == Status.CAPTIVITY_CONFIRMED
    assert len(after["reports"]) == 2 and len(after["evidence"]) == 2 and len(after["names"]) == 2
    assert _snapshot(session, absorbed)["merged_into"] == survivor
    assert person_history(session, survivor)[-1].action == "merge"
    assert person_history(session, absorbed)[-1].action == "merge"


def test_undoing_a_merge_leaves_both_persons_exactly_as_before(session: Session) -> None:
    survivor, absorbed = _two_records_of_one_man(session)
    before = (_snapshot(session, survivor), _snapshot(session, absorbed))
    merge = merge_persons(
        session, actor=ANALYST, survivor_id=survivor, absorbed_id=absorbed, reason="looked alike"
    )
    unmerge(session, actor=ANALYST, merge_id=merge.id, reason="different fathers' names")
    assert (_snapshot(session, survivor), _snapshot(session, absorbed)) == before
    for person_id in (survivor, absorbed):
        assert [h.action for h in person_history(session, person_id)][-2:] == ["merge", "unmerge"]


def test_evidence_added_after_the_merge_stays_with_the_survivor(session: Session) -> None:
    survivor, absorbed = _two_records_of_one_man(session)
    merge = merge_persons(
        session, actor=ANALYST, survivor_id=survivor, absorbed_id=absorbed, reason="same man"
    )
    add_evidence(
        session, actor=OPERATOR, person_id=survivor, evidence=evidence_in("returned", "14.05.2024")
    )
    unmerge(session, actor=ANALYST, merge_id=merge.id, reason="different men")
    assert get_person(session, survivor).status == Status.RETURNED
    assert get_person(session, absorbed).status == Status.CAPTIVITY_CONFIRMED
    assert len(reports_of(session, absorbed)) == 1


def test_a_merge_cannot_be_undone_twice(session: Session) -> None:
    survivor, absorbed = _two_records_of_one_man(session)
    merge = merge_persons(
        session, actor=ANALYST, survivor_id=survivor, absorbed_id=absorbed, reason="same man"
    )
    unmerge(session, actor=ANALYST, merge_id=merge.id, reason="different men")
    with pytest.raises(Conflict, match="already undone"):
        unmerge(session, actor=ANALYST, merge_id=merge.id, reason="again")


def test_an_absorbed_person_cannot_be_merged_again(session: Session) -> None:
    survivor, absorbed = _two_records_of_one_man(session)
    merge_persons(session, actor=ANALYST, survivor_id=survivor, absorbed_id=absorbed, reason="x")
    third = create_person(session, actor=OPERATOR, person=person_in(surname="Бойко")).id
    with pytest.raises(Conflict, match="was merged into"):
        merge_persons(session, actor=ANALYST, survivor_id=third, absorbed_id=absorbed, reason="y")


@pytest.mark.parametrize("field", ["absorbed_id", "reason"])
def test_a_bad_merge_is_refused_naming_the_field(session: Session, field: str) -> None:
    survivor, absorbed = _two_records_of_one_man(session)
    with pytest.raises(InvalidInput) as caught:
        merge_persons(
            session,
            actor=ANALYST,
            survivor_id=survivor,
            absorbed_id=survivor if field == "absorbed_id" else absorbed,
            reason="" if field == "reason" else "same",
        )
    assert caught.value.field == field


def test_an_own_person_and_an_adversary_are_never_merged(session: Session) -> None:
    own = create_person(session, actor=OPERATOR, person=person_in()).id
    adversary = create_person(session, actor=OPERATOR, person=person_in(side="adversary")).id
    with pytest.raises(InvalidInput, match="never one person"):
        merge_persons(session, actor=ANALYST, survivor_id=own, absorbed_id=adversary, reason="x")
