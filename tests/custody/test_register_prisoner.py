"""Registration at capture (Art. 17, 122 §4): the identity set, the capture as evidence, the
internment and its serial number."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from homeward.custody import service
from homeward.custody.models import IdentityAnswer, Internment
from homeward.custody.schemas import EventIn
from homeward.errors import InvalidInput
from homeward.registry.evidence import evidence_of
from homeward.registry.models import Person
from homeward.registry.schemas import validated
from tests.custody.factories import CUSTODIAN, ago, dmy, register, registration


def test_it_registers_a_prisoner_with_his_capture_as_evidence_and_a_serial_number(
    session: Session,
) -> None:
    internment = register(session)
    person = session.get(Person, internment.person_id)
    assert person is not None and person.side == "adversary" and person.status == "in_custody"
    assert [e.kind for e in evidence_of(session, person.id)] == ["captured"]
    assert internment.serial_number == f"POW-{internment.id:06d}"
    assert (internment.sector, internment.power) == ("Харківський", "RUS")


def test_refused_and_not_known_are_kept_apart_from_empty(session: Session) -> None:
    internment = register(
        session,
        mother_maiden_name=None,
        birth_place=None,
        answers={"mother_maiden_name": "refused", "birth_place": "not_known"},
    )
    answers = dict(
        session.execute(
            select(IdentityAnswer.field, IdentityAnswer.answer).where(
                IdentityAnswer.internment_id == internment.id
            )
        ).all()
    )
    assert answers == {"mother_maiden_name": "refused", "birth_place": "not_known"}
    person = session.get(Person, internment.person_id)
    assert person is not None and person.person_to_inform is None  # empty: nobody asked


def test_it_refuses_a_refusal_of_what_he_is_bound_to_give() -> None:
    with pytest.raises(InvalidInput) as error:
        registration(rank=None, answers={"rank": "refused"})
    assert error.value.field == "rank"
    assert registration(rank=None, answers={"rank": "not_known"}).answers


def test_a_man_captured_a_second_time_keeps_his_person_and_opens_a_second_internment(
    session: Session,
) -> None:
    first = register(session, captured_on=dmy(ago(300)))
    service.record_event(
        session,
        actor=CUSTODIAN,
        person_id=first.person_id,
        event=validated(EventIn, {"kind": "repatriated", "on": dmy(ago(200))}),
    )
    second = register(session, person_id=first.person_id, captured_on=dmy(ago(5)))
    assert second.person_id == first.person_id
    assert second.serial_number != first.serial_number


def test_it_refuses_a_second_serial_number_for_a_man_still_held(session: Session) -> None:
    first = register(session)
    with pytest.raises(InvalidInput) as error:
        register(session, person_id=first.person_id)
    assert error.value.field == "person_id"
    assert first.serial_number in str(error.value)
    with pytest.raises(InvalidInput):
        service.open_internment(session, actor=CUSTODIAN, person_id=first.person_id)


def test_a_serial_number_is_never_issued_again_even_after_its_row_is_gone(
    session: Session,
) -> None:
    first = register(session)
    gone = first.serial_number
    session.execute(delete(IdentityAnswer).where(IdentityAnswer.internment_id == first.id))
    session.execute(delete(Internment).where(Internment.id == first.id))
    session.expunge_all()
    again = register(session, surname="Орлов")
    assert again.serial_number != gone
    assert again.id > first.id
