"""Entering a code at /family: a mistyped, withdrawn or expired code, or too many attempts, each
gets its own plain sentence in Ukrainian, and none of them says anything of anyone."""

from __future__ import annotations

from datetime import timedelta

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from homeward.db import utcnow
from homeward.families.access import revoke_code
from homeward.families.models import FamilyCode
from homeward.families.sessions import ADDRESS
from tests.families.factories import CONSOLE
from tests.families.web import seed_family
from tests.web.conftest import csrf_of, fresh_client


def typed(client: TestClient, code: str) -> httpx.Response:
    token = csrf_of(client.get("/family").text)
    answer: httpx.Response = client.post("/family", data={"code": code, "csrf_token": token})
    return answer


def test_a_mistyped_code_is_named_as_such(app: FastAPI, web_db: Engine) -> None:
    family = seed_family(web_db, "Коваленко")
    answer = typed(fresh_client(app), family.code[:-1] + ("0" if family.code[-1] != "0" else "1"))
    assert answer.status_code == 422
    assert "Цей код неправильний" in answer.text and "Коваленко" not in answer.text


def test_a_withdrawn_code_and_an_expired_one_say_so(app: FastAPI, web_db: Engine) -> None:
    withdrawn, expired = seed_family(web_db, "Коваленко"), seed_family(web_db, "Шевчук")
    with Session(web_db) as session, session.begin():
        revoke_code(session, actor=CONSOLE, code_id=withdrawn.code_id, reason="lost")
        session.execute(
            update(FamilyCode)
            .where(FamilyCode.id == expired.code_id)
            .values(expires_at=utcnow() - timedelta(days=1))
        )
    answer = typed(fresh_client(app), withdrawn.code)
    assert answer.status_code == 403 and "Цей код відкликано" in answer.text
    answer = typed(fresh_client(app), expired.code)
    assert answer.status_code == 403 and "Строк дії цього коду скінчився" in answer.text
    assert "Коваленко" not in answer.text and "Шевчук" not in answer.text


def test_too_many_wrong_codes_from_one_address_must_wait(app: FastAPI, web_db: Engine) -> None:
    family = seed_family(web_db, "Коваленко")
    client = fresh_client(app)
    for _ in range(ADDRESS.free + 1):
        assert typed(client, "wrong").status_code == 422
    answer = typed(client, family.code)
    assert answer.status_code == 429
    assert "Забагато спроб" in answer.text and int(answer.headers["retry-after"]) >= 60


def test_a_code_without_the_forms_token_is_refused(app: FastAPI, web_db: Engine) -> None:
    family = seed_family(web_db, "Коваленко")
    answer = fresh_client(app).post("/family", data={"code": family.code, "csrf_token": "x"})
    assert answer.status_code == 403
    assert "homeward_family" not in answer.headers.get("set-cookie", "")
