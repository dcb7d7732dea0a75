"""The audit log: entries numbered and chained by hash, the chain's check finding an edited and
a deleted entry, and the database refusing to change or delete an entry at all."""

from __future__ import annotations

from itertools import pairwise

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor, Channel
from homeward.access.audit import GENESIS, AuditAction, verify
from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from homeward.access.users import add_user
from tests.access.tampering import guard_off

CLI = Actor("test-console", Channel.CLI)
CLERK = Actor("test-audit-clerk", Channel.WEB, Role.OPERATOR, "192.0.2.10")


def _log(session: Session, count: int) -> list[AuditEntry]:
    return [
        audit.log(
            session,
            CLERK,
            AuditAction.SEARCH,
            object_type="search",
            detail={"q": f"Коваленко {n}"},
        )
        for n in range(count)
    ]


def test_entries_are_numbered_without_gaps_and_chained(session: Session) -> None:
    entries = _log(session, 3)
    assert [e.seq for e in entries] == list(range(entries[0].seq, entries[0].seq + 3))
    for before, after in pairwise(entries):
        assert after.prev_hash == before.hash
    if entries[0].seq == 1:
        assert entries[0].prev_hash == GENESIS
    assert len({e.hash for e in entries}) == 3
    assert entries[0].role == "operator" and entries[0].client == "192.0.2.10"
    result = verify(session)
    assert result.intact and result.rows >= 3


def test_verify_finds_an_edited_entry(session: Session) -> None:
    entries = _log(session, 3)
    edited = entries[1].seq
    with guard_off(session.connection()):
        session.execute(
            update(AuditEntry).where(AuditEntry.seq == edited).values(detail={"q": "someone"})
        )
    result = verify(session)
    assert not result.intact
    assert [(b.seq, b.problem) for b in result.breaks] == [
        (edited, "was changed after it was written")
    ]


def test_verify_finds_a_deleted_entry(session: Session) -> None:
    entries = _log(session, 3)
    deleted = entries[1].seq
    with guard_off(session.connection()):
        session.execute(delete(AuditEntry).where(AuditEntry.seq == deleted))
    result = verify(session)
    problems = {b.problem for b in result.breaks if b.seq == deleted + 1}
    assert f"rows {deleted} are missing (deleted)" in problems
    assert "does not link to the row before it" in problems


def test_verify_keeps_the_callers_own_objects_in_its_session(session: Session) -> None:
    user, _ = add_user(session, actor=CLI, username="test-verifier", role=Role.AUDITOR)
    verify(session, batch=1)
    assert user in session  # a web request's signed-in user stays attached to its session


def test_the_database_refuses_to_change_an_entry(session: Session) -> None:
    entry = _log(session, 1)[0]
    with pytest.raises(DBAPIError, match="append-only"), session.begin_nested():
        session.execute(
            update(AuditEntry).where(AuditEntry.seq == entry.seq).values(username="nobody")
        )


def test_the_database_refuses_to_delete_an_entry(session: Session) -> None:
    entry = _log(session, 1)[0]
    with pytest.raises(DBAPIError, match="append-only"), session.begin_nested():
        session.execute(delete(AuditEntry).where(AuditEntry.seq == entry.seq))
    if session.get_bind().dialect.name == "postgresql":
        with pytest.raises(DBAPIError, match="append-only"), session.begin_nested():
            session.execute(text("TRUNCATE audit_log"))
    assert verify(session).intact


def test_entries_are_read_newest_first_with_filters(session: Session) -> None:
    _log(session, 3)
    page, total = audit.entries(session, username=CLERK.name, action="search", limit=2)
    assert total == 3
    assert [e.detail["q"] for e in page] == ["Коваленко 2", "Коваленко 1"]
    rest, _ = audit.entries(session, username=CLERK.name, limit=2, offset=2)
    assert [e.detail["q"] for e in rest] == ["Коваленко 0"]
