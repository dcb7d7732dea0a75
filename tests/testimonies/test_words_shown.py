"""What a new user found on the debriefing pages: a mention's facts joined without a dangling
separator, the age as the witness gave it, the language in words, a unit labelled as a unit,
and a link refused beside its form in Ukrainian, never a bare error page."""

from __future__ import annotations

import re

from sqlalchemy import Engine

from homeward.access.roles import Role
from tests.testimonies.test_pages import a_person
from tests.web.conftest import ClientFor


def recorded(client: object, **rows: str) -> str:
    response = client.form(  # type: ignore[attr-defined]
        "/testimonies/new",
        {"witness_name": "Свідченко Андрій", "interviewer": "operator",
         "held_on": "20.04.2026", "language": "uk", **rows},
    )  # fmt: skip
    assert response.status_code == 303, response.text
    return str(response.headers["location"]).split("?")[0]


def facts(page: str) -> list[str]:
    found = re.findall(r'<p class="mention-facts">(.*?)</p>', page, re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", text).split()) for text in found]


def test_a_mention_shows_the_facts_given_and_the_age_as_the_witness_said_it(
    client_as: ClientFor,
) -> None:
    client = client_as(Role.OPERATOR)
    where = recorded(
        client,
        **{"m-0-name_heard": "Сашко", "m-0-age": "~24", "m-0-unit": "3794",
           "m-0-place": "Дніпровський шпиталь", "m-0-when": "04.2026",
           "m-1-name_heard": "Петро", "m-1-age": "25-30"},
    )  # fmt: skip
    page = client_as(Role.ANALYST).get(where).text
    first, second = facts(page)
    assert first == "вік ~24 · військова частина 3794 · Дніпровський шпиталь · 04.2026"
    assert second == "вік 25–30"
    assert "<dd>українська</dd>" in page and "<dd>uk</dd>" not in page


def test_the_candidates_row_labels_a_unit_as_a_unit(client_as: ClientFor, web_db: Engine) -> None:
    a_person(web_db, unit="2804")
    found = client_as(Role.OPERATOR).form(
        "/testimonies/candidates", {"row": "0", "m-0-name_heard": "Коваленко Олександр"}
    )
    assert found.status_code == 200
    assert "військова частина 2804" in found.text


def test_a_link_without_a_person_is_refused_beside_its_form_in_ukrainian(
    client_as: ClientFor,
) -> None:
    recorded(client_as(Role.OPERATOR), **{"m-0-name_heard": "Сашко з Полтави"})
    analyst = client_as(Role.ANALYST)
    queue = analyst.get("/testimonies/mentions").text
    mention = int(queue.split('id="mention-')[1].split('"')[0])
    none_chosen = analyst.form(f"/testimonies/mentions/{mention}/link", {"back": "queue"})
    assert none_chosen.status_code == 422
    assert "Щось пішло не так" not in none_chosen.text
    assert "Не пов'язано: оберіть особу" in none_chosen.text.replace("&#39;", "'")
    assert f'action="/testimonies/mentions/{mention}/link"' in none_chosen.text
    stranger = analyst.form(
        f"/testimonies/mentions/{mention}/link", {"person_id": "99999999", "back": "queue"}
    )
    assert stranger.status_code == 422
    assert "немає особи 99999999" in stranger.text and "Сашко з Полтави" in stranger.text
    gone = analyst.form("/testimonies/mentions/99999999/link", {"person_id": "1"})
    assert gone.status_code == 404


def test_an_error_page_names_the_field_in_words(client_as: ClientFor) -> None:
    recorded(client_as(Role.OPERATOR), **{"m-0-name_heard": "Сашко з Полтави"})
    analyst = client_as(Role.ANALYST)
    queue = analyst.get("/testimonies/mentions").text
    mention = int(queue.split('id="mention-')[1].split('"')[0])
    not_linked = analyst.form(f"/testimonies/mentions/{mention}/unlink", {"reason": "not him"})
    assert not_linked.status_code in (409, 422)
    assert "Згадка:" in not_linked.text and "mention_id:" not in not_linked.text


def test_an_age_beyond_the_bounds_is_told_the_bounds_not_that_it_is_no_number() -> None:
    """A "150" is a number: the witness's guess is refused saying which ages may be given, not
    "'150' is not an age (a number, ~30, or a range)"."""
    import pytest

    from homeward.errors import InvalidInput
    from homeward.testimonies.mentions import parse_age

    for typed in ("150", "~150", "20-120"):
        with pytest.raises(InvalidInput, match="an age from 14 to 90 years"):
            parse_age(typed)
    with pytest.raises(InvalidInput, match="is not an age"):
        parse_age("1500")
    assert parse_age("~40") == (40, 40)
    assert parse_age("25-30") == (25, 30)


def test_a_linked_mention_names_its_person_after_a_label(
    client_as: ClientFor, web_db: Engine
) -> None:
    """ "Пов'язано з Демченко Денис Олексійович" needs the instrumental case no name is given in:
    the name follows a label, "Пов'язано з особою: …"."""
    person = a_person(web_db, surname="Демченко", given_name="Денис")
    where = recorded(
        client_as(Role.OPERATOR), **{"m-0-name_heard": "Денис Демченко", "m-0-when": "2025"}
    )
    analyst = client_as(Role.ANALYST)
    queue = analyst.get("/testimonies/mentions").text
    mention = int(queue.split('id="mention-')[1].split('"')[0])
    linked = analyst.form(
        f"/testimonies/mentions/{mention}/link", {"person_id": str(person), "back": "queue"}
    )
    assert linked.status_code == 303, linked.text
    page = analyst.get(where).text.replace("&#39;", "'")
    line = " ".join(page.split('<p class="linked">')[1].split("</p>")[0].split())
    assert line.startswith("Пов'язано з особою: <a"), line
