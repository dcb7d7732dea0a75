"""The register's search box: a name however it is typed, a document number, filters, pages."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm import Session

from homeward.errors import InvalidInput
from homeward.linkage.merge import merge_persons
from homeward.registry import search
from homeward.registry.evidence import add_evidence
from homeward.registry.schemas import IdentifierIn, NameIn
from homeward.registry.search import SearchFilters, SearchPage, search_persons
from homeward.registry.service import add_identifier, add_name, create_person
from homeward.registry.vocab import Side, Status
from tests.factories import OPERATOR, evidence_in, person_in


def _person(session: Session, surname: str, given: str | None = None, **fields: Any) -> int:
    fields.setdefault("patronymic", None)
    person = create_person(
        session, actor=OPERATOR, person=person_in(surname=surname, given_name=given, **fields)
    )
    return person.id


def _ids(page: SearchPage) -> list[int]:
    return [hit.person_id for hit in page.hits]


NO_FILTERS = SearchFilters()


def _found(session: Session, query: str, filters: SearchFilters = NO_FILTERS) -> set[int]:
    page = search_persons(session, query, filters, per_page=100)
    assert page.total == len(page.hits)
    return set(_ids(page))


@pytest.fixture
def kovalenkos(session: Session) -> dict[str, int]:
    """Two spellings of one name as two persons, a namesake with another given name, and a man
    with the same given name and another surname."""
    return {
        "uk": _person(session, "Коваленко", "Олександр", patronymic="Петрович"),
        "ru": _person(session, "Коваленко", "Александр", patronymic="Петрович"),
        "petro": _person(session, "Коваленко", "Петро"),
        "shevchenko": _person(session, "Шевченко", "Олександр"),
    }


def test_latin_finds_both_cyrillic_spellings(session: Session, kovalenkos: dict[str, int]) -> None:
    page = search_persons(session, "Oleksandr Kovalenko")
    assert set(_ids(page)) == {kovalenkos["uk"], kovalenkos["ru"]}
    assert page.total == 2
    assert not page.total_capped
    assert _found(session, "Aleksandr Kovalenko") == {kovalenkos["uk"], kovalenkos["ru"]}
    assert _found(session, "Kowalenko Alexander") == {kovalenkos["uk"], kovalenkos["ru"]}


def test_the_russian_spelling_finds_the_ukrainian_one(session: Session) -> None:
    ukrainian = _person(session, "Мірошниченко", "Сергій", patronymic="Андрійович")
    assert _found(session, "Мирошниченко Сергей") == {ukrainian}
    assert _found(session, "Мирошниченко Сергей Андреевич") == {ukrainian}


def test_the_order_of_the_words_does_not_matter(
    session: Session, kovalenkos: dict[str, int]
) -> None:
    both = {kovalenkos["uk"], kovalenkos["ru"]}
    assert _found(session, "Kovalenko Oleksandr") == both
    assert _found(session, "Олександр Петрович Коваленко") == both
    assert _found(session, "КОВАЛЕНКО Олександр Петрович") == both


def test_a_surname_and_patronymic_find_a_record_without_a_given_name(session: Session) -> None:
    without = _person(session, "Ткаченко", None, patronymic="Миколайович")
    assert _found(session, "Ткаченко Миколайович") == {without}


def test_a_double_surname_is_one_word(session: Session) -> None:
    double = _person(session, "Коваленко-Петренко", "Олена", sex="F")
    _person(session, "Коваленко", "Олена", sex="F")
    assert _found(session, "Kovalenko-Petrenko Olena") == {double}


def test_a_space_typed_for_the_apostrophe_still_finds_the_name(session: Session) -> None:
    """ "Мар яненко" finds Мар'яненко; words that find someone as typed are not joined
    (Петров Яків is not read as Петров'яків)."""
    maryanenko = _person(session, "Мар'яненко", "Ольга", sex="F")
    petrov = _person(session, "Петров", "Яків")
    assert _found(session, "Мар яненко") == {maryanenko}
    assert _found(session, "мар яненко ольга") == {maryanenko}
    assert _found(session, "Петров яків") == {petrov}


def test_a_list_with_its_columns_swapped_is_found(session: Session) -> None:
    swapped = _person(session, "Олександр", "Коваленко")  # the list put the given name first
    assert _found(session, "Kovalenko Oleksandr") == {swapped}


def test_a_patronymic_that_agrees_ranks_first(session: Session) -> None:
    other = _person(session, "Бондаренко", "Іван", patronymic="Миколайович")
    wanted = _person(session, "Бондаренко", "Іван", patronymic="Петрович")
    page = search_persons(session, "Бондаренко Іван Петрович")
    assert _ids(page) == [wanted, other]
    assert page.hits[0].score > page.hits[1].score


@pytest.mark.parametrize(
    "query",
    [
        "Kovalneko Oleksandr",  # two letters swapped in the surname: the same phonetic key
        "Oleksnadr Kovalenko",  # two letters swapped in the given name
        "Kovalemko Oleksandr",  # a wrong letter that changes the phonetic key: one edit away
        "Коваленко Олесандр",  # a letter left out of the given name
    ],
)
def test_a_typo_still_finds_the_person(
    session: Session, kovalenkos: dict[str, int], query: str
) -> None:
    assert _found(session, query) == {kovalenkos["uk"], kovalenkos["ru"]}


def test_a_typo_in_a_bare_surname_falls_back_to_near_surnames(
    session: Session, kovalenkos: dict[str, int]
) -> None:
    assert _found(session, "Kovalneko") == {
        id_ for k, id_ in kovalenkos.items() if k != "shevchenko"
    }


def test_an_exact_match_ranks_before_a_phonetic_one(session: Session) -> None:
    misspelt = _person(session, "Ковалнеко", "Олександр")  # a list wrote it so
    exact = _person(session, "Коваленко", "Олександр")
    page = search_persons(session, "Kovalenko Oleksandr")
    assert _ids(page) == [exact, misspelt]
    assert page.hits[0].score > page.hits[1].score


def test_a_bare_surname_finds_everyone_with_it(
    session: Session, kovalenkos: dict[str, int]
) -> None:
    all_three = {kovalenkos["uk"], kovalenkos["ru"], kovalenkos["petro"]}
    assert _found(session, "Коваленко") == all_three
    assert _found(session, "kovalenko") == all_three
    # an initial is the first letter of the given name as that variant spells it
    assert _found(session, "Коваленко О.") == {kovalenkos["uk"]}
    assert _found(session, "Kovalenko A") == {kovalenkos["ru"]}


def test_a_hit_shows_the_primary_name_and_the_variant_that_matched(session: Session) -> None:
    person_id = _person(session, "Коваленко", "Олександр", patronymic="Петрович")
    add_name(
        session,
        actor=OPERATOR,
        person_id=person_id,
        name=NameIn(surname="Ткачук", given_name="Олександр"),
    )
    [hit] = search_persons(session, "Tkachuk Oleksandr").hits
    assert hit.person_id == person_id
    assert hit.name == "Коваленко Олександр Петрович"
    assert hit.matched_name == "Ткачук Олександр"
    assert (hit.birth_date, hit.missing_date, hit.unit) == ("1999-03-12", "2022-02-24", "А0536")
    assert (hit.status, hit.side) == ("no_information", "own")


def test_a_document_number_finds_the_person(session: Session) -> None:
    by_tax = create_person(
        session,
        actor=OPERATOR,
        person=person_in(identifiers=[{"kind": "tax_number", "value": "3012345678"}]),
    ).id
    by_service = _person(session, "Шевчук", "Андрій", service_number="А-123456")
    by_passport = _person(session, "Мельник", "Іван")
    add_identifier(
        session,
        actor=OPERATOR,
        person_id=by_passport,
        identifier=IdentifierIn(kind="passport", value="АА123456"),
    )
    assert _found(session, "3012345678") == {by_tax}
    assert _found(session, " 3012345678 ") == {by_tax}
    assert _found(session, "А-123456") == {by_service}
    assert _found(session, "A123456") == {by_service}  # Latin look-alike, no hyphen
    assert _found(session, "АА 123456") == {by_passport}
    [hit] = search_persons(session, "3012345678").hits
    assert hit.matched_name == "tax_number: 3012345678"
    assert _found(session, "9999999999") == set()


def test_the_registers_own_number_finds_the_person_as_the_pages_write_it(
    session: Session,
) -> None:
    """ "№ 5207" is how every page names a person: typed or pasted, it finds him."""
    wanted = _person(session, "Шевчук", "Андрій")
    other = _person(session, "Мельник", "Іван", service_number=str(wanted))
    assert _found(session, f"№ {wanted}") == {wanted, other}  # and a document with the digits
    assert _found(session, f"№{wanted}") == _found(session, str(wanted)) == {wanted, other}
    assert _found(session, f"#{wanted}") == {wanted, other}
    [hit] = [h for h in search_persons(session, f"№ {wanted}").hits if h.person_id == wanted]
    assert (hit.matched_kind, hit.matched_number) == ("register_number", str(wanted))
    [zeros] = [h for h in search_persons(session, f"№ 000{wanted}").hits if h.person_id == wanted]
    assert zeros.matched_number == str(wanted)  # the number as the pages write it
    assert _found(session, f"№ {other + 1000}") == set()
    # a name beside the digits: they are a document's, not the register's number
    assert _found(session, f"Мельник {wanted}") == {other}


def test_filters_by_status_and_side(session: Session) -> None:
    missing = _person(session, "Коваленко", "Іван")
    add_evidence(
        session,
        actor=OPERATOR,
        person_id=missing,
        evidence=evidence_in("reported_missing", "24.02.2022"),
    )
    unknown = _person(session, "Коваленко", "Петро")
    adversary = _person(session, "Коваленко", "Сергей", side="adversary", unit="12345")
    assert _found(session, "Коваленко", SearchFilters(status=Status.MISSING)) == {missing}
    assert _found(session, "Коваленко", SearchFilters(status=Status.NO_INFORMATION)) == {
        unknown,
        adversary,
    }
    assert _found(session, "Коваленко", SearchFilters(side=Side.ADVERSARY)) == {adversary}
    assert _found(session, "", SearchFilters(side=Side.OWN)) == {missing, unknown}


def test_filters_by_the_dates_of_disappearance_at_their_precision(session: Session) -> None:
    on_a_day = _person(session, "Коваленко", "Іван", missing_date="24.02.2022")
    in_a_month = _person(session, "Коваленко", "Петро", missing_date="03.2022")
    in_a_year = _person(session, "Коваленко", "Павло", missing_date="2023")
    unknown = _person(session, "Коваленко", "Роман", missing_date=None)
    spring = SearchFilters(missing_from=date(2022, 3, 10), missing_to=date(2022, 12, 31))
    assert _found(session, "Коваленко", spring) == {in_a_month}
    assert _found(session, "", SearchFilters(missing_to=date(2022, 2, 28))) == {on_a_day}
    assert _found(session, "", SearchFilters(missing_from=date(2023, 6, 1))) == {in_a_year}
    assert unknown not in _found(session, "", SearchFilters(missing_from=date(2000, 1, 1)))


def test_filters_by_a_part_of_the_place_whatever_its_case(session: Session) -> None:
    mariupol = _person(session, "Коваленко", "Іван", missing_place="Маріуполь, Донецька обл.")
    _person(session, "Коваленко", "Петро", missing_place="Бахмут, Донецька обл.")
    for typed in ("маріуполь", "МАРІУПОЛЬ", "Маріуп"):
        assert _found(session, "Коваленко", SearchFilters(missing_place=typed)) == {mariupol}
    assert _found(session, "", SearchFilters(missing_place="маріуполь")) == {mariupol}
    assert _found(session, "", SearchFilters(missing_place="100%")) == set()


@pytest.mark.parametrize("typed", ["в/ч А0536", "А0536", "military unit A0536", "A-0536"])
def test_filters_by_the_unit_however_it_is_written(session: Session, typed: str) -> None:
    written = {"Іван": "А0536", "Петро": "в/ч А0536", "Павло": "military unit A0536"}
    in_unit = {_person(session, "Коваленко", given, unit=unit) for given, unit in written.items()}
    _person(session, "Коваленко", "Сергій", unit="А1536")
    _person(session, "Коваленко", "Роман", unit="А05360")
    _person(session, "Коваленко", "Тарас", unit=None)
    assert _found(session, "Коваленко", SearchFilters(unit=typed)) == in_unit
    assert _found(session, "", SearchFilters(unit=typed)) == in_unit


def test_filters_by_a_named_formation(session: Session) -> None:
    wagner = _person(session, "Коваленко", "Сергей", side="adversary", unit="ЧВК «Вагнер»")
    _person(session, "Коваленко", "Иван", side="adversary", unit="12345")
    assert _found(session, "", SearchFilters(unit="вагнер")) == {wagner}


def test_an_empty_query_lists_by_the_filters_in_id_order(session: Session) -> None:
    ids = [_person(session, "Коваленко", given) for given in ("Іван", "Петро", "Павло")]
    page = search_persons(session, "  ", SearchFilters(side=Side.OWN))
    assert _ids(page) == ids
    assert page.total == 3
    assert all(hit.score == 0.0 for hit in page.hits)


def test_pages_are_stable_and_the_total_counts_distinct_persons(session: Session) -> None:
    ids = [_person(session, "Коваленко", "Олександр") for _ in range(23)]
    add_name(  # a second spelling of one of them: still one person
        session,
        actor=OPERATOR,
        person_id=ids[5],
        name=NameIn(surname="Kovalenko", given_name="Oleksandr"),
    )
    pages = [search_persons(session, "Oleksandr Kovalenko", page=n, per_page=10) for n in (1, 2, 3)]
    assert [p.total for p in pages] == [23, 23, 23]
    assert [len(p.hits) for p in pages] == [10, 10, 3]
    seen = [pid for p in pages for pid in _ids(p)]
    assert sorted(seen) == ids
    assert seen == sorted(seen)  # equal scores: in id order
    again = search_persons(session, "Oleksandr Kovalenko", page=2, per_page=10)
    assert _ids(again) == _ids(pages[1])
    assert search_persons(session, "Oleksandr Kovalenko", page=4, per_page=10).hits == []


def test_beyond_the_cap_the_total_says_so(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "MAX_TOTAL", 5)
    ids = [_person(session, "Коваленко", "Олександр") for _ in range(7)]
    page = search_persons(session, "Коваленко", per_page=3, page=2)
    assert (page.total, page.total_capped) == (5, True)
    assert _ids(page) == ids[3:5]
    listing = search_persons(session, "", per_page=3, page=3)  # a list is counted in full
    assert (listing.total, listing.total_capped) == (7, False)
    assert _ids(listing) == ids[6:]
    assert _ids(listing) == ids[6:]


def test_merged_persons_never_appear(session: Session) -> None:
    survivor = _person(session, "Коваленко", "Олександр", service_number="А-000111")
    absorbed = _person(session, "Коваленко", "Александр", service_number="А-000222")
    merge_persons(
        session, actor=OPERATOR, survivor_id=survivor, absorbed_id=absorbed, reason="one man"
    )
    page = search_persons(session, "Oleksandr Kovalenko")
    assert _ids(page) == [survivor]
    assert page.hits[0].matched_name in ("Коваленко Олександр", "Коваленко Александр")
    assert _found(session, "Коваленко") == {survivor}
    assert _found(session, "А-000222") == set()
    assert absorbed not in _found(session, "")


@pytest.mark.parametrize(
    "junk",
    [
        "%%%",
        "%",
        "_",
        "'; DROP TABLE persons; --",
        "' OR 1=1 --",
        "\\",
        "a" * 500,
        "Kovalenko " * 50,
        "\x00",
        "🙂",
        "Ko" + "\u0301" * 10,
        "one two three four five six",
    ],
)
def test_junk_finds_nothing_or_is_refused(
    session: Session, kovalenkos: dict[str, int], junk: str
) -> None:
    try:
        page = search_persons(session, junk)
    except InvalidInput as error:
        refused: str | None = error.field
    else:
        refused = None
        assert page.hits == []
        assert page.total == 0
    assert refused in (None, "query")


def test_sql_wildcards_are_plain_characters(session: Session, kovalenkos: dict[str, int]) -> None:
    assert _found(session, "Ковал%") == set()
    assert _found(session, "Коваленко%") == _found(session, "Коваленко")
    assert _found(session, "", SearchFilters(missing_place="%")) == set()


def test_a_page_out_of_range_or_an_unknown_status_is_refused(session: Session) -> None:
    with pytest.raises(InvalidInput, match="page"):
        search_persons(session, "Коваленко", page=0)
    with pytest.raises(InvalidInput, match="per_page"):
        search_persons(session, "Коваленко", per_page=1000)
    with pytest.raises(InvalidInput, match="missing_from"):
        search_persons(
            session,
            "",
            SearchFilters(missing_from=date(2023, 1, 1), missing_to=date(2022, 1, 1)),
        )
    with pytest.raises(InvalidInput, match="status"):
        search_persons(session, "", SearchFilters(status="lost"))  # type: ignore[arg-type]


def test_a_list_by_filters_alone_pages_through_every_person_in_the_order_asked(
    session: Session,
) -> None:
    ids = [_person(session, surname, "Олександр") for surname in ("Яковенко", "Андрієнко",
                                                                   "Мельник", "Бойко")]  # fmt: skip
    by_surname = [
        pid
        for page in (1, 2)
        for pid in _ids(
            search_persons(session, "", SearchFilters(order="surname"), page=page, per_page=2)
        )
    ]
    assert by_surname == [ids[1], ids[3], ids[2], ids[0]]
    with pytest.raises(InvalidInput):
        search_persons(session, "", SearchFilters(order="shoe size"))
