"""`homeward exchange …` end to end: a new exchange prints its id; candidates come ranked with
their reasons (the seriously ill first, the held back apart); propose, agree, show; reconcile a
roster as a dry run and for real, with the figures in JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from homeward.cli import app
from homeward.custody.records import record_inspection
from homeward.custody.schemas import InspectionIn
from homeward.db import session_factory, transaction
from homeward.registry.schemas import validated
from tests.custody.factories import CUSTODIAN, ago, dmy
from tests.exchanges.factories import our_captive, their_prisoner

runner = CliRunner()


@pytest.fixture
def db(clean_db: Engine) -> str:
    return clean_db.url.render_as_string(hide_password=False)


def invoke(*args: str) -> str:
    result = runner.invoke(app, [*args])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_whole_exchange_from_the_command_line(db: str, clean_db: Engine, tmp_path: Path) -> None:
    with transaction(session_factory(clean_db)) as session:
        young = our_captive(session, birth_date="03.2004")
        older = our_captive(session, surname="Шевчук", birth_date="1970")
        long_held = their_prisoner(session, birth_date="2002", captured_on=dmy(ago(900)))
        ill = their_prisoner(session, surname="Зайцев", birth_date="2003", captured_on=dmy(ago(20)))
        record_inspection(
            session, actor=CUSTODIAN, person_id=ill,
            inspection=validated(InspectionIn, {"on": dmy(ago(5)), "seriously_ill": True}),
        )  # fmt: skip
        held = their_prisoner(session, surname="Орлов", birth_date="2004", captured_on=dmy(ago(60)))
    invoke("exchange", "hold", str(held), "--kind", "proceedings", "--since", dmy(ago(30)),
           "--note", "case 1-23", "--db", db)  # fmt: skip
    day = dmy(date.today())
    exchange = invoke(
        "exchange", "new", "--on", day, "--name", "Обмін", "--mode", "one_for_one",
        "--category", "under_25", "--category", "seriously_ill", "--db", db,
    ).strip()  # fmt: skip
    assert exchange.isdigit()
    codes = {c["code"] for c in json.loads(invoke("exchange", "categories", "--json"))}
    assert {"under_25", "seriously_ill", "mariupol_2022"} <= codes

    theirs = json.loads(
        invoke("exchange", "candidates", exchange, "--side", "adversary", "--json", "--db", db)
    )
    assert [c["person_id"] for c in theirs["candidates"]] == [ill, long_held]
    assert theirs["candidates"][0]["reasons"]["seriously_ill"]["answer"] == "yes"
    assert [c["person_id"] for c in theirs["never_offered"]] == [held]
    assert "Art. 115, 119" in theirs["never_offered"][0]["excluded"]
    ours = json.loads(
        invoke(
            "exchange", "candidates", exchange, "--side", "own", "--category", "under_25",
            "--sure-only", "--json", "--db", db,
        )
    )  # fmt: skip
    assert [c["person_id"] for c in ours["candidates"]] == [young]
    assert older not in {c["person_id"] for c in ours["candidates"]}

    invoke(
        "exchange", "propose", exchange, str(young), "--side", "own", "--reason", "r1", "--db", db
    )
    invoke(
        "exchange", "propose", exchange, str(ill), str(long_held), "--side", "adversary",
        "--reason", "r1", "--db", db,
    )  # fmt: skip
    refused = runner.invoke(
        app, ["exchange", "propose", exchange, str(held), "--side", "adversary", "--reason", "r",
              "--db", db],
    )  # fmt: skip
    assert refused.exit_code == 2 and "never offered" in " ".join(refused.output.split())
    unbalanced = runner.invoke(app, ["exchange", "agree", exchange, "--db", db])
    assert unbalanced.exit_code == 2
    assert "one for one: 1 asked back, 2 offered" in " ".join(unbalanced.output.split())
    invoke("exchange", "agree", exchange, "--reason", "one wounded extra", "--db", db)
    shown = json.loads(invoke("exchange", "show", exchange, "--json", "--db", db))
    assert shown["state"] == "agreed" and not shown["balance"]["balanced"]
    assert shown["composition"]["adversary"]["category"] == {"under_25": 2, "seriously_ill": 1}

    roster = tmp_path / "roster.csv"
    roster.write_text(
        "ПІБ,Дата народження\nKovalenko Oleksandr Petrovych,03.2004\n", encoding="utf-8"
    )
    dry = json.loads(
        invoke("exchange", "reconcile", exchange, str(roster), "--side", "own", "--dry-run",
               "--json", "--db", db)
    )  # fmt: skip
    for key in ("came_back_on_list", "came_back_not_on_list", "did_not_come",
                "unknown_to_register", "never_confirmed_before_return"):  # fmt: skip
        assert isinstance(dry[key], int) and isinstance(dry["persons"][key], list)
    assert dry["came_back_on_list"] == 1 and dry["dry_run"] is True
    applied = json.loads(
        invoke("exchange", "reconcile", exchange, str(roster), "--side", "own", "--json",
               "--db", db)
    )  # fmt: skip
    assert applied["persons"]["came_back_on_list"][0]["person_id"] == young
    again = json.loads(
        invoke("exchange", "reconcile", exchange, str(roster), "--side", "own", "--json",
               "--db", db)
    )  # fmt: skip
    assert again["already_applied"] is True
    shown = json.loads(invoke("exchange", "show", exchange, "--json", "--db", db))
    assert shown["state"] == "reconciled" and shown["reconciliations"]["own"]["rows"] == 1


def test_a_hold_is_lifted_from_the_command_line(db: str, clean_db: Engine) -> None:
    with transaction(session_factory(clean_db)) as session:
        held = their_prisoner(session, surname="Орлов", birth_date="2004", captured_on=dmy(ago(60)))
    said = invoke("exchange", "hold", str(held), "--kind", "refuses", "--since", dmy(ago(30)),
                  "--db", db)  # fmt: skip
    hold_id = said.split("hold ")[1].split(":")[0]
    listed = json.loads(invoke("exchange", "holds", str(held), "--json", "--db", db))
    assert [(h["hold"], h["kind"], h["lifted_on"]) for h in listed] == [
        (int(hold_id), "refuses", None)
    ]
    exchange = invoke(
        "exchange", "new", "--on", dmy(date.today()), "--name", "Обмін", "--category",
        "under_25", "--db", db,
    ).strip()  # fmt: skip

    def never_offered() -> list[int]:
        found = json.loads(
            invoke("exchange", "candidates", exchange, "--side", "adversary", "--json", "--db", db)
        )
        return [c["person_id"] for c in found["never_offered"]]

    assert never_offered() == [held]
    early = runner.invoke(app, ["exchange", "lift-hold", hold_id, "--on", dmy(ago(31)),
                                "--reason", "r", "--db", db])  # fmt: skip
    assert early.exit_code == 2 and "before it began" in " ".join(early.output.split())
    lifted = invoke("exchange", "lift-hold", hold_id, "--on", dmy(ago(1)), "--reason",
                    "he agreed to go home", "--db", db)  # fmt: skip
    assert f"person {held} is lifted" in lifted
    assert never_offered() == []
    assert f"lifted on {dmy(ago(1))} by" in invoke("exchange", "holds", str(held), "--db", db)
    again = runner.invoke(app, ["exchange", "lift-hold", hold_id, "--on", dmy(ago(0)),
                                "--reason", "r", "--db", db])  # fmt: skip
    assert again.exit_code == 2 and "already lifted" in " ".join(again.output.split())


def test_comparing_two_versions_of_a_list_is_an_audited_read(db: str, clean_db: Engine) -> None:
    """Who was added to a list and removed from it, and why: read on the console, it is in
    the audit log by the actor given, as the web's comparison is."""
    from sqlalchemy import func, select

    from homeward.access.models import AuditEntry

    with transaction(session_factory(clean_db)) as session:
        first = our_captive(session, birth_date="03.2004")
        second = our_captive(session, surname="Шевчук", birth_date="2003")
    exchange = invoke("exchange", "new", "--on", dmy(date.today()), "--name", "Обмін",
                      "--db", db).strip()  # fmt: skip
    for person in (first, second):
        invoke("exchange", "propose", exchange, str(person), "--side", "own", "--reason", "r",
               "--db", db)  # fmt: skip
    with transaction(session_factory(clean_db)) as session:
        before = session.scalar(select(func.max(AuditEntry.seq))) or 0
    shown = json.loads(
        invoke("exchange", "compare", exchange, "--side", "own", "--from", "1", "--to", "2",
               "--actor", "negotiator", "--json", "--db", db)
    )  # fmt: skip
    assert shown["added"] == [second]
    with transaction(session_factory(clean_db)) as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.seq > before)).all()
        assert [(e.username, e.object_id) for e in entries] == [("negotiator", exchange)]
