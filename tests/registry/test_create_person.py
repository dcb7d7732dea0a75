from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from homeward.dates import PartialDate
from homeward.errors import InvalidInput
from homeward.names import NamePart, match_key
from homeward.registry.history import person_history
from homeward.registry.schemas import NameIn, SourceIn
from homeward.registry.service import add_name, create_person, get_person
from homeward.registry.vocab import Status
from tests.factories import OPERATOR, person_in


def test_it_keeps_the_name_as_written_with_its_keys(session: Session) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in(surname="КОВАЛЕНКО"))
    assert person.surname == "КОВАЛЕНКО"
    [name] = person.names
    assert name.surname_key == match_key("Коваленко", NamePart.SURNAME)
    assert person.status == Status.NO_INFORMATION


def test_it_keeps_a_birth_date_known_only_to_the_year(session: Session) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in(birth_date="1999"))
    session.expire_all()
    assert get_person(session, person.id).birth == PartialDate(1999)


def test_it_records_the_creation_with_who_and_through_what(session: Session) -> None:
    person = create_person(
        session,
        actor=OPERATOR,
        person=person_in(),
        source=SourceIn(kind="relative", name="Mother's report"),
        reason="intake",
    )
    [entry] = person_history(session, person.id)
    assert (entry.action, entry.actor, entry.channel, entry.reason) == (
        "create",
        "operator",
        "cli",
        "intake",
    )
    assert entry.changes["person"]["birth_date"] == "1999-03-12"


def test_a_new_spelling_is_added_beside_the_first_never_over_it(session: Session) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in())
    add_name(
        session,
        actor=OPERATOR,
        person_id=person.id,
        name=NameIn(surname="Коваленко", given_name="Александр", patronymic="Петрович"),
        source=SourceIn(kind="list", name="Captor's list 2022-05"),
    )
    assert [n.given_name for n in person.names] == ["Олександр", "Александр"]
    assert person.given_name == "Олександр"
    assert [h.action for h in person_history(session, person.id)] == ["create", "name_added"]


def test_it_stores_the_geneva_record_and_identifiers(session: Session) -> None:
    person = create_person(
        session,
        actor=OPERATOR,
        person=person_in(
            side="adversary",
            surname="Петров",
            given_name="Николай",
            patronymic="Иванович",
            father_name="Иван",
            mother_maiden_name="Сидорова",
            person_to_inform="Петрова Анна (mother)",
            correspondence_address="Example street 1, Example town",
            rank="рядовой",
            service_number="АБ-123456",
            identifiers=[{"kind": "military_id", "value": "АБ 0000001"}],
        ),
    )
    assert (person.father_name, person.mother_maiden_name) == ("Иван", "Сидорова")
    assert [(i.kind, i.value) for i in person.identifiers] == [("military_id", "АБ 0000001")]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"surname": "  "}, "surname"),
        ({"birth_date": "31.02.1999"}, "birth_date"),
        ({"birth_date": "yesterday"}, "birth_date"),
        ({"birth_date": "2023", "missing_date": "2022-02-24"}, "birth_date"),
        ({"missing_date": "01.01.2999"}, "missing_date"),
        ({"side": "neutral"}, "side"),
        ({"sex": "X"}, "sex"),
        ({"citizenship": "Ukraine"}, "citizenship"),
    ],
)
def test_it_rejects_bad_input_naming_the_field(overrides: dict[str, str], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        person_in(**overrides)
    assert caught.value.field == field
