"""The investigator's pages: an incident recorded through its forms, acts added, a file
uploaded and opened (each view in its chain of custody), filters, exports and the case file."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import logging
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.settings import Settings
from homeward.violations.models import Act, EvidenceFile, Incident
from homeward.web.app import create_app
from tests.documents.paper import require_poppler, text_of
from tests.violations.factories import a_person, a_place, a_source
from tests.web.conftest import ClientFor


@pytest.fixture
def app(web_db: Engine, tmp_path: Path) -> FastAPI:
    return create_app(Settings(files_dir=tmp_path / "files"), engine=web_db)


def seeded(engine: Engine) -> dict[str, int]:
    with Session(engine) as session, session.begin():
        return {
            "first": a_person(session, "Шевчук"),
            "second": a_person(session, "Бондар"),
            "place": a_place(session),
            "source": a_source(session),
        }


def new_incident(client: object, ids: dict[str, int], **more: str) -> str:
    response = client.form(  # type: ignore[attr-defined]
        "/incidents",
        {
            "title": "Admission beatings",
            "act_type": "torture_beating",
            "victims": f"{ids['first']}, {ids['second']}",
            "act_place_id": str(ids["place"]),
            "occurred": "03.2023",
            "source_id": str(ids["source"]),
            "reliability": "high",
            "credibility": "probable",
            **more,
        },
    )
    assert response.status_code == 303, response.text
    match = re.match(r"/incidents/(\d+)", response.headers["location"])
    assert match
    return match.group(1)


def count(engine: Engine, model: object) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0  # type: ignore[arg-type]


def test_an_investigator_records_an_incident_with_two_acts(
    web_db: Engine, client_as: ClientFor
) -> None:
    ids = seeded(web_db)
    investigator = client_as(Role.INVESTIGATOR)
    perpetrator = investigator.form(
        "/perpetrators", {"kind": "facility_staff", "name": "Admission staff of the SIZO"}
    )
    assert perpetrator.status_code == 303
    number = new_incident(investigator, ids)
    second = investigator.form(
        f"/incidents/{number}/acts",
        {"act_type": "denial_of_medical_care", "victims": str(ids["first"]), "occurred": "2023",
         "until": "2024"},
    )  # fmt: skip
    assert second.status_code == 303
    page = investigator.get(f"/incidents/{number}").text
    assert "Катування: побиття" in page and "Відмова в медичній допомозі" in page
    assert "ЖК III, ст. 13, 17, 130" in page and "ЖК III, ст. 15, 30" in page
    assert "GC III Art." not in page
    assert "Шевчук" in page and "Бондар" in page
    assert "надійність" in page and "ймовірно правдиве" in page
    assert f'href="/persons/{ids["first"]}"' in page


def test_a_bad_act_is_named_in_ukrainian_and_nothing_is_written(
    web_db: Engine, client_as: ClientFor
) -> None:
    ids = seeded(web_db)
    investigator = client_as(Role.INVESTIGATOR)
    before = (count(web_db, Incident), count(web_db, Act))
    no_victim = investigator.form(
        "/incidents", {"title": "x", "act_type": "starvation", "victims": ""}
    )
    assert no_victim.status_code == 422
    assert "Потерпілі: діяння потребує щонайменше однієї потерпілої особи" in no_victim.text
    stranger = investigator.form(
        "/incidents", {"title": "x", "act_type": "starvation", "victims": "99999999"}
    )
    assert stranger.status_code == 422 and "у реєстрі немає особи 99999999" in stranger.text
    unknown = investigator.form(
        "/incidents", {"title": "x", "act_type": "flogging", "victims": str(ids["first"])}
    )
    assert unknown.status_code == 422 and "не вид діяння" in unknown.text
    assert (count(web_db, Incident), count(web_db, Act)) == before


def test_a_file_uploaded_to_an_incident_keeps_its_hash_and_every_view(
    web_db: Engine, client_as: ClientFor
) -> None:
    ids = seeded(web_db)
    investigator, analyst = client_as(Role.INVESTIGATOR), client_as(Role.ANALYST)
    number = new_incident(investigator, ids)
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    digest = hashlib.sha256(data).hexdigest()
    uploaded = investigator.post(
        "/files/upload",
        data={"csrf_token": investigator.csrf, "incident_id": number, "sha256": digest},
        files={"file": ("cell.png", data, "image/png")},
    )
    assert uploaded.status_code == 303, uploaded.text
    page = investigator.get(f"/incidents/{number}").text
    file_id = re.search(r'href="/files/(\d+)"', page)
    assert file_id and digest in page
    for client in (investigator, analyst, analyst):
        opened = client.get(f"/files/{file_id.group(1)}/content")
        assert opened.status_code == 200 and opened.content == data
    log = investigator.get(f"/files/{file_id.group(1)}").text
    rows = re.findall(r"<tr><td>[^<]+</td><td>([^<]+)</td><td>([^<]+)", log)
    assert [(what, who.strip()) for what, who in rows] == [
        ("додав(-ла)", "test-investigator"),
        ("переглянув(-ла)", "test-investigator"),
        ("переглянув(-ла)", "test-analyst"),
        ("переглянув(-ла)", "test-analyst"),
    ]
    assert client_as(Role.OPERATOR).get(f"/files/{file_id.group(1)}").status_code == 403


def test_a_wrong_hash_is_refused_on_the_page_and_nothing_is_kept(
    web_db: Engine, client_as: ClientFor, tmp_path: Path
) -> None:
    ids = seeded(web_db)
    investigator = client_as(Role.INVESTIGATOR)
    number = new_incident(investigator, ids)
    refused = investigator.post(
        "/files/upload",
        data={"csrf_token": investigator.csrf, "incident_id": number, "sha256": "ab" * 32},
        files={"file": ("letter.txt", b"a letter", "text/plain")},
    )
    assert refused.status_code == 422 and "а не заявлений" in refused.text
    assert count(web_db, EvidenceFile) == 0
    assert not [p for p in (tmp_path / "files").rglob("*") if p.is_file()]


def test_footage_of_captives_is_hidden_from_analysts_and_from_the_case_file(
    web_db: Engine, client_as: ClientFor
) -> None:
    require_poppler()
    ids = seeded(web_db)
    investigator, analyst = client_as(Role.INVESTIGATOR), client_as(Role.ANALYST)
    number = new_incident(investigator, ids)
    hashes = {}
    for name, restricted in (("video.mp4", "on"), ("statement.pdf", "")):
        data = name.encode() * 100
        hashes[name] = hashlib.sha256(data).hexdigest()
        investigator.post(
            "/files/upload",
            data={"csrf_token": investigator.csrf, "incident_id": number, "restricted": restricted},
            files={"file": (name, data, "application/octet-stream")},
        )
    seen = analyst.get(f"/incidents/{number}").text
    assert hashes["statement.pdf"] in seen and hashes["video.mp4"] not in seen
    assert "Файли, які ви не можете відкрити (зйомка полонених): 1" in seen
    pdf = analyst.get(f"/incidents/{number}/case-file?lang=en")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = " ".join(text_of(pdf.content).split())
    assert "Case file" in text and "Шевчук" in text and "Torture: beating" in text
    assert hashes["statement.pdf"][:32] in text.replace(" ", "")
    assert hashes["video.mp4"][:32] not in text.replace(" ", "")
    csv_export = analyst.get("/incidents-export/csv")
    assert hashes["video.mp4"] not in csv_export.text
    assert hashes["statement.pdf"] in csv_export.text


def test_the_list_filters_and_the_export_guards_formulas(
    web_db: Engine, client_as: ClientFor
) -> None:
    ids = seeded(web_db)
    investigator = client_as(Role.INVESTIGATOR)
    torture = new_incident(investigator, ids, title='=HYPERLINK("http://x")')
    investigator.form(
        "/incidents",
        {"title": "Rations", "act_type": "starvation", "victims": str(ids["first"]),
         "occurred": "2024"},
    )  # fmt: skip
    listed = investigator.get("/incidents?type=torture").text
    assert f'href="/incidents/{torture}"' in listed and "Rations" not in listed
    later = investigator.get("/incidents?since=2024").text
    assert "Rations" in later and f'href="/incidents/{torture}"' not in later
    bad = investigator.get("/incidents?since=31.02.2024")
    assert bad.status_code == 422
    assert "Від: " in bad.text and "::" not in bad.text  # the field's label, one colon
    export = investigator.get("/incidents-export/csv?type=torture")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["incident_id", "incident", "act_id"]
    assert rows[1][1].startswith("'=HYPERLINK") and len(rows) == 2
    # a Ukrainian export says the act and the articles it breaches in Ukrainian; codes stay
    assert rows[1][3:6] == ["torture_beating", "Катування: побиття", "ЖК III, ст. 13, 17, 130"]
    assert "(надійність: висока, достовірність: " in rows[1][12]
    english = client_as(Role.ADMIN)
    english.get("/language/en")
    rows = list(csv.reader(io.StringIO(english.get("/incidents-export/csv?type=torture").text)))
    assert rows[1][4:6] == ["Torture: beating", "GC III Art. 13, 17, 130"]
    assert client_as(Role.OPERATOR).get("/incidents").status_code == 403


def test_a_persons_page_leads_to_the_violations_against_them_and_files_about_them(
    web_db: Engine, client_as: ClientFor
) -> None:
    ids = seeded(web_db)
    investigator = client_as(Role.INVESTIGATOR)
    number = new_incident(investigator, ids)
    person = investigator.get(f"/persons/{ids['second']}").text
    assert f'href="/incidents?victim={ids["second"]}"' in person
    assert "incidents?victim" not in client_as(Role.OPERATOR).get(f"/persons/{ids['first']}").text
    added = investigator.post(
        "/files/upload",
        data={"csrf_token": investigator.csrf, "person_id": str(ids["second"])},
        files={"file": ("letter.txt", b"a letter from captivity", "text/plain")},
    )
    assert added.status_code == 303 and added.headers["location"].startswith("/files/")
    listed = investigator.get(f"/incidents?victim={ids['second']}").text
    assert f'href="/incidents/{number}"' in listed and "letter.txt" in listed
    assert "Файли про цю особу" in listed


def test_an_upload_over_the_configured_size_is_refused_and_nothing_is_kept(
    web_db: Engine, client_as: ClientFor, app: FastAPI, tmp_path: Path
) -> None:
    ids = seeded(web_db)
    investigator = client_as(Role.INVESTIGATOR)
    number = new_incident(investigator, ids)
    app.state.settings = app.state.settings.model_copy(update={"files_max_mb": 1})

    def upload(size: int) -> object:
        return investigator.post(
            "/files/upload",
            data={"csrf_token": investigator.csrf, "incident_id": number},
            files={"file": ("video.mp4", b"v" * size, "video/mp4")},
        )

    over_the_file_limit = upload(1024 * 1024 + 512 * 1024)
    assert over_the_file_limit.status_code == 422  # type: ignore[attr-defined]
    assert "файл більший за 1 МБ" in over_the_file_limit.text  # type: ignore[attr-defined]
    over_the_body_limit = upload(3 * 1024 * 1024)
    assert over_the_body_limit.status_code == 413  # type: ignore[attr-defined]
    assert "Файл більший, ніж приймає цей реєстр" in over_the_body_limit.text  # type: ignore[attr-defined]
    assert count(web_db, EvidenceFile) == 0
    assert not [p for p in (tmp_path / "files").rglob("*") if p.is_file()]


def test_an_upload_cut_off_half_way_leaves_no_file_and_no_record(
    web_db: Engine,
    client_as: ClientFor,
    app: FastAPI,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import anyio

    ids = seeded(web_db)
    investigator = client_as(Role.INVESTIGATOR)
    number = new_incident(investigator, ids)
    boundary = "cutoff"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
        f"{investigator.csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; "
        f'name="incident_id"\r\n\r\n{number}\r\n--{boundary}\r\nContent-Disposition: '
        'form-data; name="file"; filename="video.mp4"\r\nContent-Type: video/mp4\r\n\r\n'
    ).encode()
    whole = len(head) + 4 * 1024 * 1024
    cookie = "; ".join(f"{k}={v}" for k, v in investigator.cookies.items())
    messages: Iterator[dict[str, object]] = iter(
        [
            {"type": "http.request", "body": head + b"v" * (1024 * 1024), "more_body": True},
            {"type": "http.disconnect"},
        ]
    )
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        return next(messages, {"type": "http.disconnect"})

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/files/upload", "raw_path": b"/files/upload",
        "query_string": b"", "root_path": "", "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", f"multipart/form-data; boundary={boundary}".encode()),
            (b"content-length", str(whole).encode()),
            (b"cookie", cookie.encode()),
        ],
    }  # fmt: skip

    async def run() -> None:
        with contextlib.suppress(Exception):  # the client is gone: whatever the server says
            await app(scope, receive, send)  # type: ignore[arg-type]

    # a thread of its own: the browser tests' Playwright may hold an event loop in this one
    runner = threading.Thread(target=anyio.run, args=(run,))
    runner.start()
    runner.join(timeout=120)
    started = [m["status"] for m in sent if m["type"] == "http.response.start"]
    assert started == [400], started  # signed in, not sent away; an aborted request, no 500
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert count(web_db, EvidenceFile) == 0
    assert not [p for p in (tmp_path / "files").rglob("*") if p.is_file()]


def test_the_api_lists_incidents_and_shows_one(web_db: Engine, client_as: ClientFor) -> None:
    ids = seeded(web_db)
    number = new_incident(client_as(Role.INVESTIGATOR), ids)
    analyst = client_as(Role.ANALYST)
    listed = analyst.get("/api/incidents", params={"type": "torture"}).json()
    assert [i["id"] for i in listed] == [int(number)]
    shown = analyst.get(f"/api/incidents/{number}").json()
    act = shown["acts"][0]
    assert act["articles"] == "GC III Art. 13, 17, 130"
    assert {v["person_id"] for v in act["victims"]} == {ids["first"], ids["second"]}
    assert act["sources"][0]["credibility"] == "probable"
    bad = analyst.get("/api/incidents", params={"type": "flogging"})
    assert bad.status_code == 422
    assert client_as(Role.OPERATOR).get("/api/incidents").status_code == 403


def test_a_source_the_system_named_is_shown_in_ukrainian(
    web_db: Engine, client_as: ClientFor
) -> None:
    """A source whose name the catalogue knows reads in Ukrainian, in an act's sources and in
    the choice of a source for a new act."""
    ids = seeded(web_db)
    with Session(web_db) as session, session.begin():
        ids["source"] = a_source(session, "Coordination HQ hotline")
    investigator = client_as(Role.INVESTIGATOR)
    number = new_incident(investigator, ids)
    page = investigator.get(f"/incidents/{number}").text
    form = investigator.get("/incidents/new").text
    for html in (page, form):
        assert "Гаряча лінія Координаційного штабу" in html
        assert "Coordination HQ hotline" not in html


def test_an_exchanges_roster_as_a_source_is_named_in_the_readers_language(
    web_db: Engine, client_as: ClientFor
) -> None:
    """The reconciliation names its source by the side's code ("exchange 3, own roster: …"):
    the incident page says it in words, in Ukrainian, in the list of sources and in an act's."""
    ids = seeded(web_db)
    with Session(web_db) as session, session.begin():
        ours = a_source(session, "exchange 3, own roster: roster-3.csv")
        theirs = a_source(session, "exchange 3, adversary roster: handover-3.csv")
    investigator = client_as(Role.INVESTIGATOR)
    number = new_incident(investigator, {**ids, "source": ours})
    page = investigator.get(f"/incidents/{number}").text
    assert "own roster" not in page and "adversary roster" not in page
    assert "обмін 3, фактичний список наших людей, які повернулися: roster-3.csv" in page
    assert f'<option value="{theirs}" >обмін 3, фактичний список переданих полонених' in page
    investigator.cookies.set("homeward_lang", "en")
    english = investigator.get(f"/incidents/{number}").text
    assert "exchange 3, the roster of our people who came back: roster-3.csv" in english


def test_the_act_forms_list_of_alleged_perpetrators_is_an_audited_read(
    web_db: Engine, client_as: ClientFor
) -> None:
    """The act forms (a new incident, an incident's page, an act's correction) list the
    alleged perpetrators by name: that read is audited as the /perpetrators pages are, naming
    those shown; an analyst, who sees no act form, is shown none of them."""
    from homeward.access.models import AuditEntry

    ids = seeded(web_db)
    investigator = client_as(Role.INVESTIGATOR)
    name = "Admission staff of the SIZO"
    made = investigator.form("/perpetrators", {"kind": "facility_staff", "name": name})
    assert made.status_code == 303
    number = new_incident(investigator, ids)
    with Session(web_db) as session:
        act_id = session.scalars(select(Act.id).where(Act.incident_id == int(number))).first()

    def last_entry() -> AuditEntry:
        with Session(web_db) as session:
            entry = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
            assert entry is not None
            return entry

    for url in ("/incidents/new", f"/incidents/{number}", f"/acts/{act_id}/edit"):
        page = investigator.get(url)
        assert page.status_code == 200 and name in page.text, url
        entry = last_entry()
        assert (entry.action, entry.object_type) == ("view_perpetrators", "perpetrators"), url
        assert len(entry.detail["perpetrators"]) == 1, url
    analyst = client_as(Role.ANALYST).get(f"/incidents/{number}")
    assert analyst.status_code == 200 and name not in analyst.text


def test_the_case_file_writes_dates_as_the_reader_does_not_in_iso(
    web_db: Engine, client_as: ClientFor
) -> None:
    """An act of 03.2023 and the day it was recorded read 03.2023 and dd.mm.yyyy on paper, not
    2023-03 and 2026-12-06."""
    from datetime import date

    require_poppler()
    ids = seeded(web_db)
    investigator = client_as(Role.INVESTIGATOR)
    number = new_incident(investigator, ids, occurred="14.03.2023", until="05.2023")
    pdf = investigator.get(f"/incidents/{number}/case-file?lang=uk")
    assert pdf.status_code == 200
    text = " ".join(text_of(pdf.content).split())
    assert "14.03.2023 – 05.2023" in text
    assert date.today().strftime("%d.%m.%Y") in text
    assert not re.search(r"\b\d{4}-\d{2}\b", text), text
