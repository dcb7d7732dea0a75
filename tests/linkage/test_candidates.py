from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from homeward.linkage.candidates import find_candidates
from homeward.linkage.features import LinkRecord
from homeward.linkage.model import LinkageModel
from homeward.registry.schemas import NameIn
from homeward.registry.service import add_name, create_person
from tests.factories import OPERATOR, person_in


@pytest.fixture(scope="module")
def model() -> LinkageModel:
    return LinkageModel.load()


def test_a_latin_spelling_finds_the_cyrillic_person_first(
    session: Session, model: LinkageModel
) -> None:
    wanted = create_person(session, actor=OPERATOR, person=person_in()).id
    create_person(session, actor=OPERATOR, person=person_in(surname="Бойко"))
    create_person(
        session, actor=OPERATOR, person=person_in(given_name="Олексій", birth_date="1987")
    )
    record = LinkRecord(
        record_id="intake",
        surname="KOVALENKO",
        given_name="Oleksandr",
        birth_date="12.03.1999",
    )
    found = find_candidates(session, record, model=model)
    assert found[0].person_id == wanted
    assert found[0].score.match_probability > 0.99
    assert "surname" in found[0].explanation
    assert all(c.person_id != wanted for c in found[1:])


def test_a_russian_spelling_with_swapped_day_and_month_finds_the_person(
    session: Session, model: LinkageModel
) -> None:
    wanted = create_person(session, actor=OPERATOR, person=person_in()).id
    record = LinkRecord(
        record_id="captor",
        surname="Коваленко",
        given_name="Александр",
        patronymic="Петрович",
        birth_date="03.12.1999",
    )
    assert find_candidates(session, record, model=model)[0].person_id == wanted


def test_a_name_variant_is_searched_too(session: Session, model: LinkageModel) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in(surname="Мельник"))
    add_name(
        session,
        actor=OPERATOR,
        person_id=person.id,
        name=NameIn(surname="Мельникова", given_name="Олександра"),
    )
    record = LinkRecord(record_id="x", surname="Melnykova", given_name="Oleksandra")
    assert [c.person_id for c in find_candidates(session, record, model=model)] == [person.id]


def test_a_merged_person_is_never_a_candidate(session: Session, model: LinkageModel) -> None:
    from homeward.linkage.merge import merge_persons

    first = create_person(session, actor=OPERATOR, person=person_in()).id
    second = create_person(session, actor=OPERATOR, person=person_in()).id
    merge_persons(session, actor=OPERATOR, survivor_id=first, absorbed_id=second, reason="same")
    record = LinkRecord(record_id="x", surname="Коваленко", given_name="Олександр")
    assert [c.person_id for c in find_candidates(session, record, model=model)] == [first]


def test_no_name_no_candidates(session: Session, model: LinkageModel) -> None:
    create_person(session, actor=OPERATOR, person=person_in())
    assert find_candidates(session, LinkRecord(record_id="x"), model=model) == []


def test_the_probability_shown_falls_as_the_register_grows(
    session: Session, model: LinkageModel
) -> None:
    create_person(session, actor=OPERATOR, person=person_in())
    record = LinkRecord(record_id="intake", surname="Коваленко", given_name="Олександр")
    small = find_candidates(session, record, model=model, size=1_000)[0]
    large = find_candidates(session, record, model=model, size=1_000_000)[0]
    assert large.score.match_probability < small.score.match_probability
    assert large.score.match_weight < small.score.match_weight


def test_a_misspelled_variant_neither_names_nor_lifts_the_person(
    session: Session, model: LinkageModel
) -> None:
    with_typo = create_person(session, actor=OPERATOR, person=person_in(unit="")).id
    add_name(
        session,
        actor=OPERATOR,
        person_id=with_typo,
        name=NameIn(surname="Ковалегко", given_name="Олександр", patronymic="Петрович"),
    )
    without = create_person(session, actor=OPERATOR, person=person_in(unit="")).id
    record = LinkRecord(
        record_id="intake", surname="Коваленко", given_name="Олександр", birth_date="12.03.1999"
    )
    found = {c.person_id: c for c in find_candidates(session, record, model=model)}
    assert found[with_typo].name == "Коваленко Олександр Петрович"
    assert found[with_typo].spelling is None
    assert found[with_typo].score.match_weight == found[without].score.match_weight
    by_typo = LinkRecord(record_id="typo", surname="Ковалегко", given_name="Олександр")
    typo_found = {c.person_id: c for c in find_candidates(session, by_typo, model=model)}
    assert typo_found[with_typo].name == "Коваленко Олександр Петрович"
    assert typo_found[with_typo].spelling == "Ковалегко Олександр Петрович"


def test_a_diminutive_heard_beside_a_misheard_surname_finds_the_person(
    session: Session, model: LinkageModel
) -> None:
    """A witness's "Клапий Юра" is Клапій Юрій: neither the surname's key nor the given name's
    agrees, so he is looked for by the full name the diminutive stands for too."""
    wanted = create_person(
        session,
        actor=OPERATOR,
        person=person_in(surname="Клапій", given_name="Юрій", patronymic="Володимирович"),
    ).id
    create_person(session, actor=OPERATOR, person=person_in(surname="Клапій", given_name="Ігор"))
    record = LinkRecord(record_id="mention", surname="Клапий", given_name="Юра")
    found = find_candidates(session, record, model=model)
    assert [c.person_id for c in found][:1] == [wanted]


def test_a_diminutive_of_two_names_is_read_by_the_sex_the_patronymic_gives(
    session: Session, model: LinkageModel
) -> None:
    """Саша is Олександр or Олександра: a patronymic in -ович makes him Олександр, and he is
    looked for by that name beside a surname keyed otherwise."""
    wanted = create_person(
        session,
        actor=OPERATOR,
        person=person_in(surname="Клапій", given_name="Олександр", patronymic="Іванович"),
    ).id
    record = LinkRecord(
        record_id="mention", surname="Клапий", given_name="Саша", patronymic="Іванович"
    )
    assert [c.person_id for c in find_candidates(session, record, model=model)][:1] == [wanted]
