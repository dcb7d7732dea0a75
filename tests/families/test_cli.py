"""`homeward family code|revoke`, `homeward extract` and `homeward contacts list`, as a liaison
or an administrator runs them on the server."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from homeward.access.models import AuditEntry
from homeward.cli import app
from homeward.families import sessions
from homeward.families.models import FamilyCode
from tests.documents.paper import require_poppler, text_of
from tests.families.factories import a_contact, a_person

runner = CliRunner()


@pytest.fixture
def db(clean_db: Engine) -> str:
    return clean_db.url.render_as_string(hide_password=False)


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"HOMEWARD_ACTOR": "cli-liaison", "COLUMNS": "200"})
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


def seeded(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session, session.begin():
        person = a_person(session)
        return person.id, a_contact(session, person.id).id


def test_family_code_prints_the_code_once_and_it_opens_the_page(db: str, clean_db: Engine) -> None:
    person_id, contact_id = seeded(clean_db)
    status, output = invoke(
        "family", "code", str(person_id), "--contact", str(contact_id), "--days", "10", "--db", db
    )
    assert status == 0, output
    code = re.search(r"\b([0-9A-Z]{4}(?:-[0-9A-Z]{4}){5})\b", output)
    assert code and "shown this once" in output
    with Session(clean_db) as session, session.begin():
        token, row = sessions.enter_code(session, typed=code.group(1), client="192.0.2.30")
        assert row.person_id == person_id and token


def test_family_code_refuses_a_contact_of_another_person(db: str, clean_db: Engine) -> None:
    _person_id, contact_id = seeded(clean_db)
    other, _other_contact = seeded(clean_db)
    status, output = invoke("family", "code", str(other), "--contact", str(contact_id), "--db", db)
    assert status == 2
    assert f"contact {contact_id} is not a contact of person {other}" in output


def test_family_revoke_stops_the_code(db: str, clean_db: Engine) -> None:
    person_id, contact_id = seeded(clean_db)
    invoke("family", "code", str(person_id), "--contact", str(contact_id), "--db", db)
    with Session(clean_db) as session:
        code_id = session.scalars(select(FamilyCode.id)).one()
    status, output = invoke("family", "revoke", str(code_id), "--reason", "lost", "--db", db)
    assert status == 0 and "withdrawn" in output
    with Session(clean_db) as session:
        row = session.get(FamilyCode, code_id)
        assert row is not None and row.revoked_at and row.revoke_reason == "lost"
    assert invoke("family", "revoke", "999999", "--db", db)[0] == 2


def test_extract_writes_the_pdf_and_prints_its_verification_code(
    db: str, clean_db: Engine, tmp_path: Path
) -> None:
    require_poppler()
    person_id, _contact_id = seeded(clean_db)
    out = tmp_path / "extract.pdf"
    status, output = invoke("extract", str(person_id), "--out", str(out), "--db", db)
    assert status == 0, output
    code = re.search(r"\b([0-9A-Z]{5}(?:-[0-9A-Z]{5}){3})\b", output)
    assert code and code.group(1) in " ".join(text_of(out.read_bytes()).split())
    with Session(clean_db) as session:
        entry = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "extract_issue")
            .order_by(AuditEntry.seq.desc())
        ).first()
        assert entry is not None and entry.username == "cli-liaison"


def test_extract_refuses_what_is_not_a_pdf_or_no_person(
    db: str, clean_db: Engine, tmp_path: Path
) -> None:
    person_id, _contact_id = seeded(clean_db)
    status, output = invoke("extract", str(person_id), "--out", str(tmp_path / "x.txt"), "--db", db)
    assert status == 2 and "out: write the extract to a .pdf file" in output
    status, output = invoke("extract", "999999", "--out", str(tmp_path / "x.pdf"), "--db", db)
    assert status == 2 and "there is no person 999999" in output
    assert not (tmp_path / "x.pdf").exists()


def test_contacts_list_as_json(db: str, clean_db: Engine) -> None:
    person_id, contact_id = seeded(clean_db)
    status, output = invoke("contacts", "list", str(person_id), "--json", "--db", db)
    assert status == 0, output
    (contact,) = json.loads(output)
    assert contact["id"] == contact_id
    assert (contact["language"], contact["channel"], contact["consent_contact"]) == (
        "uk",
        "phone",
        True,
    )
    status, output = invoke("contacts", "list", str(person_id), "--db", db)
    assert status == 0 and "Коваленко Марія" in output and "мати" in output
