"""A roster that cannot be checked: the error at the top of the page, in the user's words (no
field codes, no advice for the command line); the preview's rows in the page's language."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.exchanges import service
from homeward.exchanges.vocab import ListSide
from tests.exchanges.factories import ADMIN, NEGOTIATOR
from tests.exchanges.test_pages import _seed
from tests.web.conftest import Client, ClientFor


def _agreed(engine: Engine) -> int:
    ids = _seed(engine)
    with Session(engine) as session, session.begin():
        for side, person in ((ListSide.OWN, ids["young"]), (ListSide.ADVERSARY, ids["prisoner"])):
            service.propose(
                session, actor=NEGOTIATOR, exchange_id=ids["exchange"], side=side,
                person_ids=[person], reason="r",
            )  # fmt: skip
        service.agree(session, actor=ADMIN, exchange_id=ids["exchange"])
    return ids["exchange"]


def _send(client: Client, eid: int, roster: str) -> str:
    files = {"file": ("roster.csv", roster.encode(), "text/csv")}
    data = {"csrf_token": client.csrf, "side": "own"}
    response = client.post(f"/exchanges/{eid}/reconcile?lang=uk", data=data, files=files)
    return str(response.text)


def _top_error(html: str) -> str:
    assert html.index('id="roster-error"') < html.index('id="balance-h"')
    return html.split('id="roster-error">')[1].split("</p>")[0]


def test_a_bad_row_is_named_by_its_fields_words_at_the_top(
    client_as: ClientFor, web_db: Engine
) -> None:
    eid = _agreed(web_db)
    html = _send(
        client_as(Role.NEGOTIATOR),
        eid,
        "Прізвище,Ім'я,Дата народження\nКоваленко,Олександр,31.02.2004\n",
    )
    error = _top_error(html)
    assert "Дата народження" in error and "рядок 2" in error
    assert "birth_date" not in html


def test_a_roster_without_a_header_gives_no_command_line_advice(
    client_as: ClientFor, web_db: Engine
) -> None:
    eid = _agreed(web_db)
    html = _send(client_as(Role.NEGOTIATOR), eid, "a,b\n1,2\n")
    error = _top_error(html)
    assert "рядок заголовків" in error
    assert "--column" not in html and "--mapping" not in html


def test_the_preview_says_row_in_the_pages_language(client_as: ClientFor, web_db: Engine) -> None:
    eid = _agreed(web_db)
    html = _send(
        client_as(Role.NEGOTIATOR), eid,
        "Прізвище,Ім'я,По батькові,Дата народження\nКоваленко,Александр,Петрович,03.2004\n",
    )  # fmt: skip
    assert "рядок 2:" in html and "row 2" not in html


def test_the_reconcile_address_opened_again_leads_to_the_form(
    client_as: ClientFor, web_db: Engine
) -> None:
    eid = _agreed(web_db)
    again = client_as(Role.ANALYST).get(f"/exchanges/{eid}/reconcile", follow_redirects=False)
    assert again.status_code == 303
    assert again.headers["location"] == f"/exchanges/{eid}#reconciliation"
