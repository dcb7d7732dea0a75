"""`homeward user add|passwd|disable|revoke|list` and `homeward audit verify|list`, as an
administrator runs them on the server."""

from __future__ import annotations

import json
import re
import secrets

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from homeward.access.models import AuditEntry, User
from homeward.access.users import session_for, start_session
from homeward.cli import app
from tests.access.tampering import guard_off

runner = CliRunner()
PASSWORD = "correct-horse-battery"


@pytest.fixture
def db(clean_db: Engine) -> str:
    """The test database (SQLite or PostgreSQL), emptied after the test but the audit log."""
    return clean_db.url.render_as_string(hide_password=False)


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


def _name() -> str:
    return f"cli-{secrets.token_hex(4)}"


def _sign_in(engine: Engine, username: str) -> str:
    with Session(engine) as session, session.begin():
        user = session.scalars(select(User).where(User.username == username)).one()
        return start_session(session, user, client="192.0.2.20")


def _signed_in(engine: Engine, token: str) -> bool:
    with Session(engine) as session, session.begin():
        return session_for(session, token) is not None


def test_user_add_prints_a_generated_password_once(db: str, clean_db: Engine) -> None:
    name = _name()
    code, out = invoke("user", "add", name, "--role", "operator", "--name", "Test Clerk",
                       "--db", db, "--actor", "test-admin")  # fmt: skip
    assert code == 0, out
    assert f"Added {name} (operator)" in out
    password = re.search(r"Password: (\S+)", out)
    assert password and re.fullmatch(r"([a-z2-9]{5}-){3}[a-z2-9]{5}", password.group(1))
    with Session(clean_db) as session:
        user = session.scalars(select(User).where(User.username == name)).one()
        assert password.group(1) not in user.password_hash
        assert user.display_name == "Test Clerk"


def test_user_add_reads_a_password_from_stdin_and_refuses_a_weak_one(db: str) -> None:
    code, out = invoke("user", "add", _name(), "--role", "auditor", "--password-stdin",
                       "--db", db, stdin=PASSWORD + "\n")  # fmt: skip
    assert code == 0, out
    assert "Password:" not in out
    code, out = invoke("user", "add", _name(), "--role", "auditor", "--password-stdin",
                       "--db", db, stdin="short\n")  # fmt: skip
    assert code == 2
    assert "password: must have at least 12 characters" in out


def test_user_add_refuses_a_taken_name_and_an_unknown_role(db: str) -> None:
    name = _name()
    assert invoke("user", "add", name, "--role", "analyst", "--db", db)[0] == 0
    code, out = invoke("user", "add", name, "--role", "analyst", "--db", db)
    assert code == 2 and "already exists" in out
    code, out = invoke("user", "add", _name(), "--role", "superuser", "--db", db)
    assert code == 2 and "superuser" in out


def test_user_passwd_sets_a_password_and_ends_the_sessions(db: str, clean_db: Engine) -> None:
    name = _name()
    invoke("user", "add", name, "--role", "liaison", "--db", db)
    token = _sign_in(clean_db, name)
    code, out = invoke("user", "passwd", name, "--password-stdin", "--db", db,
                       stdin=PASSWORD + "\n")  # fmt: skip
    assert code == 0, out
    assert "every session of theirs has ended" in out
    assert not _signed_in(clean_db, token)
    code, out = invoke("user", "passwd", "nobody-at-all", "--db", db)
    assert code == 2 and "no user 'nobody-at-all'" in out


def test_user_disable_and_revoke_end_the_sessions(db: str, clean_db: Engine) -> None:
    name = _name()
    invoke("user", "add", name, "--role", "operator", "--db", db)
    first, second = _sign_in(clean_db, name), _sign_in(clean_db, name)
    code, out = invoke("user", "revoke", name, "--db", db)
    assert code == 0 and f"Ended 2 session(s) of {name}" in out
    assert not _signed_in(clean_db, first) and not _signed_in(clean_db, second)
    third = _sign_in(clean_db, name)
    code, out = invoke("user", "disable", name, "--db", db)
    assert code == 0 and f"Disabled {name}" in out
    assert not _signed_in(clean_db, third)
    code, out = invoke("user", "list", "--json", "--db", db)
    users = {u["username"]: u for u in json.loads(out)}
    assert users[name]["active"] is False and users[name]["role"] == "operator"


def test_user_list_shows_users_and_roles(db: str) -> None:
    name = _name()
    invoke("user", "add", name, "--role", "auditor", "--name", "Test Reader", "--db", db)
    code, out = invoke("user", "list", "--db", db)
    assert code == 0 and name in out and "auditor" in out and "yes" in out


def test_audit_list_shows_who_did_what(db: str) -> None:
    name = _name()
    invoke("user", "add", name, "--role", "analyst", "--db", db, "--actor", "test-root")
    invoke("user", "disable", name, "--db", db, "--actor", "test-root")
    code, out = invoke("audit", "list", "--user", "test-root", "--json", "--db", db)
    assert code == 0, out
    mine = [e for e in json.loads(out)["entries"] if e["object"] == f"user:{name}"]
    assert [e["action"] for e in mine] == ["sessions_revoked", "user_disable", "user_add"]
    code, out = invoke("audit", "list", "--action", "user_add", "--limit", "1", "--db", db)
    assert code == 0 and "user_add" in out and "1 of" in out


def test_audit_verify_says_the_log_is_intact_and_names_a_changed_entry(
    db: str, clean_db: Engine
) -> None:
    name = _name()
    invoke("user", "add", name, "--role", "analyst", "--db", db)
    code, out = invoke("audit", "verify", "--db", db)
    assert code == 0, out
    assert "The audit log is intact" in out
    with Session(clean_db) as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.object_id == name, AuditEntry.action == "user_add")
        ).one()
        seq, original = entry.seq, entry.detail
    change = update(AuditEntry).where(AuditEntry.seq == seq)
    try:
        with clean_db.begin() as connection, guard_off(connection):
            connection.execute(change.values(detail={"role": "admin"}))
        code, out = invoke("audit", "verify", "--db", db)
        assert code == 1
        assert f"entry {seq}: was changed after it was written" in out
        assert "tampered with" in out
    finally:  # the log is shared by the whole test run: put the entry back as it was written
        with clean_db.begin() as connection, guard_off(connection):
            connection.execute(change.values(detail=original))
    assert invoke("audit", "verify", "--db", db)[0] == 0


def test_an_anchor_kept_from_an_earlier_check_must_still_be_in_the_log(db: str) -> None:
    invoke("user", "add", _name(), "--role", "auditor", "--db", db)
    code, out = invoke("audit", "verify", "--db", db)
    assert code == 0, out
    head = out.split("Last hash: ")[1].split()[0]
    assert len(head) == 64
    invoke("user", "add", _name(), "--role", "auditor", "--db", db)  # the log grows: still there
    assert invoke("audit", "verify", "--anchor", head, "--db", db)[0] == 0
    code, out = invoke("audit", "verify", "--anchor", "f" * 64, "--db", db)
    assert code == 1
    assert "is gone" in out
