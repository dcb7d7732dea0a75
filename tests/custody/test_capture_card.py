"""The capture card (Art. 70, Annex IV B): a 150 × 105 mm page in Ukrainian and the prisoner's
language, read back as text (pdftotext) and as a picture (pdftoppm)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from homeward.custody import papers
from homeward.custody.records import record_card
from homeward.errors import InvalidInput
from tests.custody.factories import CUSTODIAN, register
from tests.documents.paper import page_images, require_poppler, text_of


@pytest.fixture(autouse=True)
def _poppler() -> None:
    require_poppler()


def card_of(session: Session, language: str, **overrides: object) -> bytes:
    internment = register(session, **overrides)
    record_card(session, actor=CUSTODIAN, person_id=internment.person_id, language=language)
    context = papers.card_context(session, internment.person_id, issued_on=date(2026, 12, 5))
    return papers.card_pdf(context, language=language)


def test_the_card_carries_the_annex_fields_in_ukrainian_and_russian(
    session: Session, tmp_path: Path
) -> None:
    pdf = card_of(
        session,
        "ru",
        mother_maiden_name=None,
        answers={"mother_maiden_name": "refused"},
    )
    text = " ".join(text_of(pdf).split())
    for words in (
        "Картка про взяття в полон військовополоненого",
        "Карточка о взятии в плен военнопленного",
        "Прізвище",
        "Фамилия",
        "Особистий номер",
        "Личный номер",
        "Семёнов Пётр Алексеевич",
        "Semenov Petr Alekseevich",
        "АВ-123456",
        "04.07.1988",
        "Відмова повідомити",
        "Отказался сообщить",
        "POW-",
    ):
        assert words in text, words
    [page] = page_images(pdf, tmp_path, dpi=254)
    assert page.size == (1500, 1050)  # 150 × 105 mm at 254 dpi


def test_a_foreigners_card_is_in_ukrainian_and_english(session: Session) -> None:
    text = " ".join(text_of(card_of(session, "en", surname="Smith", given_name="John")).split())
    assert "Taken prisoner on" in text and "Взятий у полон" in text and "Smith" in text


def test_a_card_in_another_language_is_refused(session: Session) -> None:
    internment = register(session)
    context = papers.card_context(session, internment.person_id, issued_on=date(2026, 12, 5))
    with pytest.raises(InvalidInput) as error:
        papers.card_pdf(context, language="de")
    assert error.value.field == "lang"
