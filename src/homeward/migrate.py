"""Bring a database to the newest schema (or back), on SQLite and PostgreSQL alike, all of a
migration or nothing of it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine

from homeward.db import make_engine

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


@contextmanager
def _one_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that holds DDL too. Python's sqlite3 begins transactions only before
    INSERT, UPDATE and DELETE, so an ALTER TABLE would commit on its own and a failed batch
    migration would leave half a schema: on SQLite the migration runs on a connection that
    begins explicitly (`make_engine(concurrent=True)`). Batch mode drops and recreates tables
    that other tables refer to, which SQLite allows only with foreign keys off (a pragma that
    works outside transactions alone): they are checked in full before the commit instead."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        with engine.begin() as connection:
            yield connection
        return
    own = make_engine(engine.url.render_as_string(hide_password=False), concurrent=True)
    try:
        with own.connect() as connection:
            driver = connection.connection.driver_connection
            assert driver is not None
            driver.execute("PRAGMA foreign_keys = OFF")
            with connection.begin():
                yield connection
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise RuntimeError(f"the migration broke foreign keys: {broken[:5]}")
    finally:
        own.dispose()


def upgrade(engine: Engine, revision: str = "head") -> None:
    config = alembic_config(engine)
    with _one_transaction(engine) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str) -> None:
    config = alembic_config(engine)
    with _one_transaction(engine) as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
