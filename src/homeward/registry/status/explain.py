"""A status in words a relative understands, in English and Ukrainian. Pure."""

from __future__ import annotations

from typing import Literal

from babel import Locale

from homeward.dates import PartialDate, Precision
from homeward.registry.status.rules import Fact, StatusResult
from homeward.registry.vocab import EvidenceKind, Status

Lang = Literal["en", "uk"]
K = EvidenceKind

_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    # genitive, as a Ukrainian date is written: "1 лютого 2024 р."
    "uk": [
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ],
    # locative, after "у": "у лютому 2024 р."
    "uk_locative": [
        "січні",
        "лютому",
        "березні",
        "квітні",
        "травні",
        "червні",
        "липні",
        "серпні",
        "вересні",
        "жовтні",
        "листопаді",
        "грудні",
    ],
    "uk_nominative": [
        "січень",
        "лютий",
        "березень",
        "квітень",
        "травень",
        "червень",
        "липень",
        "серпень",
        "вересень",
        "жовтень",
        "листопад",
        "грудень",
    ],
}

# {on}: the date as the time something happened ("on 1 February 2024", "in February 2024");
# {since}: the date something began, after "since" / "з" (a Ukrainian month in the genitive).
_STATUS = {
    Status.NO_INFORMATION: ("No information", "Інформації немає"),
    Status.MISSING: ("Missing since {since}", "Безвісне зникнення з {since}"),
    Status.CAPTIVITY_POSSIBLE: (
        "Probably in captivity since {since}, not confirmed",
        "Ймовірний полон з {since}, не підтверджено",
    ),
    Status.CAPTIVITY_CONFIRMED: ("Captivity confirmed {on}", "Полон підтверджено {on}"),
    Status.RETURNED: ("Returned {on}", "Повернення з полону {on}"),
    Status.DECEASED: ("Deceased {on}", "Загибель {on}"),
    Status.IN_CUSTODY: ("In custody since {since}", "Під вартою з {since}"),
    Status.HOSPITALISED: ("In hospital since {since}", "У лікарні з {since}"),
    Status.TRANSFERRED: ("Transferred {on}", "Передання іншій державі {on}"),
    Status.REPATRIATED: ("Repatriated {on}", "Репатріація {on}"),
    Status.RELEASED: ("Released {on}", "Звільнення {on}"),
    Status.ESCAPED: ("Escaped {on}", "Втеча {on}"),
}

_REASON = {
    K.REPORTED_MISSING: ("reported missing", "повідомлено про зникнення"),
    K.SEEN_IN_MEDIA: ("seen in the captor's media", "побачено в медіа сторони-утримувача"),
    K.CAPTOR_LIST: ("named on the captor's list", "значиться в списку сторони-утримувача"),
    K.ICRC_NOTIFICATION: ("the ICRC notified it", "про це повідомив МКЧХ"),
    K.CAPTOR_ACKNOWLEDGMENT: (
        "the detaining power officially acknowledged it",
        "сторона-утримувач офіційно це визнала",
    ),
    K.TESTIMONY_SIGHTING: ("a returnee saw the person there", "людину бачив звільнений з полону"),
    K.LETTER_OR_CALL: ("a letter or a call was received", "отримано лист або дзвінок"),
    K.ICRC_VISIT: ("the ICRC visited", "відбувся візит МКЧХ"),
    K.COURT_CASE: ("a court case names the person", "ведеться судова справа"),
    K.RETURNED: ("in an exchange", "під час обміну"),
    K.RELEASED_OTHER: ("released outside an exchange", "звільнення поза обміном"),
    K.DIED: ("a death was reported", "надійшло повідомлення про загибель"),
    K.REMAINS_IDENTIFIED: ("the remains were identified", "останки ідентифіковано"),
    K.CAPTURED: ("captured", "взяття в полон"),
    K.RECAPTURED: ("recaptured after an escape", "повторне затримання після втечі"),
    K.MOVED: ("moved between our sites", "переведення між місцями утримання"),
    K.DISCHARGED: ("discharged from hospital", "виписка з лікарні"),
    K.HOSPITALISED: ("admitted to hospital", "госпіталізація"),
    K.TRANSFERRED: ("handed to another Power", "передання іншій державі"),
    K.REPATRIATED: ("repatriated", "репатріація"),
    K.RELEASED: ("released", "звільнення"),
    K.ESCAPED: ("escaped", "втеча"),
}


def format_date(value: PartialDate | None, lang: Lang = "en") -> str:
    """ "1 February 2024", "February 2024", "2024"; "1 лютого 2024 р." in Ukrainian."""
    if value is None:
        return "an unknown date" if lang == "en" else "невідомої дати"
    suffix = " р." if lang == "uk" else ""
    if value.precision is Precision.YEAR:
        return f"{value.year}{suffix}"
    assert value.month is not None
    if value.precision is Precision.MONTH:
        months = _MONTHS["en" if lang == "en" else "uk_nominative"]
        return f"{months[value.month - 1]} {value.year}{suffix}"
    return f"{value.day} {_MONTHS[lang][value.month - 1]} {value.year}{suffix}"


def _on(value: PartialDate | None, lang: Lang) -> str:
    """When something happened: "on 1 February 2024", "in February 2024", "in 2024";
    "1 лютого 2024 р.", "у лютому 2024 р.", "у 2024 р."."""
    if value is None:
        return "on an unknown date" if lang == "en" else "невідомо коли"
    if value.precision is Precision.DAY:
        return ("on " if lang == "en" else "") + format_date(value, lang)
    if lang == "en":
        return "in " + format_date(value, lang)
    if value.precision is Precision.YEAR:
        return f"у {value.year} р."
    assert value.month is not None
    return f"у {_MONTHS['uk_locative'][value.month - 1]} {value.year} р."


def _since(value: PartialDate | None, lang: Lang) -> str:
    """When something began, after "since" or "з": "з квітня 2025 р.", never "з квітень"."""
    if lang == "en" or value is None or value.precision is not Precision.MONTH:
        return format_date(value, lang)
    assert value.month is not None
    return f"{_MONTHS['uk'][value.month - 1]} {value.year} р."


# Kinds whose reason would only repeat the status ("Repatriated on …: repatriated"): the
# sentence names where the record came from instead.
_SELF_EVIDENT = frozenset({K.REPATRIATED, K.RELEASED, K.ESCAPED, K.TRANSFERRED, K.HOSPITALISED})


def _reason(fact: Fact, lang: Lang) -> str:
    en, uk = _REASON.get(fact.kind, (fact.kind.value, fact.kind.value))
    text = en if lang == "en" else uk
    if fact.place:
        text += f" ({fact.place})"
    return text


def _basis(fact: Fact, lang: Lang) -> str:
    if fact.kind not in _SELF_EVIDENT:
        return ": " + _reason(fact, lang)
    where = fact.place or fact.source
    return f" ({where})" if where else ""


def _days(n: int, lang: Lang) -> str:
    """The days and their word: "151 days", "281 день", "94 дні", "111 днів"."""
    if lang == "en":
        return f"{n} day" if n == 1 else f"{n} days"
    form = Locale.parse("uk").plural_form(n)
    return f"{n} " + {"one": "день", "few": "дні"}.get(form, "днів")


def explain(result: StatusResult, lang: Lang = "en", *, contact: bool = True) -> str:
    """One or more sentences: the status, its date, the evidence it rests on, how long a
    captive has been without contact (unless `contact` is false: a page that warns of it on
    its own), what to review."""
    index = 0 if lang == "en" else 1
    head = _STATUS[result.status][index].format(
        on=_on(result.since, lang), since=_since(result.since, lang)
    )
    if result.status is Status.DECEASED and any(
        f.kind is K.REMAINS_IDENTIFIED for f in result.basis
    ):
        head += " (remains identified)" if lang == "en" else " (останки ідентифіковано)"
    sentences = [_sentence(head + (_basis(result.basis[0], lang) if result.basis else ""))]
    if contact and result.incommunicado and result.days_without_contact is not None:
        days = _days(result.days_without_contact, lang)
        sentences.append(
            f"No letter, call or ICRC visit for {days}."
            if lang == "en"
            else f"Немає листа, дзвінка чи візиту МКЧХ уже {days}."
        )
    if result.conflicts:
        listed = "; ".join(
            f"{_reason(f, lang)}, {format_date(f.on, lang)}" for f in result.conflicts
        )
        sentences.append(
            _sentence(
                f"Conflicting evidence to review: {listed}"
                if lang == "en"
                else f"Суперечливі дані для перевірки: {listed}"
            )
        )
    return " ".join(sentences)


def _sentence(text: str) -> str:
    """A sentence's full stop, unless it already ends in one (a Ukrainian date's "р.")."""
    return text if text.endswith(".") else text + "."
