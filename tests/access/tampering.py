"""Switching off the audit log's append-only guard, as only a database superuser could, to show
that the hash chain still finds what was changed or deleted."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, text

_SQLITE_GUARDS = {
    event: f"CREATE TRIGGER IF NOT EXISTS audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    for event in ("UPDATE", "DELETE")
}


@contextmanager
def guard_off(connection: Connection) -> Iterator[None]:
    """The append-only triggers off inside the connection's transaction, and on again after.

    On SQLite the transaction is opened first by a statement that writes nothing, so that the
    DROP TRIGGER belongs to it (the driver would otherwise run DDL outside any transaction)."""
    postgres = connection.dialect.name == "postgresql"
    if postgres:
        connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
    else:
        connection.execute(text("UPDATE users SET id = id WHERE 1 = 0"))
        for event in _SQLITE_GUARDS:
            connection.execute(text(f"DROP TRIGGER IF EXISTS audit_log_no_{event.lower()}"))
    try:
        yield
    finally:
        if postgres:
            connection.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))
        else:
            for create in _SQLITE_GUARDS.values():
                connection.execute(text(create))


def row_of(connection: Connection, seq: int) -> dict[str, Any]:
    row = connection.execute(text("SELECT * FROM audit_log WHERE seq = :seq"), {"seq": seq})
    return dict(row.mappings().one())


def sqlite_guards_in_place(connection: Connection) -> bool:
    names = connection.execute(
        text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
    ).scalars()
    return {"audit_log_no_update", "audit_log_no_delete"} <= set(names)
