"""`homeward incident list|show` and `homeward files add|verify|export|log`, as an
investigator runs them on the server."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from homeward.cli import app
from homeward.testimonies.schemas import MentionIn
from homeward.violations import service
from tests.testimonies.factories import a_witness, debrief
from tests.violations.factories import INVESTIGATOR, a_person, an_act, an_incident

runner = CliRunner()


@pytest.fixture
def db(clean_db: Engine) -> str:
    return clean_db.url.render_as_string(hide_password=False)


def invoke(files_dir: Path, *args: str, actor: str = "cli-investigator") -> tuple[int, str]:
    env = {"HOMEWARD_ACTOR": actor, "COLUMNS": "200",
           "HOMEWARD_FILES_DIR": str(files_dir)}  # fmt: skip
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


def seeded(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session, session.begin():
        victim = a_person(session)
        torture = an_act((victim,), "torture_beating", occurred="03.2023")
        starvation = an_act((victim,), "starvation", occurred="2024")
        first = service.record_incident(
            session, actor=INVESTIGATOR, incident=an_incident(session, torture, title="Beatings")
        )
        service.record_incident(
            session, actor=INVESTIGATOR, incident=an_incident(session, starvation, title="Rations")
        )
        return first.id, victim


def test_incident_list_filters_by_type_and_prints_json(
    db: str, clean_db: Engine, tmp_path: Path
) -> None:
    first, victim = seeded(clean_db)
    status, output = invoke(tmp_path, "incident", "list", "--type", "torture", "--json", "--db", db)
    assert status == 0, output
    listed = json.loads(output)
    assert [i["id"] for i in listed] == [first]
    assert listed[0]["acts"][0]["victims"][0]["person_id"] == victim
    assert listed[0]["acts"][0]["articles"] == "GC III Art. 13, 17, 130"
    status, output = invoke(tmp_path, "incident", "list", "--db", db)
    assert status == 0 and "Beatings" in output and "Rations" in output
    status, output = invoke(tmp_path, "incident", "list", "--type", "flogging", "--db", db)
    assert status == 2 and "'flogging' is not an act type" in output


def test_files_add_prints_the_sha256_and_verify_finds_tampering(
    db: str, clean_db: Engine, tmp_path: Path
) -> None:
    first, victim = seeded(clean_db)
    store = tmp_path / "store"
    evidence = tmp_path / "photo.jpg"
    evidence.write_bytes(os.urandom(100_000))
    digest = hashlib.sha256(evidence.read_bytes()).hexdigest()
    status, output = invoke(store, "files", "add", str(evidence), "--incident", str(first),
                            "--json", "--db", db)  # fmt: skip
    assert status == 0, output
    added = json.loads(output)
    assert added["sha256"] == digest and added["incident_id"] == first
    status, output = invoke(store, "files", "add", str(evidence), "--person", str(victim),
                            "--db", db)  # fmt: skip
    assert status == 0 and digest in output
    status, output = invoke(store, "files", "verify", "--db", db)
    assert status == 0 and "All 1 files are intact" in output
    stored = store / digest[:2] / digest
    stored.chmod(0o644)
    stored.write_bytes(b"edited")
    status, output = invoke(store, "files", "verify", "--db", db)
    assert status == 1 and f"changed: {digest} (file {added['id']}, {added['id'] + 1})" in output
    stored.unlink()
    status, output = invoke(store, "files", "verify", "--db", db)
    assert status == 1 and f"missing: {digest}" in output


def test_files_add_refuses_a_wrong_hash_and_the_log_shows_the_export(
    db: str, clean_db: Engine, tmp_path: Path
) -> None:
    _first, victim = seeded(clean_db)
    store, evidence = tmp_path / "store", tmp_path / "letter.txt"
    evidence.write_bytes(b"a letter from captivity")
    wrong = "0" * 64
    status, output = invoke(store, "files", "add", str(evidence), "--person", str(victim),
                            "--sha256", wrong, "--db", db)  # fmt: skip
    assert status == 2 and "as claimed" in output
    assert not any(p.is_file() for p in store.rglob("*"))
    status, output = invoke(store, "files", "add", str(evidence), "--person", str(victim),
                            "--json", "--db", db, actor="cli-custody")  # fmt: skip
    file_id = str(json.loads(output)["id"])
    status, output = invoke(store, "files", "export", file_id, str(tmp_path / "copy.txt"),
                            "--db", db, actor="cli-custody")  # fmt: skip
    assert status == 0, output
    assert (tmp_path / "copy.txt").read_bytes() == evidence.read_bytes()
    status, output = invoke(store, "files", "log", file_id, "--json", "--db", db)
    # the audit log outlives the tests' emptied tables: this test's entries are its actor's
    log = [(e["action"], e["username"]) for e in json.loads(output)]
    assert [entry for entry in log if entry[1] == "cli-custody"] == [
        ("file_add", "cli-custody"),
        ("file_export", "cli-custody"),
    ]


def test_files_add_refuses_a_file_over_the_configured_size_and_keeps_nothing(
    db: str, clean_db: Engine, tmp_path: Path
) -> None:
    _first, victim = seeded(clean_db)
    store, evidence = tmp_path / "store", tmp_path / "video.mp4"
    evidence.write_bytes(os.urandom(1024 * 1024 + 1))
    env = {"HOMEWARD_ACTOR": "cli-investigator", "HOMEWARD_FILES_DIR": str(store),
           "HOMEWARD_FILES_MAX_MB": "1", "COLUMNS": "200"}  # fmt: skip
    result = runner.invoke(
        app, ["files", "add", str(evidence), "--person", str(victim), "--db", db], env=env
    )
    assert result.exit_code == 2
    assert "larger than 1 MB (HOMEWARD_FILES_MAX_MB): nothing was stored" in result.output
    assert not any(p.is_file() for p in store.rglob("*"))
    status, output = invoke(store, "files", "verify", "--db", db)
    assert status == 0 and "All 0 files are intact" in output


def test_files_add_attaches_a_file_to_a_debriefing(
    db: str, clean_db: Engine, tmp_path: Path
) -> None:
    with Session(clean_db) as session, session.begin():
        debriefing = debrief(session, a_witness(session), MentionIn(name_heard="Гнатюк"))
        number = debriefing.id
    store = tmp_path / "store"
    recording = tmp_path / "debriefing.wav"
    recording.write_bytes(b"RIFF" + os.urandom(4000))
    status, output = invoke(store, "files", "add", str(recording), "--testimony", str(number),
                            "--json", "--db", db)  # fmt: skip
    assert status == 0, output
    added = json.loads(output)
    assert added["debriefing_id"] == number and added["incident_id"] is None
    assert added["sha256"] == hashlib.sha256(recording.read_bytes()).hexdigest()
    status, output = invoke(store, "files", "add", str(recording), "--testimony", "999",
                            "--db", db)  # fmt: skip
    assert status != 0 and "there is no debriefing 999" in output
