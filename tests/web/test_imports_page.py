"""Importing a list through the web: upload, check (nothing stored), import, and what it gave."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from httpx import Response
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from homeward.imports.models import Import
from homeward.imports.service import LinkOutcome, NoLinkage
from homeward.linkage.pairs import Thresholds
from homeward.registry.models import Evidence, Person, Report
from homeward.registry.service import create_person
from homeward.web.uploads import MAX_UPLOAD_BYTES
from homeward.web.usecases.imports import ListForm, commit_import
from tests.factories import person_in
from tests.imports.files import HEADER_UK, ROWS_UK, csv_bytes, write_xlsx
from tests.web.conftest import ADMIN_CONSOLE, Client, ClientFor, username_of

CAPTOR = {"kind": "captor_list", "list_date": "01.05.2024", "side": "own"}
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BAD_ROWS = [
    HEADER_UK,
    ROWS_UK[0],
    ["Шевчук", "Марія", "Іванівна", "31.02.1985", "ж", "солдат", "А1234"],
    ["", "Євген", "Ігорович", "03.1999", "ч", "солдат", "А0777"],
    ROWS_UK[2],
]


def count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def audited(engine: Engine, role: Role, action: str) -> list[AuditEntry]:
    with Session(engine) as session:
        query = select(AuditEntry).where(
            AuditEntry.username == username_of(role), AuditEntry.action == action
        )
        return list(session.scalars(query.order_by(AuditEntry.seq)))


def upload(
    client: Client,
    data: bytes,
    name: str = "list.csv",
    content_type: str = CSV,
    **fields: str,
) -> Response:
    response: Response = client.post(
        "/imports/preview",
        data={"csrf_token": client.csrf, **CAPTOR, **fields},
        files={"file": (name, data, content_type)},
    )
    return response


def upload_id(html: str) -> str:
    match = re.search(r'name="upload_id" value="([^"]+)"', html)
    assert match, "no upload id in the page"
    return match.group(1)


def commit(client: Client, html: str, **fields: str) -> Response:
    data = {"csrf_token": client.csrf, "upload_id": upload_id(html), **CAPTOR, **fields}
    response: Response = client.post("/imports/commit", data=data)
    return response


def xlsx_bytes(tmp_path: Path, rows: Sequence[Sequence[object]]) -> bytes:
    return write_xlsx(tmp_path / "list.xlsx", {"Травень": rows}).read_bytes()


def test_an_operator_sees_the_upload_form(client_as: ClientFor) -> None:
    response = client_as(Role.OPERATOR).get("/imports")
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.text
    assert 'name="csrf_token"' in response.text
    assert 'value="captor_list"' in response.text


@pytest.mark.parametrize("role", [Role.ANALYST, Role.LIAISON, Role.AUDITOR])
def test_a_role_without_imports_is_refused(client_as: ClientFor, role: Role) -> None:
    client = client_as(role)
    assert client.get("/imports").status_code == 403
    response = upload(client, csv_bytes([HEADER_UK, *ROWS_UK]))
    assert response.status_code == 403


def test_a_cp1251_csv_is_checked_and_nothing_is_stored(
    client_as: ClientFor, web_db: Engine
) -> None:
    client = client_as(Role.OPERATOR)
    data = csv_bytes([HEADER_UK, *ROWS_UK], encoding="cp1251", delimiter=";")
    response = upload(client, data, name="полонені.csv")
    assert response.status_code == 200, response.text
    page = response.text
    assert "Windows-1251" in page
    assert "прочитано як CSV у кодуванні Windows-1251" in page  # the note, in Ukrainian
    assert "read as CSV" not in page
    assert "байт" in page and "bytes" not in page  # its size, in Ukrainian plural
    assert "Коваленко" in page and "Мельник" in page
    assert 'name="column_header" value="Прізвище"' in page
    assert '<option value="surname" selected>' in page
    assert count(web_db, Person) == count(web_db, Report) == count(web_db, Import) == 0
    entry = audited(web_db, Role.OPERATOR, "import_preview")[-1]
    assert entry.detail["valid"] == 3 and entry.detail["rejected"] == 0
    assert entry.detail["file_name"] == "полонені.csv"


def test_an_xlsx_list_is_imported_and_the_linkage_summarised(
    client_as: ClientFor, web_db: Engine, tmp_path: Path
) -> None:
    client = client_as(Role.OPERATOR)
    preview = upload(client, xlsx_bytes(tmp_path, [HEADER_UK, *ROWS_UK]), "list.xlsx", XLSX)
    assert preview.status_code == 200, preview.text
    assert "XLSX" in preview.text
    done = commit(client, preview.text)
    assert done.status_code == 200, done.text
    assert "import" in done.text.lower()
    assert count(web_db, Report) == 3
    assert count(web_db, Person) == 3
    assert count(web_db, Evidence) == 3
    with Session(web_db) as session:
        record = session.scalars(select(Import)).one()
        assert record.actor == username_of(Role.OPERATOR)
        assert record.rows_imported == 3 and record.list_kind == "captor_list"
        channels = set(session.scalars(select(Report.channel)))
    assert channels == {"import"}
    entry = audited(web_db, Role.OPERATOR, "import")[-1]
    assert entry.object_type == "import" and entry.object_id == str(record.id)
    assert entry.detail["new_persons"] == 3


def test_a_list_meets_a_person_already_in_the_register(
    client_as: ClientFor, web_db: Engine
) -> None:
    with Session(web_db) as session, session.begin():
        known = create_person(session, actor=ADMIN_CONSOLE, person=person_in()).id
    client = client_as(Role.ADMIN)
    preview = upload(client, csv_bytes([HEADER_UK, *ROWS_UK]))
    done = commit(client, preview.text)
    assert done.status_code == 200, done.text
    with Session(web_db) as session:
        linked = session.scalars(select(Report).where(Report.person_id == known)).all()
        pending = session.scalars(select(Report).where(Report.person_id.is_(None))).all()
    assert len(linked) + len(pending) == 1  # the same man, linked or sent to review
    assert count(web_db, Person) == 1 + 2
    if pending:
        assert 'href="/review">Відкрити чергу' in done.text


def test_row_errors_are_named_and_the_import_waits_for_a_choice(
    client_as: ClientFor, web_db: Engine
) -> None:
    client = client_as(Role.OPERATOR)
    preview = upload(client, csv_bytes(BAD_ROWS))
    assert preview.status_code == 200
    page = preview.text
    assert re.search(r'<td class="num">3</td>\s*<td>Date of birth|<td class="num">3</td>', page)
    assert "Skip the invalid rows" in page or "Пропустити" in page
    assert re.search(r'<button type="button" class="when-not-skipping" disabled>', page)
    refused = commit(client, page)
    assert refused.status_code == 422
    assert count(web_db, Report) == count(web_db, Import) == 0
    done = commit(client, page, skip_invalid="1")
    assert done.status_code == 200, done.text
    assert count(web_db, Report) == 2
    with Session(web_db) as session:
        assert session.scalars(select(Import.rows_rejected)).one() == 2


def test_the_problems_name_row_field_and_problem(client_as: ClientFor) -> None:
    client = client_as(Role.OPERATOR)
    client.cookies.set("homeward_lang", "en")
    page = upload(client, csv_bytes(BAD_ROWS)).text
    rows = re.findall(
        r'<td class="num">(\d+)</td>\s*<td>([^<]+)</td><td>([^<]+)</td>',
        page.split('id="problems"')[1],
    )
    assert ("3", "Date of birth") in [(row, field) for row, field, _ in rows]
    assert ("4", "Surname") in [(row, field) for row, field, _ in rows]


def test_a_second_upload_of_the_same_file_creates_nothing(
    client_as: ClientFor, web_db: Engine
) -> None:
    client = client_as(Role.OPERATOR)
    client.cookies.set("homeward_lang", "en")
    data = csv_bytes([HEADER_UK, *ROWS_UK])
    first = commit(client, upload(client, data).text)
    assert first.status_code == 200
    persons = count(web_db, Person)
    again = upload(client, data, name="renamed.csv")
    assert "was imported before" in again.text
    assert username_of(Role.OPERATOR) in again.text
    assert 'action="/imports/commit"' not in again.text
    second = commit(client_as(Role.ADMIN), again.text.replace("", ""))  # another session
    assert second.status_code == 404  # the upload belongs to the operator's session
    second = commit(client, again.text)
    assert second.status_code == 409
    assert "was imported before" in second.text and "Nothing was created" in second.text
    assert count(web_db, Person) == persons
    assert count(web_db, Import) == 1


def test_a_file_that_is_not_a_list_gets_a_clear_error(client_as: ClientFor, web_db: Engine) -> None:
    client = client_as(Role.OPERATOR)
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20
    response = upload(client, png, name="photo.png", content_type="image/png")
    assert response.status_code == 422
    assert "not a text file" in response.text
    assert 'name="upload_id"' not in response.text
    empty = upload(client, b"", name="empty.csv")
    assert empty.status_code == 422
    assert "empty" in empty.text
    assert count(web_db, Import) == 0


def test_a_file_over_20_mb_is_refused_with_a_reason(client_as: ClientFor) -> None:
    client = client_as(Role.OPERATOR)
    client.cookies.set("homeward_lang", "en")
    just_over = b"a,b\n" * (MAX_UPLOAD_BYTES // 4 + 10)  # read, then refused
    far_over = just_over * 2  # refused by its Content-Length before it is read
    for big in (just_over, far_over):
        response = upload(client, big)
        assert response.status_code == 413
        assert "The file is larger than 20 MB: split the list" in response.text


def test_a_form_without_the_csrf_token_is_refused(client_as: ClientFor, web_db: Engine) -> None:
    client = client_as(Role.OPERATOR)
    response = client.post(
        "/imports/preview",
        data=CAPTOR,
        files={"file": ("list.csv", csv_bytes([HEADER_UK, *ROWS_UK]), CSV)},
    )
    assert response.status_code == 403
    assert count(web_db, Import) == 0


def test_columns_can_be_named_when_the_header_is_not_recognised(client_as: ClientFor) -> None:
    client = client_as(Role.OPERATOR)
    rows = [
        ["Особа", "Народився", "Підрозділ"],
        ["Коваленко Олександр Петрович", "12.03.1999", "А0536"],
    ]
    first = upload(client, csv_bytes(rows), kind="")
    assert first.status_code == 200
    assert "Коваленко Олександр Петрович" in first.text  # the raw rows, to choose the header
    columns = {
        "upload_id": upload_id(first.text),
        "header_row": "1",
        "column_header": ["Особа", "Народився", "Підрозділ"],
        "column_field": ["full_name", "birth_date", "unit"],
    }
    again = client.post("/imports/preview", data={"csrf_token": client.csrf, **columns})
    assert again.status_code == 200, again.text
    assert '<option value="full_name" selected>' in again.text
    assert "Петрович" in again.text
    assert 'action="/imports/commit"' in again.text


def api_post(
    client: Client, url: str, data: bytes, name: str = "list.csv", **fields: object
) -> Response:
    response: Response = client.post(
        url,
        data={**CAPTOR, **fields},
        files={"file": (name, data, CSV)},
        headers={"X-CSRF-Token": client.csrf},
    )
    return response


def test_the_api_checks_then_imports_a_list_once(client_as: ClientFor, web_db: Engine) -> None:
    client = client_as(Role.OPERATOR)
    data = csv_bytes(BAD_ROWS, encoding="cp1251", delimiter=";")
    preview = api_post(client, "/api/imports/preview", data)
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert body["encoding"] == "Windows-1251" and body["file_format"] == "csv"
    assert body["counts"] == {"rows_read": 4, "valid": 2, "rejected": 2, "left_out": 0}
    assert {"header": "Прізвище", "field": "surname", "sheets": [""]} in body["columns"]
    assert body["rows"][0]["values"]["birth_date"] == "1999-03-12"
    assert [(p["row"], p["field"]) for p in body["problems"]] == [(3, "birth_date"), (4, "surname")]
    assert body["previously_imported"] is None and body["can_import"] is True
    assert count(web_db, Import) == 0
    refused = api_post(client, "/api/imports", data)
    assert refused.status_code == 422 and refused.json()["field"] == "skip_invalid"
    done = api_post(client, "/api/imports", data, skip_invalid="true")
    assert done.status_code == 201, done.text
    result = done.json()
    assert result["imported"] == 2 and result["rejected"] == 2
    assert result["linkage"] == {"automatic": 0, "review": 0, "vetoed": 0, "new_persons": 2}
    again = api_post(client, "/api/imports", data, skip_invalid="true")
    assert again.status_code == 409
    previous = again.json()["previously_imported"]
    assert previous["import_id"] == result["import_id"]
    assert previous["actor"] == username_of(Role.OPERATOR)
    assert api_post(client, "/api/imports/preview", data).json()["previously_imported"]
    assert count(web_db, Import) == 1 and count(web_db, Report) == 2


def test_the_api_names_what_is_wrong(client_as: ClientFor, web_db: Engine) -> None:
    client = client_as(Role.OPERATOR)
    rows = csv_bytes([HEADER_UK, *ROWS_UK])
    wrong_kind = api_post(client, "/api/imports/preview", rows, kind="captured")
    assert wrong_kind.status_code == 422 and wrong_kind.json()["field"] == "kind"
    future = api_post(client, "/api/imports/preview", rows, list_date="01.01.2999")
    assert future.status_code == 422 and future.json()["field"] == "list_date"
    nul = api_post(client, "/api/imports", rows, source_name="ICRC\x00")
    assert nul.status_code == 422 and nul.json()["field"] == "source_name"
    mapping = api_post(client, "/api/imports/preview", rows, column="Звання=colonel")
    assert mapping.status_code == 422 and mapping.json()["field"] == "mapping"
    binary = api_post(client, "/api/imports", b"\x00\x01\x02" * 100, name="x.csv")
    assert binary.status_code == 422 and binary.json()["field"] == "file"
    big = api_post(client, "/api/imports", b"a" * (MAX_UPLOAD_BYTES + 1))
    assert big.status_code == 413 and "20 MB" in big.json()["detail"]
    assert client.post("/api/imports", files={"file": ("a.csv", rows, CSV)}).status_code == 403
    chunked = client.post(  # no Content-Length: counted as it arrives
        "/api/imports",
        content=(b"x" * 1024 * 1024 for _ in range(30)),
        headers={"X-CSRF-Token": client.csrf, "Content-Type": "multipart/form-data; boundary=b"},
    )
    assert chunked.status_code == 413 and "20 MB" in chunked.json()["detail"]
    assert api_post(client_as(Role.ANALYST), "/api/imports", rows).status_code == 403
    assert api_post(client_as(None), "/api/imports", rows).status_code == 401
    assert count(web_db, Import) == 0


def test_the_api_takes_a_mapping_for_an_unknown_header(client_as: ClientFor) -> None:
    client = client_as(Role.OPERATOR)
    rows = csv_bytes([["Особа", "Народився"], ["Коваленко Олександр Петрович", "12.03.1999"]])
    first = api_post(client, "/api/imports/preview", rows, kind="").json()
    assert first["header_problem"] and first["raw_rows"][1][0] == "Коваленко Олександр Петрович"
    named = api_post(
        client,
        "/api/imports/preview",
        rows,
        kind="",
        header_row="1",
        column=["Особа=full_name", "Народився=birth_date"],
    ).json()
    assert named["header_problem"] is None and named["counts"]["valid"] == 1
    assert named["rows"][0]["values"]["patronymic"] == "Петрович"


def test_an_import_that_fails_midway_leaves_nothing(web_db: Engine) -> None:
    class FailingLinkage(NoLinkage):
        def apply(
            self, session: Session, actor: Actor, plan: object, reports: list[Report]
        ) -> LinkOutcome:
            raise RuntimeError("the linkage died")

    actor = Actor(username_of(Role.OPERATOR), Channel.WEB, Role.OPERATOR)
    with pytest.raises(RuntimeError), Session(web_db) as session, session.begin():
        commit_import(
            session,
            actor,
            data=csv_bytes([HEADER_UK, *ROWS_UK]),
            file_name="list.csv",
            form=ListForm(kind="captor_list", list_date="01.05.2024"),
            link_step=FailingLinkage(),
        )
    assert count(web_db, Import) == count(web_db, Report) == count(web_db, Person) == 0


def test_the_same_rows_in_other_bytes_are_named_as_a_repeat_of_that_list(
    client_as: ClientFor, web_db: Engine
) -> None:
    client = client_as(Role.OPERATOR)
    client.cookies.set("homeward_lang", "en")
    rows = csv_bytes([HEADER_UK, *ROWS_UK])
    first = api_post(client, "/api/imports", rows, name="first.csv")
    assert first.status_code == 201, first.text
    again = upload(client, rows + b"\r\n", name="second.csv")
    assert "holds the same rows as first.csv" in again.text
    refused = api_post(client, "/api/imports", rows + b"\r\n", name="second.csv")
    assert refused.status_code == 409
    assert "second.csv holds the same rows as first.csv" in refused.json()["detail"]


@pytest.mark.parametrize(("role", "linked"), [(Role.ADMIN, True), (Role.OPERATOR, False)])
def test_the_review_queue_is_linked_for_a_role_that_may_review(
    client_as: ClientFor, web_db: Engine, monkeypatch: pytest.MonkeyPatch, role: Role, linked: bool
) -> None:
    """Every row that matches goes to review here: the summary links the queue for an admin,
    not for an operator, who may import but not review (the link would be refused)."""
    monkeypatch.setattr(
        Thresholds,
        "decide",
        lambda self, p, vetoed, refused=False: "review" if p >= 0.5 else "none",
    )
    with Session(web_db) as session, session.begin():
        create_person(session, actor=ADMIN_CONSOLE, person=person_in())
    client = client_as(role)
    done = commit(client, upload(client, csv_bytes([HEADER_UK, *ROWS_UK])).text)
    assert done.status_code == 200, done.text
    assert "Надіслано на перевірку" in done.text
    assert ('href="/review">Відкрити чергу' in done.text) is linked


def test_the_summary_links_to_the_persons_the_import_made_and_audits_their_read(
    client_as: ClientFor, web_db: Engine
) -> None:
    rows = [*ROWS_UK, ["Дем'яненко<i>", "Ірина", "", "05.05.1990", "ж", "солдат", "А0001"]]
    client = client_as(Role.OPERATOR)
    preview = upload(client, csv_bytes([HEADER_UK, *rows]), "made.csv")
    done = commit(client, preview.text)
    assert done.status_code == 200, done.text
    with Session(web_db) as session:
        made = {
            person.surname: person.id
            for person in session.scalars(select(Person).order_by(Person.id))
        }
    assert len(made) == 4
    section = done.text[done.text.index('id="new-persons"') :]
    for person_id in made.values():
        assert f'<a href="/persons/{person_id}">{person_id}</a>' in section
    odd = made["Дем'яненко<i>"]
    assert f'<a href="/persons/{odd}">Дем&#39;яненко&lt;i&gt; Ірина</a>' in section
    assert "<i>" not in section
    entry = audited(web_db, Role.OPERATOR, "list_persons")[-1]
    record = audited(web_db, Role.OPERATOR, "import")[-1]
    assert (entry.object_type, entry.object_id) == ("import", record.object_id)
    assert sorted(entry.detail["persons"]) == sorted(made.values())


def test_a_summary_of_many_new_persons_lists_the_first_and_counts_the_rest(
    client_as: ClientFor, web_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from homeward.web.usecases import imports as import_pages

    monkeypatch.setattr(import_pages, "MADE_SHOWN", 2)
    client = client_as(Role.OPERATOR)
    done = commit(client, upload(client, csv_bytes([HEADER_UK, *ROWS_UK])).text)
    section = done.text[done.text.index('id="new-persons"') :]
    assert "Перелічено перших 2; решту можна знайти пошуком." in section
    assert section.count("<tr><td>") == 2
    assert len(audited(web_db, Role.OPERATOR, "list_persons")[-1].detail["persons"]) == 2


@pytest.mark.parametrize("way", ["page", "api"])
def test_a_list_checked_and_never_imported_is_removed_when_its_session_signs_out(
    client_as: ClientFor, way: str
) -> None:
    """The uploaded file waits for the import in the session's folder; a session that signs
    out without importing it leaves no copy of the list (personal data) behind."""
    from homeward.web.uploads import UploadStore

    client = client_as(Role.OPERATOR)
    checked = upload(client, csv_bytes([HEADER_UK, *ROWS_UK]), name="list.csv")
    assert checked.status_code == 200, checked.text
    kept = UploadStore(client.csrf).get(upload_id(checked.text))
    assert kept.path.exists()
    if way == "page":
        assert client.form("/sign-out").status_code == 303
    else:
        gone = client.delete("/api/session", headers={"X-CSRF-Token": client.csrf})
        assert gone.status_code == 204
    assert not kept.path.exists() and not kept.path.parent.exists()
