"""A list searched at once finds, for each record, what the record searched alone finds: the
same persons, in the same order, with the same scores."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from homeward.linkage.candidates import find_candidates, find_candidates_of_list
from homeward.linkage.features import LinkRecord
from homeward.linkage.model import LinkageModel
from homeward.registry.schemas import NameIn
from homeward.registry.service import add_name, create_person
from tests.factories import OPERATOR, person_in


@pytest.fixture(scope="module")
def model() -> LinkageModel:
    return LinkageModel.load()


def test_a_list_finds_what_each_record_finds_alone(session: Session, model: LinkageModel) -> None:
    create_person(session, actor=OPERATOR, person=person_in())
    create_person(session, actor=OPERATOR, person=person_in(surname="Бойко"))
    create_person(
        session, actor=OPERATOR, person=person_in(given_name="Олексій", birth_date="1987")
    )
    variant = create_person(session, actor=OPERATOR, person=person_in(surname="Мельник"))
    add_name(
        session, actor=OPERATOR, person_id=variant.id,
        name=NameIn(surname="Мельникова", given_name="Олександра"),
    )  # fmt: skip
    records = [
        LinkRecord(record_id="1", surname="KOVALENKO", given_name="Oleksandr", birth_date="1999"),
        LinkRecord(
            record_id="2", surname="Коваленко", given_name="Александр", patronymic="Петрович"
        ),
        LinkRecord(record_id="3", surname="Олександр", given_name="Коваленко"),  # swapped
        LinkRecord(record_id="4", surname="Мельникова", given_name="Олександра"),
        LinkRecord(record_id="5", surname="Бойко"),  # a surname alone
        LinkRecord(record_id="6", surname="Невідомий", given_name="Петро"),
    ]
    together = find_candidates_of_list(session, records, model=model, limit=5)
    alone = [find_candidates(session, record, model=model, limit=5) for record in records]
    assert together == alone
    assert [len(found) > 0 for found in together] == [True, True, True, True, True, False]


def test_a_common_name_is_capped_for_each_record(session: Session, model: LinkageModel) -> None:
    for _ in range(4):
        create_person(session, actor=OPERATOR, person=person_in(surname="Шевченко"))
    records = [LinkRecord(record_id=str(n), surname="Шевченко") for n in range(2)]
    found = find_candidates_of_list(session, records, model=model, per_block=3)
    assert [len(each) for each in found] == [3, 3]
