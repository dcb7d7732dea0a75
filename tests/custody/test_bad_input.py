"""Bad input: a clear message naming the field, and nothing written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.custody import records, service
from homeward.custody.models import CaptureCard, MedicalInspection
from homeward.custody.schemas import EventIn, InspectionIn
from homeward.errors import InvalidInput
from homeward.registry.models import Evidence
from homeward.registry.schemas import validated
from homeward.registry.service import create_person
from tests.custody.factories import CUSTODIAN, a_camp, ago, dmy, register
from tests.factories import OPERATOR, person_in


def count(session: Session, model: Any) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def refused(session: Session, field: str, act: Callable[[], object]) -> InvalidInput:
    before = (
        count(session, Evidence),
        count(session, CaptureCard),
        count(session, MedicalInspection),
    )
    with pytest.raises(InvalidInput) as error:
        act()
    assert error.value.field == field
    after = (
        count(session, Evidence),
        count(session, CaptureCard),
        count(session, MedicalInspection),
    )
    assert after == before
    return error.value


def event(session: Session, person_id: int, **data: Any) -> Any:
    return service.record_event(
        session, actor=CUSTODIAN, person_id=person_id, event=validated(EventIn, data)
    )


def test_it_refuses_an_event_before_the_capture(session: Session) -> None:
    pid = register(session).person_id
    camp = a_camp(session)
    error = refused(
        session, "on", lambda: event(session, pid, kind="moved", on=dmy(ago(20)), place=camp)
    )
    assert "before his capture" in str(error)


def test_it_refuses_an_event_after_his_death(session: Session) -> None:
    pid = register(session).person_id
    event(session, pid, kind="died", on=dmy(ago(5)))
    camp = a_camp(session)
    error = refused(
        session, "on", lambda: event(session, pid, kind="moved", on=dmy(ago(2)), place=camp)
    )
    assert "after his death" in str(error)


def test_it_refuses_a_card_for_a_person_who_is_not_a_prisoner_we_hold(session: Session) -> None:
    own = create_person(session, actor=OPERATOR, person=person_in())
    refused(
        session,
        "person",
        lambda: records.record_card(session, actor=CUSTODIAN, person_id=own.id, language="ru"),
    )
    pid = register(session).person_id
    event(session, pid, kind="repatriated", on=dmy(ago(1)))
    refused(
        session,
        "person",
        lambda: records.record_card(session, actor=CUSTODIAN, person_id=pid, language="ru"),
    )


def test_it_refuses_an_unknown_camp(session: Session) -> None:
    pid = register(session).person_id
    error = refused(
        session,
        "place",
        lambda: event(session, pid, kind="moved", on=dmy(ago(2)), place="Невідомий"),
    )
    assert "Невідомий" in str(error)


def test_a_camp_is_found_by_any_of_its_names(session: Session) -> None:
    pid = register(session).person_id
    a_camp(session)
    row = event(session, pid, kind="moved", on=dmy(ago(2)), place="camp 1")
    assert row.place.name == "Табір №1"


def test_it_refuses_a_weight_of_900_kg() -> None:
    with pytest.raises(InvalidInput) as error:
        validated(InspectionIn, {"on": dmy(ago(1)), "weight_kg": 900})
    assert error.value.field == "weight_kg"


def test_it_refuses_a_date_in_the_future() -> None:
    for model, data, field in (
        (EventIn, {"kind": "moved", "on": dmy(ago(-3)), "place": "x"}, "on"),
        (InspectionIn, {"on": dmy(ago(-3))}, "on"),
    ):
        with pytest.raises(InvalidInput) as error:
            validated(model, data)
        assert error.value.field == field


def test_it_refuses_a_correspondence_limit_below_the_floor_of_article_71(session: Session) -> None:
    pid = register(session).person_id
    with pytest.raises(InvalidInput) as error:
        service.set_correspondence_limits(
            session, actor=CUSTODIAN, person_id=pid, letters=2, cards=3
        )
    assert error.value.field == "cards"


def test_an_error_message_is_a_template_with_its_values_apart(session: Session) -> None:
    pid = register(session).person_id
    with pytest.raises(InvalidInput) as error:
        event(session, pid, kind="moved", on=dmy(ago(2)), place="Невідомий")
    assert "%(name)s" in error.value.message and error.value.values == {"name": "Невідомий"}


def test_inspections_of_a_prisoner_need_the_special_permission(session: Session) -> None:
    from homeward.access.roles import Forbidden
    from tests.custody.factories import ANALYST

    pid = register(session).person_id
    with pytest.raises(Forbidden):
        records.record_inspection(
            session,
            actor=ANALYST,
            person_id=pid,
            inspection=validated(InspectionIn, {"on": dmy(ago(1))}),
        )


def test_a_weight_is_read_with_a_decimal_comma_as_forms_in_ukrainian_write_it() -> None:
    inspection = validated(InspectionIn, {"on": dmy(ago(1)), "weight_kg": "72,5"})
    assert inspection.weight_kg == 72.5


def test_a_weight_that_is_no_number_is_said_in_words_the_catalogue_translates() -> None:
    with pytest.raises(InvalidInput) as error:
        validated(InspectionIn, {"on": dmy(ago(1)), "weight_kg": "сімдесят"})
    assert error.value.field == "weight_kg"
    assert error.value.message == "is not a number"  # a msgid, not pydantic's English
