"""The audit log signed with a key kept outside the database: an entry edited and the whole
chain recomputed with the public digest passes the chain's check, but not the signatures'."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from homeward.access import audit
from homeward.access.actor import Actor, Channel
from homeward.access.audit import AuditAction, _digest, verify
from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from homeward.access.signing import SIGNING_KEY, audit_key_of, ensure_audit_key, signature
from homeward.cli import app as cli
from homeward.settings import Settings
from tests.access.tampering import guard_off

KEY = b"k" * 64
CLERK = Actor("test-signing-clerk", Channel.WEB, Role.OPERATOR, "192.0.2.11")


def _signed_log(session: Session, count: int) -> list[AuditEntry]:
    session.info[SIGNING_KEY] = KEY
    try:
        return [
            audit.log(session, CLERK, AuditAction.SEARCH, object_type="search", detail={"n": n})
            for n in range(count)
        ]
    finally:
        del session.info[SIGNING_KEY]


def _rewrite_from(session: Session, first: AuditEntry, detail: dict[str, object]) -> None:
    """Edit one entry and recompute its hash and every later one with the public digest, as
    someone who can write the database could."""
    with guard_off(session.connection()):
        session.execute(update(AuditEntry).where(AuditEntry.seq == first.seq).values(detail=detail))
        later = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.seq >= first.seq)
            .order_by(AuditEntry.seq)
            .execution_options(populate_existing=True)
        ).all()
        previous = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == first.seq - 1))
        for entry in later:
            entry.prev_hash = previous or audit.GENESIS
            entry.hash = _digest(entry)
            previous = entry.hash
        session.flush()


def test_entries_are_signed_with_the_key_and_verify_checks_them(session: Session) -> None:
    entries = _signed_log(session, 3)
    assert all(e.mac == signature(KEY, e.hash) for e in entries)
    result = verify(session, key=KEY)
    # the log is shared by the whole run (append-only): judge this test's own entries, which
    # other tests' entries, signed with the run's key, may precede
    ours = {e.seq for e in entries}
    assert not [b for b in result.breaks if b.seq in ours]
    assert result.key_checked and result.signed >= 3


def test_a_rewritten_chain_passes_the_chain_but_not_the_signatures(session: Session) -> None:
    entries = _signed_log(session, 3)
    _rewrite_from(session, entries[1], {"n": "someone else"})
    assert verify(session, signatures=False).intact  # what the public digest cannot see
    broken = verify(session, key=KEY)
    assert not broken.intact
    assert {b.seq for b in broken.breaks} >= {entries[1].seq, entries[2].seq}


def test_a_removed_signature_is_found(session: Session) -> None:
    entries = _signed_log(session, 3)
    with guard_off(session.connection()):
        session.execute(update(AuditEntry).where(AuditEntry.seq == entries[2].seq).values(mac=None))
    broken = verify(session, key=KEY)
    assert (entries[2].seq, "is not signed, although entries before it are") in {
        (b.seq, b.problem) for b in broken.breaks
    }


def test_a_log_checked_with_another_key_does_not_hold(session: Session) -> None:
    _signed_log(session, 2)
    assert not verify(session, key=b"another-key" * 4).intact


def test_init_writes_a_key_only_its_owner_reads_and_keeps_it(tmp_path: Path) -> None:
    key_file = tmp_path / "config" / "audit.key"
    settings = Settings(audit_key_file=key_file)
    assert ensure_audit_key(settings) == key_file
    mode = stat.S_IMODE(os.stat(key_file).st_mode)
    assert mode == 0o600
    first = audit_key_of(settings)
    assert first is not None and len(first) == 64
    ensure_audit_key(settings)
    assert audit_key_of(settings) == first  # never replaced
    from_environment = Settings(audit_key="e" * 40, audit_key_file=key_file)
    assert audit_key_of(from_environment) == b"e" * 40
    assert ensure_audit_key(from_environment) is None


def test_the_command_says_where_the_key_is_and_verifies_signatures(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    env = {"HOMEWARD_AUDIT_KEY_FILE": str(tmp_path / "audit.key")}
    runner = CliRunner()
    init = runner.invoke(cli, ["init", "--db", url], env=env)
    assert init.exit_code == 0, init.output
    assert "audit.key" in init.output
    added = runner.invoke(cli, ["user", "add", "clerk", "--role", "operator", "--db", url], env=env)
    assert added.exit_code == 0, added.output
    checked = runner.invoke(cli, ["audit", "verify", "--db", url], env=env)
    assert checked.exit_code == 0, checked.output
    assert "signed and checked with the key" in checked.output


def test_the_command_finds_an_entry_rewritten_with_the_public_digest(tmp_path: Path) -> None:
    """`homeward audit verify` on a log where someone who could write the database edited an
    entry and recomputed every later hash: the chain holds, the signatures do not, exit 1."""
    from sqlalchemy import create_engine

    url = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    env = {"HOMEWARD_AUDIT_KEY_FILE": str(tmp_path / "audit.key")}
    runner = CliRunner()
    assert runner.invoke(cli, ["init", "--db", url], env=env).exit_code == 0
    for name in ("clerk", "second-clerk"):
        arguments = ["user", "add", name, "--role", "operator", "--db", url]
        added = runner.invoke(cli, arguments, env=env)
        assert added.exit_code == 0, added.output
    assert runner.invoke(cli, ["audit", "verify", "--db", url], env=env).exit_code == 0
    engine = create_engine(url)
    with Session(engine) as session, session.begin():
        first = session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).first()
        assert first is not None
        edited = first.seq
        _rewrite_from(session, first, {"username": "somebody else"})
    engine.dispose()
    checked = runner.invoke(cli, ["audit", "verify", "--db", url], env=env)
    assert checked.exit_code == 1, checked.output
    assert str(edited) in checked.output
