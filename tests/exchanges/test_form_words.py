"""The exchanges' pages speak the user's language: a form's error names its field in words, the
exchange's name is not a person's name, and the list's checkboxes sit beside their labels."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.exchanges.models import Reconciliation
from homeward.exchanges.vocab import KEYS
from tests.exchanges.test_pages import _seed
from tests.web.conftest import ClientFor

STATIC = Path(__file__).parents[2] / "src" / "homeward" / "web" / "static"


def _alert(html: str) -> str:
    return html.split('role="alert">')[1].split("</p>")[0]


def test_a_form_error_names_the_field_in_words_not_by_its_code(
    client_as: ClientFor, web_db: Engine
) -> None:
    negotiator = client_as(Role.NEGOTIATOR)
    bad_day = negotiator.form("/exchanges?lang=uk", {"name": "Обмін", "on": "завтра"})
    assert bad_day.status_code == 422
    assert _alert(bad_day.text).startswith("День: ")
    no_name = negotiator.form("/exchanges?lang=uk", {"name": "", "on": "01.05.2025"})
    assert no_name.status_code == 422
    assert _alert(no_name.text).startswith("Назва обміну: ")
    for html in (bad_day.text, no_name.text):
        assert "on:" not in _alert(html) and "name:" not in _alert(html)


def test_the_exchange_has_a_name_not_a_persons_full_name(
    client_as: ClientFor, web_db: Engine
) -> None:
    page = client_as(Role.NEGOTIATOR).get("/exchanges?lang=uk")
    assert "Назва обміну" in page.text
    head = page.text.split('id="exchanges"')[1].split("</thead>")[0]
    assert "ПІБ" not in head


def test_the_checkboxes_sit_beside_their_labels() -> None:
    css = (STATIC / "exchanges.css").read_text(encoding="utf-8")
    assert "label.check {" in css and "label.check input {" in css


def test_shares_are_written_with_the_pages_decimal_comma(
    client_as: ClientFor, web_db: Engine
) -> None:
    ids = _seed(web_db)
    figures: dict[str, object] = dict.fromkeys(KEYS, 0)
    figures.update(rows=8, never_confirmed_before_return=1, never_confirmed_share=0.125,
                   file_name="roster.csv")  # fmt: skip
    with Session(web_db) as session, session.begin():
        session.add(
            Reconciliation(exchange_id=ids["exchange"], side="own", file_name="roster.csv",
                           sha256="0" * 64, result=figures, applied_by="test")
        )  # fmt: skip
    analyst = client_as(Role.ANALYST)
    listed = analyst.get("/exchanges?lang=uk").text
    shown = analyst.get(f"/exchanges/{ids['exchange']}?lang=uk").text
    assert "(12,5%)" in listed and "12,5%." in listed.split('id="never-overall"')[1]
    assert "12,5%" in shown.split('id="never-share-own"')[1].split("</p>")[0]
    assert "12.5" not in listed and "12.5" not in shown


def test_the_overall_never_confirmed_sentence_reads_as_ukrainian(
    client_as: ClientFor, web_db: Engine
) -> None:
    """Not "З 8 тих, хто повернувся…, полон 1 до повернення не був підтверджений": the count
    of returnees in brackets, and "у 1" whose captivity was never confirmed."""
    ids = _seed(web_db)
    figures: dict[str, object] = dict.fromkeys(KEYS, 0)
    figures.update(rows=8, never_confirmed_before_return=1, never_confirmed_share=0.125,
                   file_name="roster.csv")  # fmt: skip
    with Session(web_db) as session, session.begin():
        session.add(
            Reconciliation(exchange_id=ids["exchange"], side="own", file_name="roster.csv",
                           sha256="0" * 64, result=figures, applied_by="test")
        )  # fmt: skip
    listed = client_as(Role.ANALYST).get("/exchanges?lang=uk").text
    sentence = " ".join(listed.split('id="never-overall"')[1].split("</p>")[0].split())
    assert "Серед тих, хто повернувся в усіх звірених обмінах (" in sentence
    assert "), у 1 полон до повернення не був підтверджений: 12,5%." in sentence
