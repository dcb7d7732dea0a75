"""An analyst exports what a search found, as CSV or XLSX: every person, cells guarded, the
export audited; roles that may not export get no link and a 403."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook  # type: ignore[import-untyped]
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from tests.web.conftest import ClientFor, username_of
from tests.web.test_persons import make_person


def test_an_analyst_exports_the_whole_list_a_filter_selects(
    client_as: ClientFor, web_db: Engine
) -> None:
    # a name that starts like a formula ("=" in a name is refused): guarded in the file
    ids = [make_person(web_db, surname=f"-Експортенко{n}") for n in range(25)]
    client = client_as(Role.ANALYST)
    page = client.get("/search", params={"side": "own"}).text
    assert "/search/export?format=csv&amp;side=own" in page
    answer = client.get("/search/export", params={"format": "csv", "side": "own"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert sorted(int(row[0]) for row in rows[1:]) == ids  # all 25, not one page of 20
    assert all(row[2].startswith("'-") for row in rows[1:])  # never a formula
    xlsx = client.get("/search/export", params={"format": "xlsx", "side": "own"})
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 26
    with Session(web_db) as session:
        entry = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "export", AuditEntry.username == username_of(Role.ANALYST))
            .order_by(AuditEntry.seq.desc())
        ).first()
    assert entry is not None and entry.detail["format"] == "xlsx"


def test_a_role_that_may_not_export_gets_no_link_and_a_403(
    client_as: ClientFor, web_db: Engine
) -> None:
    make_person(web_db)
    operator = client_as(Role.OPERATOR)
    assert "/search/export" not in operator.get("/search", params={"side": "own"}).text
    assert operator.get("/search/export", params={"side": "own"}).status_code == 403
