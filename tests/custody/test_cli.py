"""The bureau's commands: a prisoner captured ten days ago with no card sent is listed late,
however he was recorded — the custody form, an import, or a person and a `captured` evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from homeward.cli import app
from tests.custody.factories import ago, dmy
from tests.documents.paper import require_poppler, text_of

runner = CliRunner()


@pytest.fixture
def db(clean_db: Engine) -> str:
    return clean_db.url.render_as_string(hide_password=False)


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def late_cards(db: str) -> set[int]:
    rows = json.loads(invoke("custody", "clocks", "--late", "--json", "--db", db))
    for row in rows:
        assert set(row) >= {"person_id", "obligation", "article", "due", "done", "late"}
    return {r["person_id"] for r in rows if r["obligation"] == "capture_card" and r["done"] is None}


def test_a_prisoner_captured_ten_days_ago_without_a_card_is_late_however_recorded(
    db: str, tmp_path: Path
) -> None:
    captured = dmy(ago(10))
    by_form = json.loads(
        invoke(
            "custody", "register", "--surname", "Иванов", "--given-name", "Иван",
            "--rank", "рядовой", "--service-number", "АБ-1", "--birth-date", "1990",
            "--captured-on", captured, "--captured-at", "Вовчанськ", "--json", "--db", db,
        )
    )["person_id"]  # fmt: skip
    by_hand = json.loads(
        invoke("person", "add", "--surname", "Петров", "--side", "adversary", "--json", "--db", db)
    )["id"]
    invoke("evidence", "add", str(by_hand), "--kind", "captured", "--on", captured, "--db", db)
    listing = tmp_path / "captured.csv"
    listing.write_text("Прізвище;Ім'я\nСидоров;Олег\n", encoding="utf-8")
    invoke(
        "import", str(listing), "--kind", "captured", "--date", captured,
        "--side", "adversary", "--db", db,
    )  # fmt: skip
    late = late_cards(db)
    assert by_form in late and by_hand in late and len(late) == 3


def test_printing_the_card_turns_its_clock_to_done(db: str, tmp_path: Path) -> None:
    require_poppler()
    person = json.loads(
        invoke("person", "add", "--surname", "Семёнов", "--side", "adversary", "--json", "--db", db)
    )["id"]
    invoke("evidence", "add", str(person), "--kind", "captured", "--on", dmy(ago(3)), "--db", db)
    assert person not in late_cards(db)
    card = tmp_path / "card.pdf"
    invoke("custody", "card", str(person), "--out", str(card), "--db", db)
    assert "Карточка о взятии в плен" in text_of(card.read_bytes())
    rows = json.loads(invoke("custody", "clocks", "--json", "--person", str(person), "--db", db))
    [card_clock] = [r for r in rows if r["obligation"] == "capture_card"]
    assert card_clock["done"] == ago(0).isoformat() and card_clock["late"] is False


def test_bad_input_is_a_message_not_a_traceback(db: str) -> None:
    result = runner.invoke(
        app, ["custody", "event", "999", "--kind", "moved", "--on", "01.01.2024", "--db", db]
    )
    assert result.exit_code == 2
    assert "error:" in result.output + (result.stderr if result.stderr_bytes else "")


def test_the_figures_count_those_lost_after_their_return(db: str) -> None:
    person = json.loads(
        invoke("person", "add", "--surname", "Орлов", "--side", "adversary", "--json", "--db", db)
    )["id"]
    for kind, days in (("captured", 300), ("repatriated", 200), ("captured", 20)):
        invoke("evidence", "add", str(person), "--kind", kind, "--on", dmy(ago(days)), "--db", db)
    data = json.loads(invoke("custody", "figures", "--json", "--db", db))
    assert data == {"held_now": 1, "by_status": {"in_custody": 1}, "lost_after_return": 1}
