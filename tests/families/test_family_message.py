"""A relative's message: it enters intake as a relative's report, never the register; a file
too large or of the wrong type is refused with words a relative understands."""

from __future__ import annotations

import io
import re

import pytest
from fastapi import FastAPI
from PIL import Image
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.families.attachments import MAX_ATTACHMENT_BYTES
from homeward.families.models import FamilyAttachment, FamilyMessage
from homeward.registry.models import Evidence, PersonHistory, Report
from homeward.web.routes import families_mail
from tests.families.web import family_client, family_token, seed_family
from tests.web.conftest import ClientFor


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "gray").save(out, format="JPEG")
    return out.getvalue()


def test_a_message_waits_for_intake_as_an_unlinked_relatives_report(
    app: FastAPI, web_db: Engine
) -> None:
    family = seed_family(web_db, "Коваленко")
    client = family_client(app, family.code)
    sent = client.post(
        "/family/message",
        data={"csrf_token": family_token(client), "message": "Його бачили у Таганрозі."},
        files={"attachment": ("photo.jpg", photo(), "image/jpeg")},
    )
    assert sent.status_code == 303 and sent.headers["location"] == "/family?done=sent"
    assert "Дякуємо" in client.get(sent.headers["location"]).text
    with Session(web_db) as session:
        report = session.scalars(select(Report)).one()
        assert report.person_id is None  # never straight into the register
        assert report.channel == "family" and report.source.kind == "relative"
        assert report.payload["message"] == "Його бачили у Таганрозі."
        assert report.payload["about_person_id"] == family.person_id
        message = session.scalars(select(FamilyMessage)).one()
        assert message.handled_at is None
        attachment = session.scalars(select(FamilyAttachment)).one()
        assert attachment.media_type == "image/jpeg" and attachment.content == photo()
        evidence = session.scalars(select(Evidence).where(Evidence.report_id == report.id)).all()
        assert evidence == []
        history = session.scalars(
            select(PersonHistory.action).where(PersonHistory.person_id == family.person_id)
        ).all()
        assert "report_linked" not in history


def test_a_file_larger_than_5_mb_is_refused_and_nothing_is_kept(
    app: FastAPI, web_db: Engine
) -> None:
    family = seed_family(web_db, "Коваленко")
    client = family_client(app, family.code)
    big = b"%PDF-" + b"0" * MAX_ATTACHMENT_BYTES
    refused = client.post(
        "/family/message",
        data={"csrf_token": family_token(client), "message": "Документ"},
        files={"attachment": ("doc.pdf", big, "application/pdf")},
    )
    assert refused.status_code == 413
    assert "більший за 5 МБ" in refused.text
    with Session(web_db) as session:
        assert session.scalars(select(Report)).all() == []


def test_a_file_of_the_wrong_type_is_refused_whatever_it_is_called(
    app: FastAPI, web_db: Engine
) -> None:
    family = seed_family(web_db, "Коваленко")
    client = family_client(app, family.code)
    refused = client.post(
        "/family/message",
        data={"csrf_token": family_token(client), "message": "Фото"},
        files={"attachment": ("photo.jpg", b"MZ\x90\x00 not a photo", "image/jpeg")},
    )
    assert refused.status_code == 422
    assert "надішліть фото (JPEG або PNG) чи документ PDF" in refused.text
    assert "Фото" in refused.text  # the words typed are kept
    with Session(web_db) as session:
        assert session.scalars(select(Report)).all() == []


def test_a_message_without_the_pages_token_is_refused(app: FastAPI, web_db: Engine) -> None:
    family = seed_family(web_db, "Коваленко")
    client = family_client(app, family.code)
    refused = client.post("/family/message", data={"csrf_token": "forged", "message": "x"})
    assert refused.status_code == 403
    with Session(web_db) as session:
        assert session.scalars(select(Report)).all() == []


def test_many_messages_in_a_day_must_wait(app: FastAPI, web_db: Engine) -> None:
    family = seed_family(web_db, "Коваленко")
    client = family_client(app, family.code)
    token = family_token(client)
    answers = [
        client.post("/family/message", data={"csrf_token": token, "message": f"№{n}"}).status_code
        for n in range(8)
    ]
    assert answers[:6] == [303] * 6 and answers[-1] == 429


def test_the_waiting_messages_come_a_page_at_a_time_oldest_first(
    app: FastAPI, web_db: Engine, client_as: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(families_mail, "MESSAGES_PER_PAGE", 2)
    family = seed_family(web_db, "Коваленко")
    client = family_client(app, family.code)
    for n in range(3):
        sent = client.post(
            "/family/message", data={"csrf_token": family_token(client), "message": f"Вісті {n}"}
        )
        assert sent.status_code == 303
    with Session(web_db) as session:
        waiting = list(session.scalars(select(FamilyMessage.id).order_by(FamilyMessage.id)))
    liaison = client_as(Role.LIAISON)
    first = liaison.get("/families/messages").text
    assert shown_messages(first) == waiting[:2] and "Сторінка 1 з 2" in first
    second = liaison.get("/families/messages?page=2").text
    assert shown_messages(second) == waiting[2:] and 'rel="prev"' in second
    assert shown_messages(liaison.get("/families/messages?page=8").text) == waiting[2:]


def shown_messages(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'id="message-(\d+)"', page)]
