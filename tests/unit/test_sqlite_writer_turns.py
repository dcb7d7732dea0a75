"""The threads of one process take SQLite's write lock in turn (`db._WriterTurns`): a burst of
short writers never ends in "database is locked", however short SQLite's own wait."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from homeward.db import make_engine


def _impatient(dbapi_connection: Any, _record: Any) -> None:
    """SQLite's own wait cut to 20 ms: without turns, forty writers would soon fail."""
    dbapi_connection.execute("PRAGMA busy_timeout=20")


def test_a_burst_of_writers_in_one_process_all_write(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'turns.sqlite3'}", concurrent=True)
    event.listen(engine, "connect", _impatient)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE entry (id INTEGER PRIMARY KEY, n INTEGER)"))

    def write(n: int) -> None:
        for _ in range(25):
            with engine.begin() as connection:
                connection.execute(text("INSERT INTO entry (n) VALUES (:n)"), {"n": n})
                connection.execute(text("SELECT count(*) FROM entry")).scalar()

    with ThreadPoolExecutor(40) as pool:
        list(pool.map(write, range(40)))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM entry")).scalar() == 1000
    engine.dispose()


def test_a_writer_that_fails_gives_its_turn_back(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'turns.sqlite3'}", concurrent=True)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE entry (id INTEGER PRIMARY KEY)"))

    def fail() -> None:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO entry (id) VALUES (1)"))
            raise RuntimeError("the act failed")

    with pytest.raises(RuntimeError):
        fail()

    def write(n: int) -> None:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO entry (id) VALUES (:n)"), {"n": n})

    with ThreadPoolExecutor(1) as pool:  # another thread: the turn was given back
        pool.submit(write, 2).result(timeout=5)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT id FROM entry")).scalars().all() == [2]
    engine.dispose()
