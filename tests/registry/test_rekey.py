"""Stored name keys follow the names' key rules: a migration after a change of the rules
recomputes them (`registry.rekey`), and a register rekeyed is found by today's search."""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from homeward.names import NamePart, match_key
from homeward.registry.models import PersonName
from homeward.registry.rekey import name_keys, rekey_names
from homeward.registry.service import create_person
from tests.factories import OPERATOR, person_in


def _stored(session: Session, person_id: int) -> dict[str, str]:
    row = session.execute(select(PersonName).where(PersonName.person_id == person_id)).scalar_one()
    return {key: getattr(row, key) for key in name_keys("", None, None)}


def test_stale_keys_are_recomputed_and_the_others_left_alone(session: Session) -> None:
    stale = create_person(session, actor=OPERATOR, person=person_in(surname="Chevtchouk"))
    kept = create_person(session, actor=OPERATOR, person=person_in(surname="Коваленко"))
    session.flush()
    fresh = _stored(session, stale.id)
    assert fresh["surname_key"] == match_key("Шевчук", NamePart.SURNAME)
    session.execute(
        text(
            "UPDATE person_names SET surname_key = 'chevtchouk', surname_phonetic = 'x' "
            "WHERE person_id = :id"
        ),
        {"id": stale.id},
    )
    session.expire_all()

    changed = rekey_names(session.connection(), batch=1)

    assert changed == 1
    assert _stored(session, stale.id) == fresh
    assert _stored(session, kept.id) == name_keys("Коваленко", "Олександр", "Петрович")
    assert rekey_names(session.connection()) == 0


def test_the_keys_stored_with_a_new_spelling_are_the_rekeyed_ones(session: Session) -> None:
    person = create_person(
        session, actor=OPERATOR, person=person_in(surname="Bondarentchouk", patronymic="")
    )
    session.flush()
    assert _stored(session, person.id) == name_keys("Bondarentchouk", "Олександр", None)
