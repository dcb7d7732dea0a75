"""The suite runs on SQLite by default and on PostgreSQL with HOMEWARD_TEST_DATABASE_URL.

Database tests are marked `db`; under CI (CI=true) an unreachable PostgreSQL fails the run
instead of skipping it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from homeward.db import Base, make_engine
from homeward.migrate import upgrade
from homeward.models import load_all
from homeward.names.prebuilt import SETTING

REPO = Path(__file__).resolve().parent.parent
SHARED_TESTDATA = REPO.parent / "shared" / "testdata"

# The name tables are built once for the run, in a folder of its own, not the user's cache.
_NAME_TABLES = tempfile.mkdtemp(prefix="homeward-names-")
os.environ.setdefault(SETTING, _NAME_TABLES)
atexit.register(shutil.rmtree, _NAME_TABLES, ignore_errors=True)
# Every audit entry the tests write is signed with a key of the run's own (never the user's).
_AUDIT_KEY = Path(_NAME_TABLES) / "audit.key"
_AUDIT_KEY.write_text("t" * 64 + "\n", "ascii")
os.environ["HOMEWARD_AUDIT_KEY_FILE"] = str(_AUDIT_KEY)
os.environ.pop("HOMEWARD_AUDIT_KEY", None)
# Evidence files the tests store (the demo's among them) go to a store of the run's own.
os.environ["HOMEWARD_FILES_DIR"] = str(Path(_NAME_TABLES) / "files")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "db_engine" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("HOMEWARD_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


def reset_schema(engine: Engine) -> None:
    load_all()
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture(scope="session")
def db_engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    try:
        with engine.connect():
            pass
    except OperationalError as error:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"the test database {database_url} is not reachable: {error}")
    reset_schema(engine)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(db_engine: Engine) -> Iterator[Session]:
    """A session whose work is rolled back after the test, whatever it committed inside."""
    with db_engine.connect() as connection:
        outer = connection.begin()
        with Session(bind=connection, join_transaction_mode="create_savepoint") as s:
            yield s
        outer.rollback()


@pytest.fixture
def clean_db(db_engine: Engine) -> Iterator[Engine]:
    """For tests that commit through several sessions: every table emptied afterwards, but
    the audit log, which the database keeps append-only (tests tell their entries apart by
    user name)."""
    yield db_engine
    with db_engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name != "audit_log":
                connection.execute(table.delete())
