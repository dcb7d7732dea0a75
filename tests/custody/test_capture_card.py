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
        "Отказ сообщить",  # a noun, as "Відмова повідомити": said alike of anyone
        "POW-",
        # one label in each language, never a colon starting the second line
        "Теперішня адреса: номер військовополоненого",
        "Нынешний адрес: номер военнопленного",
    ):
        assert words in text, words
    assert " : " not in text
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


HEALTH = (
    "Good health", "Not wounded", "Recovered", "Sick", "Slightly wounded", "Seriously wounded"
)  # fmt: skip
# The prisoner writes the card (Art. 70): the words about the prisoner take the prisoner's
# gender; where the register does not know the sex, both forms.
UKRAINIAN = {
    "M": ("Взятий у полон", "Прибув з", "Здоровий", "Не поранений", "Одужав", "Хворий",
          "Легко поранений", "Тяжко поранений"),
    "F": ("Взята в полон", "Прибула з", "Здорова", "Не поранена", "Одужала", "Хвора",
          "Легко поранена", "Тяжко поранена"),
    "U": ("Взятий(-а) у полон", "Прибув(-ла) з", "Здоровий(-а)", "Не поранений(-а)",
          "Одужав(-ла)", "Хворий(-а)", "Легко поранений(-а)", "Тяжко поранений(-а)"),
}  # fmt: skip
RUSSIAN = {
    "M": ("Взят в плен", "Прибыл из", "Здоров", "Не ранен", "Выздоровел", "Болен",
          "Легко ранен", "Тяжело ранен"),
    "F": ("Взята в плен", "Прибыла из", "Здорова", "Не ранена", "Выздоровела", "Больна",
          "Легко ранена", "Тяжело ранена"),
    "U": ("Взят(-а) в плен", "Прибыл(-а) из", "Здоров(-а)", "Не ранен(-а)", "Выздоровел(-а)",
          "Болен (больна)", "Легко ранен(-а)", "Тяжело ранен(-а)"),
}  # fmt: skip


@pytest.mark.parametrize("sex", ["M", "F", "U"])
def test_the_card_speaks_of_the_prisoner_in_the_prisoners_gender(
    session: Session, sex: str
) -> None:
    names = {"F": {"surname": "Семёнова", "given_name": "Анна"}}.get(sex, {})
    text = " ".join(text_of(card_of(session, "ru", sex=sex, **names)).split())
    for words in (*UKRAINIAN[sex], *RUSSIAN[sex], "Одужує", "Выздоравливает"):
        assert words in text, words
    mine = (*UKRAINIAN[sex], *RUSSIAN[sex])
    others = {w for s in UKRAINIAN if s != sex for w in (*UKRAINIAN[s], *RUSSIAN[s])}
    for words in others:
        if not any(words in own for own in mine):  # "Хворий" is in "Хворий(-а)"
            assert f" {words} " not in f" {text} ", words


def test_a_foreigners_card_says_the_same_in_english_whatever_the_sex(session: Session) -> None:
    text = " ".join(
        text_of(card_of(session, "en", sex="F", surname="Smith", given_name="Jane")).split()
    )
    for words in ("Taken prisoner on", "Coming from", *HEALTH, "Взята в полон", "Здорова"):
        assert words in text, words
    assert "\x04" not in text and "woman" not in text


def test_each_health_box_stays_with_its_words(session: Session) -> None:
    """The states of health wrap over two lines on the card: a box must never end one line with
    its state starting the next (which box is "Одужує"?)."""
    import re

    from homeward.documents.rendering import render_html
    from homeward.i18n import in_context, translator

    internment = register(session)
    card = papers.card_context(session, internment.person_id, issued_on=date(2026, 12, 5))
    context = {
        "card": card,
        "theirs": translator("ru"),
        "their_lang": "ru",
        "of_prisoner": lambda message: in_context(card.get("said_of"), message),
    }
    html = render_html("custody/capture_card.html", context, lang="uk", page="card")
    health = html[html.index('class="health"') :]
    health = health[: health.index("</p>")]
    assert health.count('class="box"') == 7
    assert len(re.findall(r'<span class="choice"><span class="box"></span>[^<]+<span', health)) == 7
    css = (Path(papers.__file__).parents[1] / "documents/templates/custody/custody.css").read_text()
    assert ".health .choice { white-space: nowrap; }" in css
