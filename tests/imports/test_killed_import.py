"""An import killed at any moment (SIGKILL) leaves all of the file or nothing of it, and a
database that passes its integrity checks."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from homeward.db import make_engine
from homeward.migrate import upgrade
from tests.imports.files import DEMO_HEADER, csv_bytes, demo_rows

RUN_IMPORT = "from homeward.imports.cli import import_app; import_app()"
KILLS = 4


def _start(path: Path, database: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", RUN_IMPORT, str(path), "--no-link", "--skip-invalid"]
    command += ["--kind", "captor_list", "--date", "01.05.2024", "--json"]
    command += ["--db", f"sqlite:///{database}", "--actor", "operator"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _state(database: Path) -> dict[str, int]:
    """What the database holds of the file, after checking that it is sound."""
    connection = sqlite3.connect(database)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        dangling = connection.execute(
            "SELECT count(*) FROM reports r LEFT JOIN persons p ON p.id = r.person_id "
            "WHERE r.person_id IS NOT NULL AND p.id IS NULL"
        ).fetchone()[0]
        assert dangling == 0
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("imports", "reports", "persons", "person_names", "evidence")
        }
    finally:
        connection.close()


def _all_or_nothing(state: dict[str, int]) -> bool:
    if state["imports"] == 0:
        return set(state.values()) == {0}
    rows = state["reports"]
    return state["imports"] == 1 and rows > 0 and set(state.values()) == {1, rows}


@pytest.mark.slow
def test_a_killed_import_leaves_all_of_the_file_or_nothing(tmp_path: Path) -> None:
    path = tmp_path / "captor.csv"
    path.write_bytes(csv_bytes([DEMO_HEADER, *demo_rows(3000, seed=3)], delimiter=";"))
    database = tmp_path / "register.sqlite3"
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    engine.dispose()

    started = time.perf_counter()
    timing = tmp_path / "timing.sqlite3"
    timing.write_bytes(database.read_bytes())
    assert _start(path, timing).wait(timeout=300) == 0
    whole = time.perf_counter() - started
    complete = _state(timing)
    assert complete["reports"] > 2900

    draw = random.Random(20240501)
    for _ in range(KILLS):
        process = _start(path, database)
        time.sleep(draw.uniform(0.2, whole * 1.1))
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        state = _state(database)
        assert _all_or_nothing(state), state
        assert state in (dict.fromkeys(state, 0), complete)
    assert _start(path, database).wait(timeout=300) == 0
    assert _state(database) == complete
