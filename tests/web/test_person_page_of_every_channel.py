"""A person's page opens, for every role that reads, whatever made the person and their history:
the command line, the intake form, an import, a merge, the demo."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from homeward.access.roles import Permission, Role, allows
from homeward.cli import app as cli
from homeward.demo.store import build_demo
from homeward.registry.models import Person, PersonHistory
from homeward.registry.vocab import HistoryAction
from tests.imports.files import csv_bytes
from tests.web.conftest import ClientFor
from tests.web.test_intake import FORM
from tests.web.test_persons import make_person, submit

READERS = [role for role in Role if allows(role, Permission.READ)]


def _made_by_the_cli(web_db: Engine) -> int:
    url = web_db.url.render_as_string(hide_password=False)
    runner = CliRunner()
    added = runner.invoke(
        cli,
        ["person", "add", "--surname", "Гнатюк", "--given-name", "Остап", "--birth-date",
         "1990", "--source-kind", "relative", "--source", "Sister's call", "--db", url, "--json"],
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    with Session(web_db) as session:
        person_id = session.scalars(select(Person.id).where(Person.surname == "Гнатюк")).one()
    evidence = runner.invoke(
        cli,
        ["evidence", "add", str(person_id), "--kind", "icrc_notification", "--on", "01.02.2024",
         "--source-kind", "organisation", "--source", "ICRC", "--place", "СІЗО-2", "--db", url],
    )  # fmt: skip
    assert evidence.exit_code == 0, evidence.output
    return person_id


def _made_by_intake(client_as: ClientFor) -> int:
    client = client_as(Role.OPERATOR)
    answer = client.form("/intake", FORM)
    assert answer.status_code == 303, answer.text
    done = client.get(answer.headers["location"])
    assert done.status_code == 200
    return int(done.text.split('href="/persons/')[1].split('"')[0])


def _made_by_an_import(client_as: ClientFor, web_db: Engine) -> int:
    client = client_as(Role.OPERATOR)
    rows = [["Прізвище", "Ім'я", "Дата народження", "Місце"],
            ["Ярошенко", "Влас", "07.07.1977", "Оленівка"]]  # fmt: skip
    answer = client.post(
        "/api/imports",
        data={"kind": "captor_list", "list_date": "01.05.2024"},
        files={"file": ("list.csv", csv_bytes(rows), "text/csv")},
        headers={"X-CSRF-Token": client.csrf},
    )
    assert answer.status_code == 201, answer.text
    with Session(web_db) as session:
        return session.scalars(select(Person.id).where(Person.surname == "Ярошенко")).one()


def _made_by_a_merge(client_as: ClientFor, web_db: Engine) -> tuple[int, int]:
    survivor = make_person(web_db, surname="Дячук")
    absorbed = make_person(web_db, surname="Дячук", given_name="Олесь", birth_date="1999")
    merged = submit(
        client_as(Role.ANALYST),
        f"/persons/{survivor}/merge",
        {"other": str(absorbed), "reason": "one man on two lists"},
    )
    assert merged.status_code == 303
    return survivor, absorbed


def _made_by_the_demo(web_db: Engine) -> list[int]:
    build_demo(web_db, persons=12, seed=3, as_of=date(2026, 1, 1))
    with Session(web_db) as session:
        query = select(PersonHistory.person_id).where(PersonHistory.channel == "demo")
        return list(session.scalars(query))[:4]


def test_every_channel_makes_a_page_that_opens_for_every_reader(
    client_as: ClientFor, web_db: Engine
) -> None:
    persons = [
        _made_by_the_cli(web_db),
        _made_by_intake(client_as),
        _made_by_an_import(client_as, web_db),
        *_made_by_a_merge(client_as, web_db),
        *_made_by_the_demo(web_db),
    ]
    for role in READERS:
        client = client_as(role)
        for person_id in persons:
            for lang in ("uk", "en"):
                client.cookies.set("homeward_lang", lang)
                page = client.get(f"/persons/{person_id}")
                assert page.status_code == 200, (role, person_id, page.text[:500])
                assert client.get(f"/api/persons/{person_id}").status_code == 200


def test_evidence_added_has_one_shape_whatever_the_channel(
    client_as: ClientFor, web_db: Engine
) -> None:
    _made_by_the_cli(web_db)
    _made_by_an_import(client_as, web_db)
    with Session(web_db) as session:
        entries = session.scalars(
            select(PersonHistory).where(PersonHistory.action == HistoryAction.EVIDENCE_ADDED)
        ).all()
    channels = {entry.channel for entry in entries}
    assert channels == {"cli", "import"}
    shapes = {(tuple(sorted(e.changes)), tuple(sorted(e.changes["evidence"]))) for e in entries}
    assert len(shapes) == 1, shapes
