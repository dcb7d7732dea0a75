"""Writes at the same moment, through a real server with one event loop (as one worker of
`homeward serve`), on SQLite and PostgreSQL: every write waits its turn off the event loop and
succeeds, and health checks and reads answer while a write waits for the lock."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial

import httpx
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.roles import Role
from homeward.registry.service import create_person
from tests.factories import OPERATOR, person_in
from tests.imports.files import DEMO_HEADER, csv_bytes, demo_rows
from tests.web.live import live_server, signed_in_client


def _persons(engine: Engine, count: int) -> list[int]:
    with Session(engine) as session, session.begin():
        made = [
            create_person(session, actor=OPERATOR, person=person_in(surname=f"Писаренко{n}"))
            for n in range(count)
        ]
        session.flush()
        return [person.id for person in made]


def _at_once(calls: list[Callable[[], httpx.Response]]) -> list[int]:
    """Every call started at the same moment, each from its own thread and client."""
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], httpx.Response]) -> int:
        start.wait()
        return call().status_code

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def _evidence(client: httpx.Client, person_id: int, day: int) -> Callable[[], httpx.Response]:
    # the same new source and place at once: one of the two creates each, the other finds it
    body = {"kind": "captor_list", "on": f"{day:02d}.03.2024", "place": f"СІЗО-{day} Таганрог",
            "source": {"kind": "list", "name": f"captor's list {day}"}}  # fmt: skip
    return lambda: client.post(f"/api/persons/{person_id}/evidence", json=body)


def test_two_evidence_additions_at_once_both_succeed(web_db: Engine) -> None:
    persons = _persons(web_db, 2)
    with live_server(web_db) as base:
        clients = [signed_in_client(base, Role.OPERATOR) for _ in persons]
        for day in range(1, 6):
            calls = [_evidence(c, p, day) for c, p in zip(clients, persons, strict=True)]
            assert _at_once(calls) == [201, 201]
    with Session(web_db) as session:
        assert audit.verify(session).intact


def test_edits_of_two_persons_at_once_both_succeed(web_db: Engine) -> None:
    persons = _persons(web_db, 4)
    with live_server(web_db) as base:
        clients = [signed_in_client(base, Role.OPERATOR) for _ in persons]
        for round_ in range(3):
            calls: list[Callable[[], httpx.Response]] = []
            for client, person_id in zip(clients, persons, strict=True):
                version = client.get(f"/api/persons/{person_id}").json()["version"]
                body = {"version": version, "changes": {"rank": f"солдат {round_}"},
                        "reason": "from the unit's roll"}  # fmt: skip
                calls.append(partial(client.patch, f"/api/persons/{person_id}", json=body))
            assert _at_once(calls) == [200] * len(persons)


@contextmanager
def _write_lock_held(engine: Engine) -> Iterator[None]:
    """Another writer holds the lock every write needs: SQLite's write lock, or on PostgreSQL
    the advisory lock that serialises the audit log's appends."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": audit._LOCK_KEY})
        try:
            yield
        finally:
            if engine.dialect.name == "sqlite":
                connection.exec_driver_sql("ROLLBACK")
            else:
                connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": audit._LOCK_KEY}
                )


def test_health_checks_and_reads_answer_while_a_write_waits_for_the_lock(web_db: Engine) -> None:
    (person_id,) = _persons(web_db, 1)
    with live_server(web_db) as base:
        writer = signed_in_client(base, Role.OPERATOR)
        reader = signed_in_client(base, Role.ANALYST)
        with ThreadPoolExecutor(max_workers=1) as pool:
            with _write_lock_held(web_db):
                waiting = pool.submit(_evidence(writer, person_id, 1))
                # The write now waits for the lock; the event loop must stay free meanwhile.
                with httpx.Client(base_url=base, timeout=5) as anyone:
                    assert anyone.get("/healthz").status_code == 200
                # a read that appends nothing to the audit log (a person's page does, and
                # waits its turn for the lock like any write)
                assert reader.get("/api/me", timeout=5).status_code == 200
                assert not waiting.done()
            assert waiting.result(timeout=30).status_code == 201
            assert reader.get(f"/api/persons/{person_id}").status_code == 200


def test_writes_during_an_import_succeed(web_db: Engine) -> None:
    persons = _persons(web_db, 3)
    rows = demo_rows(400, seed=11)
    data = csv_bytes([DEMO_HEADER, *rows])
    with live_server(web_db) as base:
        importer = signed_in_client(base, Role.OPERATOR, timeout=120)
        writers = [signed_in_client(base, Role.OPERATOR) for _ in persons]
        fields = {"kind": "captor_list", "list_date": "01.05.2024", "skip_invalid": "true"}

        def run_import() -> httpx.Response:
            return importer.post("/api/imports", data=fields, files={"file": ("list.csv", data)})

        calls = [run_import] + [_evidence(c, p, 2) for c, p in zip(writers, persons, strict=True)]
        assert _at_once(calls) == [201] * len(calls)
        assert _at_once([_evidence(c, p, 3) for c, p in zip(writers, persons, strict=True)]) == [
            201
        ] * len(persons)
    with Session(web_db) as session:
        assert audit.verify(session).intact
