"""/verify: anyone confirms an extract is genuine, when it was issued and the status it stated,
and learns nothing more; a code that never existed says only that."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.families import extracts
from tests.families.factories import LIAISON, a_person, add_fact
from tests.web.conftest import fresh_client


def issued(engine: Engine) -> tuple[int, str]:
    """An extract's number and verification code."""
    with Session(engine) as session, session.begin():
        person = a_person(session, birth_place="Житомир")
        add_fact(session, person.id, "icrc_notification", "01.02.2024")
        extract = extracts.issue_extract(
            session, actor=LIAISON, person_id=person.id, base="http://testserver"
        )
        return extract.row.id, extract.code


def test_the_page_confirms_the_extract_and_shows_nothing_of_the_person(
    app: FastAPI, web_db: Engine
) -> None:
    number, code = issued(web_db)
    page = fresh_client(app).get(f"/verify/{code}")
    assert page.status_code == 200
    assert "Справжній" in page.text and "Полон підтверджено" in page.text
    assert f"HW-EX-{number:06d}" in page.text and "01.02.2024" in page.text
    for private in ("Коваленко", "Олександр", "Житомир", "12.03.1999", "МКЧХ"):
        assert private not in page.text


def test_a_revoked_extract_says_so(app: FastAPI, web_db: Engine) -> None:
    number, code = issued(web_db)
    with Session(web_db) as session, session.begin():
        extracts.revoke_extract(session, actor=LIAISON, extract_id=number, reason="x")
    page = fresh_client(app).get(f"/verify/{code.lower()}")
    assert "відкликано" in page.text and "Справжній" not in page.text


def test_a_code_that_never_existed_is_not_found(app: FastAPI, web_db: Engine) -> None:
    issued(web_db)
    page = fresh_client(app).get("/verify/AAAAA-AAAAA-AAAAA-AAAAA")
    assert page.status_code == 404
    assert "Реєстр не видавав витягу з таким кодом" in page.text


def test_the_form_leads_to_the_codes_page(app: FastAPI, web_db: Engine) -> None:
    client = fresh_client(app)
    assert 'name="code"' in client.get("/verify").text
    moved = client.get("/verify", params={"code": "AAAAA AAAAA"})
    assert moved.headers["location"] == "/verify/AAAAA%20AAAAA"


def test_the_status_date_is_labelled_in_plain_ukrainian(app: FastAPI, web_db: Engine) -> None:
    """ "Статус діє з 01.02.2024", not the colloquial "Статус відколи"."""
    _number, code = issued(web_db)
    page = fresh_client(app).get(f"/verify/{code}").text
    assert "<dt>Статус діє з</dt><dd>01.02.2024</dd>" in page and "відколи" not in page
