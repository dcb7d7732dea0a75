"""`homeward testimony record|list|show|link|reexamine`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from homeward.cli import app

runner = CliRunner()


@pytest.fixture
def db(clean_db: Engine) -> str:
    return clean_db.url.render_as_string(hide_password=False)


def invoke(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.output


def test_a_debriefing_recorded_from_a_file_is_listed_and_shown(db: str, tmp_path: Path) -> None:
    person = json.loads(
        invoke(
            "person",
            "add",
            "--surname",
            "Коваленко",
            "--given-name",
            "Олександр",
            "--json",
            "--db",
            db,
        )
    )["id"]
    debriefing = {
        "witness_name": "Свідченко Андрій",
        "interviewer": "cli-test",
        "held_on": "2024-03-20",
        "mentions": [
            {
                "name_heard": "Kovalenko Oleksandr",
                "place": "СІЗО-2 Таганрог",
                "when": "2023",
                "person_id": person,
            },
            {
                "name_heard": "Сашко з Полтави",
                "age": "~30",
                "when": "2023",
                "words": "from Poltava",
            },
        ],
    }
    path = tmp_path / "debriefing.json"
    path.write_text(json.dumps(debriefing, ensure_ascii=False), encoding="utf-8")
    recorded = json.loads(invoke("testimony", "record", str(path), "--json", "--db", db))
    assert (recorded["mentions"], recorded["linked"], recorded["open"]) == (2, 1, 1)

    listed = json.loads(invoke("testimony", "list", "--json", "--db", db))
    assert [d["id"] for d in listed] == [recorded["id"]]
    shown = json.loads(invoke("testimony", "show", str(recorded["id"]), "--json", "--db", db))
    first, second = shown["mentions"]
    assert first["resolved"] and first["resolution"]["person_id"] == person
    assert (
        not second["resolved"] and second["age"] == [30, 30] and second["words"] == "from Poltava"
    )
    assert "Сашко" in invoke("testimony", "show", str(recorded["id"]), "--db", db)

    later = json.loads(
        invoke(
            "person", "add", "--surname", "Гнатюк", "--given-name", "Сашко", "--json", "--db", db
        )
    )["id"]
    assert later  # the open mention has no surname the register can match: no proposal
    assert json.loads(invoke("testimony", "reexamine", "--json", "--db", db)) == []
    invoke("testimony", "link", str(second["id"]), str(later), "--db", db)
    shown = json.loads(invoke("testimony", "show", str(recorded["id"]), "--json", "--db", db))
    assert all(m["resolved"] for m in shown["mentions"])


def test_a_bad_file_names_the_row_and_writes_nothing(db: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps({"witness_name": "W", "interviewer": "I", "held_on": "2024-03-20",
                    "mentions": [{"name_heard": "A"}, {}]}),
        encoding="utf-8",
    )  # fmt: skip
    output = invoke("testimony", "record", str(path), "--db", db, code=2)
    assert "mentions[2].name_heard" in output and "row 2" in output
    assert json.loads(invoke("testimony", "list", "--json", "--db", db)) == []
