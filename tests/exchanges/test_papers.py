"""Each list as a printable PDF: both languages, the exchange, the version and its date in the
header, restricted distribution marked; the names as the register holds them."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.errors import InvalidInput
from homeward.exchanges import service
from homeward.exchanges.papers import list_pdf
from homeward.exchanges.vocab import ListSide
from tests.documents.paper import require_poppler, text_of
from tests.exchanges.factories import NEGOTIATOR, an_exchange, our_captive, their_prisoner


def test_a_list_prints_with_its_exchange_version_and_mark(session: Session) -> None:
    require_poppler()
    exchange = an_exchange(session)
    person = our_captive(session, birth_date="03.2001")
    service.propose(
        session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
        person_ids=[person], reason="round 1",
    )  # fmt: skip
    text = " ".join(
        text_of(
            list_pdf(session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN)
        ).split()
    )
    assert "Обмін 4 липня" in text and "Коваленко" in text and "Kovalenko" in text
    assert "Особи, яких просимо повернути" in text and "Persons asked back" in text
    assert "RESTRICTED DISTRIBUTION" in text and "04.07.2025" in text
    assert "Молодші за 25 років" in text


def test_an_empty_list_does_not_print(session: Session) -> None:
    exchange = an_exchange(session)
    with pytest.raises(InvalidInput, match="the adversary list is empty"):
        list_pdf(session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.ADVERSARY)


def _latin_on_list(session: Session, person: int, side: ListSide) -> str:
    from homeward.exchanges.papers import latin_name
    from homeward.registry.models import Person, PersonName

    found = session.get(Person, person)
    assert found is not None
    spellings = list(session.scalars(select(PersonName).where(PersonName.person_id == person)))
    return latin_name(found, spellings)


def test_our_own_are_written_in_latin_as_ukrainians_not_russians(session: Session) -> None:
    person = our_captive(session, surname="Желих", given_name="Прохор", patronymic="Петрович")
    assert _latin_on_list(session, person, ListSide.OWN) == "Zhelykh Prokhor Petrovych"


def test_a_latin_spelling_the_register_holds_comes_first(session: Session) -> None:
    from homeward.registry.schemas import NameIn
    from homeward.registry.service import add_name
    from tests.exchanges.factories import CONSOLE

    person = our_captive(session, surname="Желих", given_name="Прохор", patronymic="Петрович")
    held = NameIn(surname="Zhelikh", given_name="Prokhor", patronymic="Petrovich")
    add_name(session, actor=CONSOLE, person_id=person, name=held)
    assert _latin_on_list(session, person, ListSide.OWN) == "Zhelikh Prokhor Petrovich"


def test_a_held_spelling_without_a_part_of_the_name_is_not_used(session: Session) -> None:
    """A held "Zhelikh Prokhor" lacks the patronymic of Желих Прохор Петрович: the list
    transliterates his whole name rather than drop a part of it; a held spelling with every
    part is still preferred, and one for a name of two parts needs only those two."""
    from homeward.registry.schemas import NameIn
    from homeward.registry.service import add_name
    from tests.exchanges.factories import CONSOLE

    person = our_captive(session, surname="Желих", given_name="Прохор", patronymic="Петрович")
    add_name(session, actor=CONSOLE, person_id=person,
             name=NameIn(surname="Zhelikh", given_name="Prokhor"))  # fmt: skip
    assert _latin_on_list(session, person, ListSide.OWN) == "Zhelykh Prokhor Petrovych"
    add_name(session, actor=CONSOLE, person_id=person,
             name=NameIn(surname="Zhelikh"))  # fmt: skip
    assert _latin_on_list(session, person, ListSide.OWN) == "Zhelykh Prokhor Petrovych"
    two = our_captive(session, surname="Шевчук", given_name="Тарас", patronymic=None)
    add_name(session, actor=CONSOLE, person_id=two,
             name=NameIn(surname="Shewchuk", given_name="Taras"))  # fmt: skip
    assert _latin_on_list(session, two, ListSide.OWN) == "Shewchuk Taras"


def test_a_held_spelling_in_the_wrong_columns_is_not_used(session: Session) -> None:
    """A Latin spelling held with its surname and given name swapped, or one that spells
    another name, is not printed as his: each part must sound as his own part does."""
    from homeward.registry.schemas import NameIn
    from homeward.registry.service import add_name
    from tests.exchanges.factories import CONSOLE

    person = our_captive(session, surname="Мучка", given_name="Артем", patronymic="Валерійович")
    for surname, given, patronymic in (
        ("Artem", "Muchka", "Valeriiovych"),  # the columns swapped
        ("Muchka", "Sasha", "Valeriiovych"),  # a diminutive: another name on the list
        ("Muchko", "Artem", "Valeriiovych"),  # another surname, though it sounds alike
    ):
        held = NameIn(surname=surname, given_name=given, patronymic=patronymic)
        add_name(session, actor=CONSOLE, person_id=person, name=held)
        assert _latin_on_list(session, person, ListSide.OWN) == "Muchka Artem Valeriiovych"
    yurii = our_captive(session, surname="Клапій", given_name="Юрій", patronymic="Іванович")
    yura = NameIn(surname="Klapii", given_name="Yura", patronymic="Ivanovych")  # sounds alike
    add_name(session, actor=CONSOLE, person_id=yurii, name=yura)
    assert _latin_on_list(session, yurii, ListSide.OWN) == "Klapii Yurii Ivanovych"
    german = NameIn(surname="Mutschka", given_name="Artiom", patronymic="Walerijowytsch")
    add_name(session, actor=CONSOLE, person_id=person, name=german)
    assert _latin_on_list(session, person, ListSide.OWN) == "Mutschka Artiom Walerijowytsch"


def test_the_adversarys_names_are_written_by_their_language(session: Session) -> None:
    prisoner = their_prisoner(session, surname="Иванов", given_name="Сергей", patronymic="Петрович")
    assert _latin_on_list(session, prisoner, ListSide.ADVERSARY) == "Ivanov Sergei Petrovich"


def test_an_adversarys_name_its_words_do_not_place_is_written_as_russian(
    session: Session,
) -> None:
    """No word of these tells Russian from Ukrainian: the adversary's are Russian by default,
    never given Ukrainian letters (Vynohradov, Hennadyi)."""
    names = {
        ("Виноградов", "Владислав", "Ринатович"): "Vinogradov Vladislav Rinatovich",
        ("Куличков", "Геннадий", "Рустамович"): "Kulichkov Gennadii Rustamovich",
    }
    for (surname, given, patronymic), latin in names.items():
        prisoner = their_prisoner(session, surname=surname, given_name=given, patronymic=patronymic)
        assert _latin_on_list(session, prisoner, ListSide.ADVERSARY) == latin


def test_the_printed_list_writes_our_own_as_ukrainians(session: Session) -> None:
    require_poppler()
    exchange = an_exchange(session, categories=())
    person = our_captive(session, surname="Желих", given_name="Прохор", patronymic="Петрович")
    service.propose(
        session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
        person_ids=[person], reason="round 1",
    )  # fmt: skip
    pdf = list_pdf(session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN)
    text = " ".join(text_of(pdf).split())
    assert "Zhelykh Prokhor Petrovych" in text and "Zhelikh" not in text


def test_the_latin_column_has_one_case_and_each_names_own_language(session: Session) -> None:
    """Whatever case a name was typed or imported in, the Latin column writes every word in
    title case, as the Cyrillic columns; and a name written in Russian is transliterated as
    Russian (ICAO 9303) on our own list too, never given Ukrainian letters (Serhii, Petrovych)."""
    require_poppler()
    from homeward.registry.schemas import NameIn
    from homeward.registry.service import add_name
    from tests.exchanges.factories import CONSOLE

    exchange = an_exchange(session, categories=())
    capitals = our_captive(session, surname="ЖЕЛИХ", given_name="Прохор", patronymic="Петрович")
    russian = our_captive(session, surname="Иванов", given_name="Сергей", patronymic="Петрович")
    spelled = our_captive(session, surname="Шевчук", given_name="Тарас", patronymic=None)
    add_name(session, actor=CONSOLE, person_id=spelled,
             name=NameIn(surname="SHEVCHUK", given_name="TARAS"))  # fmt: skip
    service.propose(
        session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
        person_ids=[capitals, russian, spelled], reason="round 1",
    )  # fmt: skip
    pdf = list_pdf(session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN)
    text = " ".join(text_of(pdf).split())
    assert "Zhelykh Prokhor Petrovych" in text and "ZHELYKH" not in text
    assert "Ivanov Sergei Petrovich" in text and "Serhii" not in text and "Serhei" not in text
    assert "Shevchuk Taras" in text and "SHEVCHUK" not in text
