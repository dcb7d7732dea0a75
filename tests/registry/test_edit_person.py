from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.db import session_factory, transaction
from homeward.errors import Conflict, InvalidInput
from homeward.registry.history import person_history
from homeward.registry.service import create_person, edit_person, get_person
from tests.factories import ANALYST, OPERATOR, person_in


def test_an_edit_keeps_the_old_value_in_history(session: Session) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in(unit="А0536"))
    edit_person(
        session,
        actor=ANALYST,
        person_id=person.id,
        expected_version=1,
        changes={"unit": "А1234", "birth_date": "03.1999"},
        reason="unit corrected from the military ID",
    )
    assert person.unit == "А1234" and person.version == 2
    edit = person_history(session, person.id)[-1]
    assert edit.action == "edit" and edit.actor == "analyst" and edit.channel == "web"
    assert edit.changes["unit"] == {"old": "А0536", "new": "А1234"}
    assert edit.changes["birth_date"] == {"old": "1999-03-12", "new": "1999-03"}


def test_an_edit_from_a_stale_version_is_a_conflict_and_changes_nothing(session: Session) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in())
    edit_person(
        session,
        actor=OPERATOR,
        person_id=person.id,
        expected_version=1,
        changes={"rank": "солдат"},
        reason="first editor",
    )
    with pytest.raises(Conflict, match="changed by someone else"):
        edit_person(
            session,
            actor=ANALYST,
            person_id=person.id,
            expected_version=1,
            changes={"rank": "сержант"},
            reason="second editor",
        )
    assert person.rank == "солдат"


def test_two_sessions_cannot_both_save_the_same_version(clean_db: Engine) -> None:
    factory = session_factory(clean_db)
    with transaction(factory) as s:
        person_id = create_person(s, actor=OPERATOR, person=person_in()).id
    first, second = factory(), factory()
    try:
        get_person(first, person_id), get_person(second, person_id)
        edit_person(
            first,
            actor=OPERATOR,
            person_id=person_id,
            expected_version=1,
            changes={"rank": "солдат"},
            reason="first",
        )
        first.commit()
        with pytest.raises(Conflict):
            edit_person(
                second,
                actor=ANALYST,
                person_id=person_id,
                expected_version=1,
                changes={"rank": "сержант"},
                reason="second",
            )
    finally:
        first.close()
        second.close()
    with factory() as s:
        assert get_person(s, person_id).rank == "солдат"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"surname": "Інше"}, "surname"),
        ({"birth_date": "2030"}, "birth_date"),
        ({"missing_date": "1990", "birth_date": "1999"}, "birth_date"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_a_bad_edit_names_the_field_and_writes_nothing(
    session: Session, changes: dict[str, str], field: str
) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in())
    with pytest.raises(InvalidInput) as caught:
        edit_person(
            session,
            actor=OPERATOR,
            person_id=person.id,
            expected_version=1,
            changes=changes,
            reason="test",
        )
    assert caught.value.field == field
    assert person.version == 1 and len(person_history(session, person.id)) == 1


def test_an_edit_needs_a_reason(session: Session) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in())
    with pytest.raises(InvalidInput, match="reason"):
        edit_person(
            session,
            actor=OPERATOR,
            person_id=person.id,
            expected_version=1,
            changes={"rank": "солдат"},
            reason=" ",
        )
