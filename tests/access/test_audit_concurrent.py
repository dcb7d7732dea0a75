"""Writers appending to the audit log at once, each with a database client of its own (as the
web workers, an import on the command line and the collector do): every append gets its own
number, the numbers have no gaps and the chain holds. On SQLite a writer whose engine does not
take the write lock when its transaction begins (`make_engine()` without `concurrent`) takes it
before reading the last entry; on PostgreSQL the advisory lock serialises the appends."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor, Channel
from homeward.access.audit import AuditAction, verify
from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from homeward.db import make_engine, session_factory

WRITERS = 4
EACH = 15


def _appends(engine: Engine, name: str, start: threading.Barrier, errors: list[str]) -> None:
    actor = Actor(name, Channel.WEB, Role.OPERATOR, "192.0.2.20")
    factory = session_factory(engine)
    start.wait()
    try:
        for n in range(EACH):
            with factory() as session, session.begin():
                session.execute(select(AuditEntry.seq).limit(1)).all()  # a page's reads first
                audit.log(session, actor, AuditAction.SEARCH, object_type="search", detail={"n": n})
    except Exception as error:  # reported by the test
        errors.append(f"{name}: {error}")


@pytest.mark.parametrize("concurrent", [False, True], ids=["plain", "write-turns"])
def test_concurrent_writers_never_share_a_number(clean_db: Engine, concurrent: bool) -> None:
    url = clean_db.url.render_as_string(hide_password=False)
    engines = [make_engine(url, concurrent=concurrent) for _ in range(WRITERS)]
    start = threading.Barrier(WRITERS)
    errors: list[str] = []
    names = [f"test-audit-writer-{concurrent}-{i}" for i in range(WRITERS)]
    threads = [
        threading.Thread(target=_appends, args=(engines[i], names[i], start, errors))
        for i in range(WRITERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for engine in engines:
        engine.dispose()
    assert errors == []
    with Session(clean_db) as session:
        seqs = session.scalars(
            select(AuditEntry.seq).where(AuditEntry.username.in_(names)).order_by(AuditEntry.seq)
        ).all()
        assert len(seqs) == WRITERS * EACH
        result = verify(session)
    assert result.intact, result.breaks
