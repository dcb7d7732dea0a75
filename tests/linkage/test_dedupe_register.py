from __future__ import annotations

from sqlalchemy.orm import Session

from homeward.linkage.model import LinkageModel
from homeward.linkage.register import dedupe_register
from homeward.registry.history import person_history
from homeward.registry.service import create_person, get_person
from tests.factories import ANALYST, OPERATOR, person_in


def test_the_register_is_deduplicated_and_namesakes_stay_apart(session: Session) -> None:
    mother = create_person(session, actor=OPERATOR, person=person_in(surname="Яблочкін")).id
    captor = create_person(
        session,
        actor=OPERATOR,
        person=person_in(
            surname="ЯБЛОЧКИН",
            given_name="Александр",
            patronymic="Петрович",
            birth_date="03.12.1999",
        ),
    ).id
    namesake = create_person(
        session,
        actor=OPERATOR,
        person=person_in(
            surname="Яблочкін", patronymic="Іванович", birth_date="1975", unit="А7777"
        ),
    ).id
    summary = dedupe_register(session, actor=ANALYST, model=LinkageModel.load())
    assert summary.automatic == 1
    assert get_person(session, captor).merged_into_id == mother
    assert get_person(session, namesake).merged_into_id is None
    merge = person_history(session, mother)[-1]
    assert merge.action == "merge" and "automatic link" in (merge.reason or "")
