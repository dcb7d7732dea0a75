"""The death notification (Art. 120) and the batch's cover sheet, read back as text; the
profiles' export."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from sqlalchemy.orm import Session

from homeward.custody import papers, records, service
from homeward.custody.notify import send_batch
from homeward.custody.schemas import DeathNoticeIn, EventIn, ProfileIn
from homeward.registry.schemas import validated
from tests.custody.factories import CUSTODIAN, ago, dmy, register
from tests.documents.paper import require_poppler, text_of


@pytest.fixture(autouse=True)
def _poppler() -> None:
    require_poppler()


def test_the_death_notification_says_cause_burial_and_grave_in_both_languages(
    session: Session,
) -> None:
    pid = register(session).person_id
    service.record_event(
        session,
        actor=CUSTODIAN,
        person_id=pid,
        event=validated(EventIn, {"kind": "died", "on": dmy(ago(4))}),
    )
    notice = records.record_death_notice(
        session,
        actor=CUSTODIAN,
        person_id=pid,
        notice=validated(
            DeathNoticeIn,
            {"sent_on": dmy(ago(1)), "burial_place": "Цвинтар №3", "grave": "ряд 4, могила 17"},
        ),
    )
    text = " ".join(
        text_of(papers.death_pdf(papers.death_context(session, pid, notice), language="ru")).split()
    )
    for words in (
        "Повідомлення про смерть",
        "Извещение о смерти",
        "Семёнов",
        "Semenov",
        "Цвинтар №3",
        "ряд 4, могила 17",
        "Невідома: проводиться офіційне розслідування",
    ):
        assert words in text, words


def test_the_cover_sheet_counts_the_batchs_events(session: Session, tmp_path: Path) -> None:
    register(session)
    register(session, surname="Орлов")
    sent = send_batch(session, actor=CUSTODIAN, out=tmp_path / "batch.xlsx")
    text = " ".join(text_of(papers.cover_pdf(sent.batch, sent.events, "batch.xlsx")).split())
    assert "Повідомлення Центральному агентству з розшуку" in text
    assert "Notification to the Central Tracing Agency" in text
    assert sent.batch.sha256 and sent.batch.sha256 in text.replace(" ", "")


def test_the_profiles_export_holds_the_latest_interview_of_each(
    session: Session, tmp_path: Path
) -> None:
    from homeward.custody.cli_records import PROFILE_COLUMNS, _profile_row
    from homeward.imports.export import write_xlsx

    pid = register(session).person_id
    for day, route in ((9, "mobilised"), (3, "contract_pmc")):
        profile = validated(
            ProfileIn, {"interviewed_on": dmy(ago(day)), "voluntary": True, "service_route": route}
        )
        records.record_profile(session, actor=CUSTODIAN, person_id=pid, profile=profile)
    rows = records.latest_profiles(session, actor=CUSTODIAN)
    write_xlsx(tmp_path / "p.xlsx", PROFILE_COLUMNS, [_profile_row(r) for r in rows], title="p")
    sheet = load_workbook(tmp_path / "p.xlsx").active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 2 and values[1][3] == "contract_pmc"
