"""The command line as an operator uses it, on a SQLite file of its own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from homeward.cli import app

runner = CliRunner()


@pytest.fixture
def db(clean_db: Engine) -> str:
    """The test database (SQLite or PostgreSQL), emptied after the test."""
    return clean_db.url.render_as_string(hide_password=False)


def test_init_creates_a_register(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    result = runner.invoke(app, ["init", "--db", url])
    assert result.exit_code == 0, result.output
    assert "The register is ready" in result.output


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


def add_person(db: str, *extra: str) -> int:
    code, out = invoke(
        "person",
        "add",
        "--surname",
        "Коваленко",
        "--given-name",
        "Олександр",
        "--patronymic",
        "Петрович",
        "--sex",
        "M",
        "--birth-date",
        "12.03.1999",
        "--source",
        "Mother's report",
        "--actor",
        "operator",
        "--db",
        db,
        "--json",
        *extra,
    )
    assert code == 0, out
    return int(json.loads(out)["id"])


def test_an_operator_adds_a_person_and_evidence_and_reads_the_explanation(db: str) -> None:
    person_id = add_person(db)
    code, out = invoke(
        "evidence",
        "add",
        str(person_id),
        "--kind",
        "icrc_notification",
        "--on",
        "01.02.2024",
        "--source-kind",
        "organisation",
        "--source",
        "ICRC",
        "--actor",
        "operator",
        "--db",
        db,
    )
    assert code == 0, out
    assert "captivity_confirmed" in out
    code, out = invoke("person", "show", str(person_id), "--db", db)
    assert code == 0, out
    assert "Captivity confirmed on 1 February 2024: the ICRC notified it." in out
    assert "Mother's report" in out
    code, out = invoke("person", "show", str(person_id), "--db", db, "--json", "--lang", "uk")
    data = json.loads(out)
    assert data["status"]["explanation"].startswith("Полон підтверджено 1 лютого 2024 р.")
    assert data["identity"]["birth_date"] == "1999-03-12"


def test_person_list_and_history_read_as_json(db: str) -> None:
    person_id = add_person(db)
    code, out = invoke("person", "list", "--db", db, "--json")
    assert json.loads(out)["total"] == 1
    code, out = invoke(
        "person",
        "edit",
        str(person_id),
        "--version",
        "1",
        "--set",
        "rank=солдат",
        "--reason",
        "from the unit's roll",
        "--actor",
        "analyst",
        "--db",
        db,
    )
    assert code == 0, out
    code, out = invoke("person", "history", str(person_id), "--db", db, "--json")
    history = json.loads(out)
    assert [h["action"] for h in history] == ["create", "edit"]
    assert history[1]["actor"] == "analyst" and history[1]["changes"]["rank"]["new"] == "солдат"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--birth-date", "31.02.1999"], "birth_date"),
        (["--birth-date", "2023", "--missing-date", "2022"], "birth_date"),
        (["--sex", "Q"], "sex"),
    ],
)
def test_bad_input_is_a_message_naming_the_field_not_a_traceback(
    db: str, args: list[str], message: str
) -> None:
    code, out = invoke("person", "add", "--surname", "Бойко", "--db", db, *args)
    assert code == 2
    assert message in out and "Traceback" not in out
    code, out = invoke("person", "list", "--db", db, "--json")
    assert json.loads(out)["total"] == 0


def test_an_unknown_person_or_evidence_kind_is_named(db: str) -> None:
    code, out = invoke("person", "show", "42", "--db", db)
    assert code == 2 and "no person 42" in out
    person_id = add_person(db)
    code, out = invoke(
        "evidence", "add", str(person_id), "--kind", "rumour", "--on", "2023", "--db", db
    )
    assert code == 2 and "kind" in out


def test_a_stale_edit_is_refused(db: str) -> None:
    person_id = add_person(db)
    args = ["person", "edit", str(person_id), "--version", "1", "--reason", "r", "--db", db]
    assert invoke(*args, "--set", "rank=солдат")[0] == 0
    code, out = invoke(*args, "--set", "rank=сержант")
    assert code == 2 and "changed by someone else" in out


def test_an_uninitialised_database_is_explained(tmp_path: Path) -> None:
    code, out = invoke("person", "list", "--db", f"sqlite:///{tmp_path / 'none.sqlite3'}")
    assert code == 2 and "homeward init" in out


def test_the_demo_builds_only_into_an_empty_register(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    code, out = invoke("demo", "--persons", "100", "--seed", "3", "--db", url)
    assert code == 0, out
    out_demo = out
    built = re.search(r"Built a synthetic register of (\d+) persons", out)
    twice = re.search(
        r"(\d+) persons were stored twice .*?: (\d+) merged\s+automatically", out, re.S
    )
    assert built and twice, out
    assert int(built[1]) == 100 + int(twice[1])
    code, out = invoke("person", "list", "--db", url, "--json")
    # merged persons are not listed; the demo's exchanges made persons unknown to the register
    unknown = sum(int(n) for n in re.findall(r"(\d+) unknown to the\s+register", out_demo))
    active = int(built[1]) - int(twice[2]) + unknown
    assert json.loads(out)["total"] == active
    code, out = invoke("demo", "--persons", "100", "--db", url)
    assert code == 2 and "already holds" in out


def test_reading_and_changing_a_person_from_the_console_is_audited(db: str) -> None:
    person_id = add_person(db)
    actor = "console-auditee"
    assert invoke("person", "show", str(person_id), "--db", db, "--actor", actor)[0] == 0
    assert invoke("person", "list", "--db", db, "--actor", actor)[0] == 0
    code, out = invoke("audit", "list", "--user", actor, "--json", "--db", db)
    assert code == 0, out
    actions = [entry["action"] for entry in json.loads(out)["entries"]]
    assert actions == ["list_persons", "view_person"]
    code, out = invoke("audit", "verify", "--db", db)
    assert code == 0, out
    assert "intact" in out


def test_serving_beyond_loopback_without_a_public_address_warns(
    db: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The family code letters and the extracts print the site's address: without
    HOMEWARD_PUBLIC_URL it is the request's Host header, which the sender chooses."""
    import uvicorn

    started: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: started.append(kwargs))
    monkeypatch.delenv("HOMEWARD_PUBLIC_URL", raising=False)
    for host, warned in (("0.0.0.0", True), ("127.0.0.1", False), ("localhost", False)):
        caplog.clear()
        code, output = invoke("serve", "--host", host, "--db", db)
        assert code == 0, output
        assert ("HOMEWARD_PUBLIC_URL" in caplog.text) is warned, (host, caplog.text)
        assert ("HOMEWARD_PUBLIC_URL" in output) is warned
    monkeypatch.setenv("HOMEWARD_PUBLIC_URL", "https://homeward.example.org")
    caplog.clear()
    code, output = invoke("serve", "--host", "0.0.0.0", "--db", db)
    assert code == 0 and "HOMEWARD_PUBLIC_URL" not in caplog.text + output
    assert len(started) == 4
