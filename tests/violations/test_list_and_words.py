"""What a new user found on the incidents' pages: the list names each place and period once,
a backwards period is an error naming the fields, the treaty's articles and the form's words
are in the page's language, and an error names its field in words, never by its code."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import Engine

from homeward.access.roles import Role
from homeward.i18n import translator
from homeward.violations.vocab import act_types
from tests.documents.paper import require_poppler, text_of
from tests.violations.test_pages import app, new_incident, seeded  # noqa: F401 (fixture)
from tests.web.conftest import ClientFor

pytestmark = pytest.mark.db


def row_of(page: str, number: str) -> str:
    match = re.search(rf"<tr>\s*<td[^>]*>{number}</td>(.*?)</tr>", page, re.S)
    assert match, page
    return match.group(1)


def test_the_list_shows_each_place_and_period_once(web_db: Engine, client_as: ClientFor) -> None:
    ids = seeded(web_db)
    investigator = client_as(Role.INVESTIGATOR)
    number = new_incident(investigator, ids, occurred="2022")
    for act_type in ("denial_of_medical_care", "starvation"):
        added = investigator.form(
            f"/incidents/{number}/acts",
            {"act_type": act_type, "victims": str(ids["first"]), "occurred": "2022",
             "act_place_id": str(ids["place"])},
        )  # fmt: skip
        assert added.status_code == 303, added.text
    row = row_of(investigator.get("/incidents").text, number)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    place, when = cells[-2], cells[-1]
    assert place.count("СІЗО-2 Таганрог") == 1 and ";" not in place
    assert when.strip() == "2022"


def test_a_period_that_ends_before_it_starts_is_an_error_naming_the_fields(
    web_db: Engine, client_as: ClientFor
) -> None:
    ids = seeded(web_db)
    investigator = client_as(Role.INVESTIGATOR)
    new_incident(investigator, ids)
    backwards = investigator.get("/incidents?since=01.01.2025&until=01.01.2020")
    assert backwards.status_code == 422
    assert "«Діяння до» (01.01.2020) раніше, ніж «Діяння з» (01.01.2025)" in backwards.text
    assert investigator.get("/incidents?since=01.01.2020&until=01.01.2025").status_code == 200


def test_the_articles_breached_read_in_the_pages_language_and_in_the_case_file(
    web_db: Engine, client_as: ClientFor
) -> None:
    require_poppler()
    ids = seeded(web_db)
    investigator = client_as(Role.INVESTIGATOR)
    number = new_incident(investigator, ids)
    page = investigator.get(f"/incidents/{number}").text
    assert "ЖК III, ст. 13, 17, 130" in page and "GC III Art." not in page
    pdf = investigator.get(f"/incidents/{number}/case-file?lang=uk")
    text = " ".join(text_of(pdf.content).split())
    assert "ЖК III, ст. 13, 17, 130" in text and "GC III Art. 13, 17, 130" not in text


def test_every_act_types_articles_have_a_ukrainian_form() -> None:
    translate = translator("uk")
    for kind in act_types().values():
        assert translate(kind.articles) != kind.articles, kind.code
        assert "Art." not in translate(kind.articles)


def test_the_perpetrator_form_asks_for_a_name_or_designation(
    web_db: Engine, client_as: ClientFor
) -> None:
    ids = seeded(web_db)
    investigator = client_as(Role.INVESTIGATOR)
    number = new_incident(investigator, ids)
    page = investigator.get(f"/incidents/{number}").text
    label = re.search(r"<label>([^<]*)<input name=\"name\"", page)
    assert label and label.group(1).strip() == "Назва або позначення"


def test_an_error_names_its_field_in_words_never_by_its_code(
    web_db: Engine, client_as: ClientFor
) -> None:
    investigator = client_as(Role.INVESTIGATOR)
    bad = investigator.get("/incidents?victim=abc")
    assert bad.status_code == 422
    error = re.search(r'<p class="error" role="alert">(.*?)</p>', bad.text, re.S)
    assert error and error.group(1).startswith("Потерпіла особа:"), bad.text
    assert "victim:" not in bad.text


def test_the_filters_any_agrees_with_its_nouns_gender(client_as: ClientFor) -> None:
    """ "Вид діяння: будь-який", but "Місце: будь-яке": the word of the noun above it."""
    page = client_as(Role.INVESTIGATOR).get("/incidents").text
    place = page.split('name="place"')[1].split("</select>")[0]
    assert '<option value="">будь-яке</option>' in place
    kind = page.split('name="type"')[1].split("</select>")[0]
    assert '<option value="">будь-який</option>' in kind
