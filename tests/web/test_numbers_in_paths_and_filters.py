"""Numbers in paths are ASCII digits and nothing else; dates before 1900 and numbers that are
not dates are refused with the field named (issue 11, item 13)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.dates import day_bound, parse_partial_date
from homeward.errors import InvalidInput
from homeward.linkage.models import Merge
from homeward.registry.models import Person
from homeward.text import ascii_number
from tests.web.conftest import ClientFor
from tests.web.test_intake import api_payload
from tests.web.test_persons import count, make_person, submit

OTHER_DIGITS = ["１２", "٣", "۳", "३", "½", "²", "0", "-1", " 3", "3 "]


@pytest.mark.parametrize("text", OTHER_DIGITS)
def test_only_ascii_digits_make_a_number(text: str) -> None:
    assert ascii_number(text, most=10**9) is None


def test_ascii_digits_make_a_number_up_to_the_most() -> None:
    assert ascii_number("12", most=100) == 12
    assert ascii_number("101", most=100) is None


@pytest.mark.parametrize("text", ["0001-01-01", "1", "0", "1899", "31.12.1899", "0005"])
def test_a_date_before_1900_or_a_bare_number_is_refused_naming_the_field(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_partial_date(text, field="birth_date")
    assert refused.value.field == "birth_date"
    with pytest.raises(InvalidInput):
        day_bound(text, field="missing_to", last=True)


def test_the_first_year_of_the_register_is_a_date() -> None:
    assert parse_partial_date("1900", field="birth_date") is not None


def test_a_person_is_not_reached_by_digits_of_another_script(
    client_as: ClientFor, web_db: Engine
) -> None:
    person = make_person(web_db)
    client = client_as(Role.ANALYST)
    assert client.get(f"/persons/{person}").status_code == 200
    fullwidth = "".join(chr(ord("０") + int(digit)) for digit in str(person))
    arabic = "".join(chr(ord("٠") + int(digit)) for digit in str(person))
    for path in (fullwidth, arabic, f"{person}.0", f"+{person}"):
        page = client.get(f"/persons/{quote(path)}")
        assert page.status_code == 404, path
        assert 'lang="uk"' in page.text


def test_a_merge_is_not_undone_through_digits_of_another_script(
    client_as: ClientFor, web_db: Engine
) -> None:
    survivor = make_person(web_db)
    absorbed = make_person(web_db, birth_date="1999")
    client = client_as(Role.ANALYST)
    merged = submit(client, f"/persons/{survivor}/merge", {"other": str(absorbed), "reason": "x"})
    assert merged.status_code == 303
    with Session(web_db) as session:
        merge = session.scalars(select(Merge).where(Merge.survivor_id == survivor)).one()
    arabic = "".join(chr(ord("٠") + int(digit)) for digit in str(merge.id))
    refused = submit(client, f"/merges/{quote(arabic)}/undo", {"reason": "by another script"})
    assert refused.status_code == 404
    with Session(web_db) as session:
        kept = session.get(Person, absorbed)
        assert kept is not None and kept.merged_into_id == survivor


@pytest.mark.parametrize("value", ["0", "1", "0001-01-01"])
def test_a_filter_date_that_is_no_date_is_named_on_a_ukrainian_page(
    client_as: ClientFor, value: str
) -> None:
    page = client_as(Role.ANALYST).get("/search", params={"missing_to": value})
    assert page.status_code == 422
    assert 'lang="uk"' in page.text
    assert "Зникнення не пізніше" in page.text  # the field, by its name on the form
    assert "таких дат у реєстрі немає" in page.text or "не дата" in page.text
    assert "1970" not in page.text


def test_a_birth_in_year_one_is_refused_by_the_api_and_nothing_is_stored(
    client_as: ClientFor, web_db: Engine
) -> None:
    client = client_as(Role.OPERATOR)
    response = client.post(
        "/api/intake",
        json=api_payload(birth_date="0001-01-01"),
        headers={"X-CSRF-Token": client.csrf},
    )
    assert response.status_code == 422
    assert response.json()["field"] == "birth_date"
    assert count(web_db, Person) == 0
