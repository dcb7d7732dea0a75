"""Migration 0005 (the rows' fingerprint of imports) goes up, down and up again on both
databases, and the imports made before it keep working, with no fingerprint."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from homeward.migrate import alembic_config, downgrade, upgrade

_SOURCE = (
    "INSERT INTO sources (kind, name, created_at) "
    "VALUES ('list', 'migration-0005.csv', '2024-05-01 00:00:00+00:00')"
)
_IMPORT = (
    "INSERT INTO imports (file_name, sha256, file_format, side, source_id, rows_read, "
    "rows_imported, rows_rejected, actor, channel, at, summary, mapping) "
    "SELECT 'migration-0005.csv', :sha, 'csv', 'own', id, 3, 3, 0, 'operator', 'import', "
    "'2024-05-01 00:00:00+00:00', '{}', '{}' FROM sources WHERE name = 'migration-0005.csv'"
)


def _columns(engine: Engine) -> set[str]:
    return {column["name"] for column in inspect(engine).get_columns("imports")}


@pytest.fixture
def before_0005(db_engine: Engine) -> Iterator[str]:
    """The revision 0005 follows, whatever it is once the branches are merged."""
    script = ScriptDirectory.from_config(alembic_config(db_engine))
    down = script.get_revision("0005").down_revision
    assert isinstance(down, str)
    yield down
    upgrade(db_engine)
    with db_engine.begin() as connection:
        connection.execute(text("DELETE FROM imports WHERE file_name = 'migration-0005.csv'"))
        connection.execute(text("DELETE FROM sources WHERE name = 'migration-0005.csv'"))


def test_it_goes_up_down_and_up_again_keeping_the_imports_made_before(
    db_engine: Engine, before_0005: str
) -> None:
    upgrade(db_engine)
    assert "rows_sha256" in _columns(db_engine)
    downgrade(db_engine, before_0005)
    assert "rows_sha256" not in _columns(db_engine)
    assert not any(t.startswith("_alembic_tmp") for t in inspect(db_engine).get_table_names())
    with db_engine.begin() as connection:
        connection.execute(text(_SOURCE))
        connection.execute(text(_IMPORT), {"sha": "a" * 64})
    upgrade(db_engine)
    assert "rows_sha256" in _columns(db_engine)
    with db_engine.begin() as connection:
        kept = connection.execute(
            text("SELECT sha256, rows_sha256 FROM imports WHERE file_name = 'migration-0005.csv'")
        ).all()
    assert [tuple(row) for row in kept] == [("a" * 64, None)]
