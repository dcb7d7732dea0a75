from __future__ import annotations

from sqlalchemy import Engine, inspect

from homeward.migrate import downgrade, upgrade


def test_migrations_go_up_down_and_up_again(db_engine: Engine) -> None:
    upgrade(db_engine)
    assert inspect(db_engine).has_table("persons")
    downgrade(db_engine, "base")
    assert not inspect(db_engine).has_table("persons")
    assert not any(t.startswith("_alembic_tmp") for t in inspect(db_engine).get_table_names())
    upgrade(db_engine)
    assert inspect(db_engine).has_table("persons")
