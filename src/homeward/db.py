"""The storage layer: one engine factory, sessions, and the types SQLite and PostgreSQL share."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, TypeVar

from sqlalchemy import Connection, DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on both databases (SQLite would silently drop the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC time belongs")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


# As many connections as a web worker has threads (40), so that no request waits for one.
POOL: dict[str, Any] = {"pool_size": 10, "max_overflow": 30}


def _driver_leaves_transactions_to_us(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None


_WRITER_WAIT: Final = 30.0  # seconds a thread waits its turn before asking SQLite itself
_HOLDS_TURN: Final = "homeward.holds_write_turn"  # Connection.info key


class _WriterTurns:
    """The threads of one process take the write lock in turn, queueing on a lock of the
    process, so that only one of them at a time waits in SQLite's busy handler. That handler is
    not fair: under a burst of short writers (fifty families reloading their page, each view
    appending its audit entry) one of forty threads could keep losing the lock to the others
    until its wait ran out ("database is locked"). Released when the transaction ends."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def begin(self, connection: Any) -> None:
        took = self._lock.acquire(timeout=_WRITER_WAIT)
        connection.info[_HOLDS_TURN] = took
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            self.end(connection)
            raise

    def end(self, connection: Any) -> None:
        if connection.info.pop(_HOLDS_TURN, False):
            self._lock.release()


def make_engine(database_url: str, *, echo: bool = False, concurrent: bool = False) -> Engine:
    """An engine for SQLite (the file's folder is created) or PostgreSQL.

    `concurrent=True` is for SQLite files that several processes write at once (the web
    application's workers): every transaction takes the write lock when it begins, waiting its
    turn, instead of failing when it first writes after another process wrote since it read
    (SQLite cannot upgrade such a snapshot). Writers queue; readers still read (WAL).
    """
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        in_memory = not url.database or url.database == ":memory:"
        engine = create_engine(url, echo=echo, **({} if in_memory else POOL))
        event.listen(engine, "connect", _on_sqlite_connect)
        if concurrent:
            event.listen(engine, "connect", _driver_leaves_transactions_to_us)
            turns = _WriterTurns()
            event.listen(engine, "begin", turns.begin)
            event.listen(engine, "commit", turns.end)
            event.listen(engine, "rollback", turns.end)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True, **POOL)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit when the block ends, roll everything back if it raises."""
    with factory() as session, session.begin():
        yield session


_Row = TypeVar("_Row")


def created_or_found(session: Session, row: _Row, find: Callable[[], _Row | None]) -> _Row:
    """Insert a row that a unique key makes one of a kind (a source, a place), or, when a
    concurrent transaction inserted the same meanwhile (PostgreSQL lets both try; SQLite's
    writers queue), the row it inserted: the insert runs in a savepoint of its own."""
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        found = find()
        if found is None:
            raise
        return found
    return row


READS = "homeward.reads"  # Session.info key: an engine for reads outside the transaction
SIDE_WRITES = "homeward.side_writes"  # Session.info key: a sessionmaker for short writes


@contextmanager
def outside_transaction(session: Session) -> Iterator[Connection]:
    """A connection for reads that must not hold the session's locks: the session's own when it
    is bound to one (a test's outer transaction), else a fresh one from the engine for reads
    the session names (on SQLite a deferred one, which takes no write lock), else its engine's."""
    bind = session.get_bind()
    if isinstance(bind, Connection):
        yield bind
        return
    engine: Engine = session.info.get(READS, bind)
    with engine.connect() as connection:
        yield connection


@contextmanager
def reading(session: Session) -> Iterator[Session]:
    """A session for reads outside `session`'s transaction (see `outside_transaction`): a
    long read that must not hold the write lock, such as the register an import links to."""
    with outside_transaction(session) as connection, Session(bind=connection) as reader:
        yield reader


@contextmanager
def own_transaction(session: Session) -> Iterator[Session]:
    """A short transaction of its own, committed when the block ends whatever becomes of the
    session's: for what concurrent requests must see at once (a sign-in attempt counted). In a
    test's outer transaction (a session bound to a connection), a savepoint of it."""
    bind = session.get_bind()
    if isinstance(bind, Connection):
        with session.begin_nested():
            yield session
        return
    factory: sessionmaker[Session] = session.info.get(SIDE_WRITES) or session_factory(bind)
    with factory() as writer, writer.begin():
        yield writer


@contextmanager
def side_write(session: Session) -> Iterator[Session]:
    """Where a read-only request writes what it must (an audit entry, a session's last use):
    a short transaction of its own, committed at once, when the session names a factory for
    them (SQLite pages that only read: the write lock is then held for milliseconds, not for
    the whole page); otherwise the session itself, in its own transaction."""
    factory: sessionmaker[Session] | None = session.info.get(SIDE_WRITES)
    if factory is None:
        yield session
        return
    with factory() as writer, writer.begin():
        yield writer
