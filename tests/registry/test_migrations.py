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


def test_the_migrated_schema_is_the_models_schema(db_engine: Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from homeward.db import Base
    from homeward.models import load_all

    load_all()
    upgrade(db_engine)
    with db_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        differences = [
            d
            for d in compare_metadata(context, Base.metadata)
            if not (isinstance(d, tuple) and d[0] in ("add_table", "remove_table")
                    and d[1].name == "alembic_version")
        ]  # fmt: skip
    assert differences == []


def test_places_spelled_in_two_cases_become_one_and_import_history_gets_its_shape(
    db_engine: Engine,
) -> None:
    downgrade(db_engine, "0003")
    try:
        with db_engine.begin() as connection:
            run = connection.exec_driver_sql
            now = "2026-01-01 00:00:00+00:00"
            run(
                "INSERT INTO persons (id, side, surname, sex, service_status, status, version, "
                f"created_at, updated_at) VALUES (9001, 'own', 'Тест', 'M', 'military', "
                f"'missing', 1, '{now}', '{now}')"
            )
            run("INSERT INTO places (id, name, kind) VALUES (801, 'СІЗО-1 Таганрог', 'sizo')")
            run("INSERT INTO places (id, name, kind) VALUES (802, 'сізо-1 таганрог', 'other')")
            run("INSERT INTO place_aliases (place_id, alias) VALUES (802, 'SIZO-1 Taganrog')")
            for evidence_id, place_id in ((701, 801), (702, 802)):
                run(
                    "INSERT INTO evidence (id, person_id, kind, occurred_on, occurred_precision, "
                    "reliability, place_id, recorded_at, recorded_by) VALUES "
                    f"({evidence_id}, 9001, 'captor_list', '2024-05-01', 'month', 'medium', "
                    f"{place_id}, '{now}', 'test')"
                )
            run(
                "INSERT INTO person_history (person_id, action, actor, channel, at, changes) "
                f"VALUES (9001, 'evidence_added', 'test', 'import', '{now}', "
                """'{"evidence_id": 702, "kind": "captor_list"}')"""
            )
        upgrade(db_engine)
        with db_engine.connect() as connection:
            places = connection.exec_driver_sql(
                "SELECT id, name, key FROM places WHERE id IN (801, 802)"
            ).all()
            assert places == [(801, "СІЗО-1 Таганрог", "сізо-1 таганрог")]
            aliases = connection.exec_driver_sql(
                "SELECT alias, key FROM place_aliases WHERE place_id = 801 ORDER BY alias"
            ).all()
            assert aliases == [
                ("SIZO-1 Taganrog", "sizo-1 taganrog"),
                ("сізо-1 таганрог", "сізо-1 таганрог"),
            ]
            places_of_evidence = connection.exec_driver_sql(
                "SELECT DISTINCT place_id FROM evidence WHERE id IN (701, 702)"
            ).all()
            assert places_of_evidence == [(801,)]
            (changes,) = connection.exec_driver_sql(
                "SELECT changes FROM person_history WHERE person_id = 9001"
            ).one()
        import json

        shaped = json.loads(changes) if isinstance(changes, str) else changes
        assert shaped["evidence"]["kind"] == "captor_list"
        assert shaped["evidence"]["on"] == "2024-05"
        assert shaped["evidence"]["place"] == "СІЗО-1 Таганрог"
    finally:
        upgrade(db_engine)
        with db_engine.begin() as connection:
            for table in ("person_history", "evidence", "place_aliases"):
                connection.exec_driver_sql(f"DELETE FROM {table} WHERE id > 0 AND "
                                           + ("person_id = 9001" if table != "place_aliases"
                                              else "place_id = 801"))  # fmt: skip
            connection.exec_driver_sql("DELETE FROM places WHERE id = 801")
            connection.exec_driver_sql("DELETE FROM persons WHERE id = 9001")
