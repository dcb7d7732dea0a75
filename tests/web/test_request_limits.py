"""Every request body and every text field has a limit, checked before anything is parsed or
stored; NaN, Infinity, NUL and unpaired surrogates get a clear 422, never a server error."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from homeward.registry.models import Evidence, Person
from homeward.text import NOTE_MAX, REASON_MAX
from homeward.web.limits import BODY_MAX
from tests.web.conftest import ClientFor, fresh_client
from tests.web.test_persons import make_person, submit

EVIDENCE = {"kind": "captor_list", "on": "01.03.2024"}


def _count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_an_anonymous_huge_json_body_is_refused_by_its_length_before_it_is_read(
    client_as: ClientFor,
) -> None:
    client = client_as(None)
    body = b'{"username": "' + b"x" * (30 * 1024 * 1024) + b'", "password": "y"}'
    answer = client.post("/api/session", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 413
    assert "larger than" in answer.json()["detail"]


def test_a_body_sent_without_its_length_is_refused_once_it_grows_past_the_limit(
    client_as: ClientFor,
) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"username": "'
        for _ in range(BODY_MAX // 1024 + 10):
            yield b"x" * 1024
        yield b'", "password": "y"}'

    answer = client_as(None).post(
        "/api/session", content=chunks(), headers={"content-type": "application/json"}
    )
    assert answer.status_code == 413


def test_a_huge_evidence_note_is_refused_and_nothing_is_stored(
    client_as: ClientFor, web_db: Engine
) -> None:
    person = make_person(web_db)
    client = client_as(Role.OPERATOR)
    before = _count(web_db, Evidence)
    huge = client.post(
        f"/api/persons/{person}/evidence",
        json={**EVIDENCE, "note": "x" * (19 * 1024 * 1024)},
        headers={"X-CSRF-Token": client.csrf},
    )
    assert huge.status_code == 413
    long = client.post(
        f"/api/persons/{person}/evidence",
        json={**EVIDENCE, "note": "x" * (NOTE_MAX + 1)},
        headers={"X-CSRF-Token": client.csrf},
    )
    assert long.status_code == 422
    assert _count(web_db, Evidence) == before


def test_a_long_merge_reason_is_refused_before_it_reaches_the_audit_log(
    client_as: ClientFor, web_db: Engine
) -> None:
    survivor, absorbed = make_person(web_db), make_person(web_db, given_name="Олег")
    client = client_as(Role.ANALYST)
    client.cookies.set("homeward_lang", "en")
    with Session(web_db) as session:
        entries = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    for reason, status in (("x" * 900_000, 413), ("x" * (REASON_MAX + 1), 422)):
        answer = submit(
            client, f"/persons/{survivor}/merge", {"other": str(absorbed), "reason": reason}
        )
        assert answer.status_code == status
    with Session(web_db) as session:
        merged = session.get(Person, absorbed)
        assert merged is not None and merged.merged_into_id is None
        assert (session.scalar(select(func.count()).select_from(AuditEntry)) or 0) == entries


@pytest.mark.parametrize(
    "body",
    [
        b'{"username": NaN, "password": "x"}',
        b'{"username": "x", "password": Infinity}',
        b'{"username": "x", "password": -Infinity}',
        b'{"username": "x", "password": 1e999}',
        b'{"username": "\\ud800", "password": "x"}',
        b'{"username": "a\\u0000b", "password": "x"}',
    ],
)
def test_json_that_no_register_should_store_gets_a_clear_422_before_sign_in(
    app: FastAPI, body: bytes
) -> None:
    client = fresh_client(app)
    answer = client.post("/api/session", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["type"] == "value_error"


@pytest.mark.parametrize("route", ["/api/intake/candidates", "/api/intake"])
def test_nan_answers_422_on_the_json_routes(client_as: ClientFor, route: str) -> None:
    client = client_as(Role.OPERATOR)
    answer = client.post(
        route,
        content=b'{"surname": NaN}',
        headers={"content-type": "application/json", "X-CSRF-Token": client.csrf},
    )
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["type"] == "value_error"


@pytest.mark.parametrize("number", [b"NaN", b"Infinity", b"-Infinity", b"1e999"])
def test_nan_in_evidence_or_an_edit_is_refused_and_nothing_is_written(
    client_as: ClientFor, web_db: Engine, number: bytes
) -> None:
    person = make_person(web_db)
    client = client_as(Role.OPERATOR)
    version = client.get(f"/api/persons/{person}").json()["version"]
    before = _count(web_db, Evidence)
    headers = {"content-type": "application/json", "X-CSRF-Token": client.csrf}
    evidence = client.post(
        f"/api/persons/{person}/evidence",
        content=b'{"kind": "relative_report", "on": "2023-05", "note": ' + number + b"}",
        headers=headers,
    )
    edit = client.patch(
        f"/api/persons/{person}",
        content=b'{"version": ' + number + b', "changes": {"rank": "x"}, "reason": "r"}',
        headers=headers,
    )
    assert (evidence.status_code, edit.status_code) == (422, 422)
    assert _count(web_db, Evidence) == before
    assert client.get(f"/api/persons/{person}").json()["version"] == version


@pytest.mark.parametrize(
    ("field", "value"),
    [("note", "before\x00after"), ("place", "СІЗО\x00"), ("note", "\x07bell")],
)
def test_nul_and_control_characters_are_refused_in_evidence(
    client_as: ClientFor, web_db: Engine, field: str, value: str
) -> None:
    person = make_person(web_db)
    client = client_as(Role.OPERATOR)
    before = _count(web_db, Evidence)
    answer = client.post(
        f"/api/persons/{person}/evidence",
        json={**EVIDENCE, field: value},
        headers={"X-CSRF-Token": client.csrf},
    )
    assert answer.status_code == 422
    assert _count(web_db, Evidence) == before


def test_a_nul_in_a_form_is_refused_with_a_page_in_the_users_language(
    client_as: ClientFor, web_db: Engine
) -> None:
    person = make_person(web_db)
    client = client_as(Role.OPERATOR)
    version = client.get(f"/api/persons/{person}").json()["version"]
    answer = submit(
        client,
        f"/persons/{person}/edit",
        {"version": str(version), "rank": "сол\x00дат", "reason": "from the roll"},
    )
    assert answer.status_code == 422
    assert "text/html" in answer.headers["content-type"]
    assert 'lang="uk"' in answer.text
    with Session(web_db) as session:
        stored = session.get(Person, person)
        assert stored is not None and stored.rank != "сол\x00дат"


def test_a_nul_in_an_edit_reason_through_the_api_is_refused(
    client_as: ClientFor, web_db: Engine
) -> None:
    person = make_person(web_db)
    client = client_as(Role.OPERATOR)
    version = client.get(f"/api/persons/{person}").json()["version"]
    answer = client.patch(
        f"/api/persons/{person}",
        json={"version": version, "changes": {"rank": "солдат"}, "reason": "roll\x00"},
        headers={"X-CSRF-Token": client.csrf},
    )
    assert answer.status_code == 422


def test_a_plain_form_of_the_exchanges_pages_has_the_forms_limit_not_an_uploads(
    client_as: ClientFor,
) -> None:
    """Only the roster's upload takes 20 MB: a new exchange's form (no file) is bounded like
    every form (256 KB), and a NUL in it is refused before the route sees it."""
    client = client_as(Role.NEGOTIATOR)
    huge = client.post(
        "/exchanges",
        content=b"csrf_token=" + client.csrf.encode() + b"&name=" + b"x" * (BODY_MAX + 10),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert huge.status_code == 413
    nul = client.form("/exchanges", {"name": "Обмін\x00", "on": "01.05.2025"})
    assert nul.status_code == 422 and "text/html" in nul.headers["content-type"]


def test_an_upload_at_an_address_with_a_number_has_its_uploads_limit(
    client_as: ClientFor,
) -> None:
    """/testimonies/{id}/files and /exchanges/{id}/reconcile take files: a file of a megabyte
    reaches the route (here: no such debriefing, no such exchange), and is not refused as a
    form larger than 256 KB."""
    operator, negotiator = client_as(Role.OPERATOR), client_as(Role.NEGOTIATOR)
    data = b"ID3" + b"\x01" * (1024 * 1024)
    recording = operator.post(
        "/testimonies/999/files",
        data={"csrf_token": operator.csrf},
        files={"file": ("interview.mp3", data, "audio/mpeg")},
    )
    assert recording.status_code == 404, recording.status_code
    roster = negotiator.post(
        "/exchanges/999/reconcile",
        data={"csrf_token": negotiator.csrf, "side": "own"},
        files={"file": ("roster.csv", b"a,b\n" * (300 * 1024 // 4), "text/csv")},
    )
    assert roster.status_code == 404, roster.status_code
