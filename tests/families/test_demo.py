"""`homeward demo` gives the liaison a world to work in — contacts, a queue of families to
inform, codes, a relative's message, extracts, e-mails waiting — and prints one family's code,
which opens the family page."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from homeward.cli import app
from homeward.families import queue
from homeward.families.models import Extract, FamilyCode, FamilyMessage, OutboxMessage
from homeward.registry.models import Contact
from homeward.web.app import create_app
from tests.families.web import family_client


def test_the_demo_prints_a_code_that_opens_its_familys_page(clean_db: Engine) -> None:
    url = clean_db.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(
        app,
        ["demo", "--persons", "200", "--recorded-twice", "0", "--db", url],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    found = re.search(
        r"families to inform.*\n\s+([0-9A-Z]{4}(?:-[0-9A-Z]{4}){5})\s+(.+?) \(", result.output
    )
    assert found, result.output
    code, relative = found.group(1), found.group(2)
    person = re.search(r"for (.+) \(person (\d+)\)", result.output)
    assert person
    with Session(clean_db) as session:

        def count(model: type[object]) -> int:
            return session.scalar(select(func.count()).select_from(model)) or 0

        assert count(Contact) > 100 and count(FamilyCode) == 20
        assert count(Extract) == 3 and count(FamilyMessage) == 1 and count(OutboxMessage) == 2
        # greeted alike, not "Шановні <a name in the nominative>"
        for body in session.scalars(select(OutboxMessage.body)):
            assert body.startswith("Доброго дня!\n\n") and "Шановн" not in body
        relative_row = session.scalars(select(Contact).where(Contact.name == relative)).first()
        assert relative_row is not None
    queued = re.search(r"(\d+) families to inform", result.output)
    assert queued and int(queued.group(1)) >= 20
    with Session(clean_db) as session:  # counted after the exchanges and debriefings added news
        assert int(queued.group(1)) == len(queue.queue_order(session, as_of=date.today()))
    page = family_client(create_app(engine=clean_db), code).get("/family").text
    assert person.group(1) in page
    assert "Полон підтверджено" in page


def test_the_demo_familys_message_speaks_of_the_person_as_the_relative_would() -> None:
    """A wife writes of her husband, a father of his daughter — never every relative of "my
    son"."""
    from types import SimpleNamespace
    from typing import Any

    from homeward.families.demo import message_from

    def said(relation: str, sex: str) -> str:
        contact: Any = SimpleNamespace(relation=relation)
        person: Any = SimpleNamespace(sex=sex)
        return message_from(contact, person)

    assert "бачив мого чоловіка" in said("wife", "M")
    assert "бачив мою доньку" in said("father", "F")
    assert "бачив мого сина" in said("mother", "M")
    assert "бачив нашу рідну людину" in said("grandparent", "U")
