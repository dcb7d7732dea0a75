"""Certified extracts: the register entry and the status on the day of issue, a verification
code and a QR code that leads to /verify, kept as issued, revocable, every act audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.access.roles import Forbidden
from homeward.families import extracts
from homeward.families.access import FamilyRefused
from homeward.linkage.merge import merge_persons
from tests.documents.paper import require_poppler, text_of
from tests.documents.test_qr_codes import decoded
from tests.families.factories import CONSOLE, LIAISON, OPERATOR, a_person, add_fact

SITE = "https://homeward.example"


def issue(session: Session, person_id: int, lang: str = "uk") -> extracts.IssuedExtract:
    return extracts.issue_extract(session, actor=LIAISON, person_id=person_id, base=SITE, lang=lang)


def test_an_extract_states_the_entry_the_status_and_how_to_verify_it(
    session: Session, tmp_path: Path
) -> None:
    require_poppler()
    person = a_person(session, birth_place="Житомир")
    add_fact(session, person.id, "icrc_notification", "01.02.2024")
    issued = issue(session, person.id)
    words = " ".join(text_of(issued.pdf).split())
    for expected in (
        "Витяг з реєстру",
        "Коваленко",
        "Олександр",
        "12.03.1999",
        "Житомир",
        "Полон підтверджено",
        "01.02.2024",
        issued.code,
        f"HW-EX-{issued.row.id:06d}",
    ):
        assert expected in words
    assert "ICRC" not in words and "МКЧХ" not in words  # no source is named
    assert decoded(issued.pdf, tmp_path) == [f"{SITE}/verify/{issued.code}"]


def test_the_pdf_is_kept_as_issued_and_the_code_only_as_a_hash(session: Session) -> None:
    issued = issue(session, a_person(session).id)
    assert extracts.extract_file(session, actor=LIAISON, extract_id=issued.row.id) == issued.pdf
    row = session.execute(text("SELECT code_hash FROM extracts")).scalar_one()
    assert issued.code not in row and issued.code.replace("-", "") not in row


def test_verification_says_when_it_was_issued_and_what_status_it_stated(
    session: Session,
) -> None:
    person = a_person(session)
    issued = issue(session, person.id)
    add_fact(session, person.id, "returned", "01.05.2025")  # later news changes no extract
    verified = extracts.verify(session, typed=issued.code.lower(), client="192.0.2.50")
    assert verified.status == "missing" and verified.revoked_at is None
    assert verified.issued_at == issued.row.issued_at
    assert set(vars(verified)) == {
        "reference",
        "issued_at",
        "as_of",
        "status",
        "since",
        "revoked_at",
    }


def test_a_revoked_extract_verifies_as_revoked(session: Session) -> None:
    issued = issue(session, a_person(session).id)
    extracts.revoke_extract(session, actor=LIAISON, extract_id=issued.row.id, reason="error")
    assert extracts.verify(session, typed=issued.code, client="192.0.2.51").revoked_at


def test_a_code_that_never_existed_is_not_found_and_counted(session: Session) -> None:
    for _ in range(extracts.VERIFY_ADDRESS.free + 1):
        with pytest.raises(FamilyRefused) as refused:
            extracts.verify(session, typed="AAAAA-AAAAA-AAAAA-AAAAA", client="192.0.2.52")
        assert refused.value.status == 404
    with pytest.raises(FamilyRefused) as refused:
        extracts.verify(session, typed="AAAAA-AAAAA-AAAAA-AAAAB", client="192.0.2.52")
    assert refused.value.status == 429


def test_an_extract_of_a_merged_person_is_the_survivors(session: Session) -> None:
    survivor, absorbed = a_person(session), a_person(session)
    add_fact(session, absorbed.id, "captor_list", "01.01.2024")
    merge_persons(
        session, actor=CONSOLE, survivor_id=survivor.id, absorbed_id=absorbed.id, reason="one man"
    )
    issued = issue(session, absorbed.id)
    assert issued.row.person_id == survivor.id
    assert issued.row.status == "captivity_possible"


def test_only_a_liaison_or_an_administrator_issues_and_every_issue_is_audited(
    session: Session,
) -> None:
    person = a_person(session)
    with pytest.raises(Forbidden):
        extracts.issue_extract(session, actor=OPERATOR, person_id=person.id, base=SITE)
    issued = issue(session, person.id)
    entry = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.action == "extract_issue")
        .order_by(AuditEntry.seq.desc())
    ).first()
    assert entry is not None and entry.object_id == str(issued.row.id)
    assert entry.detail["sha256"] == issued.row.pdf_sha256
