from __future__ import annotations

from datetime import date

from homeward.dates import PartialDate
from homeward.registry.status.explain import explain, format_date
from homeward.registry.status.rules import Fact, derive_status
from homeward.registry.vocab import EvidenceKind, Side

K = EvidenceKind


def _explain(*facts: Fact, lang: str = "en", as_of: date = date(2026, 11, 1)) -> str:
    result = derive_status(list(facts), side=Side.OWN, as_of=as_of)
    return explain(result, "uk" if lang == "uk" else "en")


def test_it_writes_a_date_at_its_precision() -> None:
    assert format_date(PartialDate(2024, 2, 1)) == "1 February 2024"
    assert format_date(PartialDate(2024, 2)) == "February 2024"
    assert format_date(PartialDate(2024)) == "2024"
    assert format_date(PartialDate(2024, 2, 1), "uk") == "1 лютого 2024 р."
    assert format_date(PartialDate(2024, 2), "uk") == "лютий 2024 р."


def test_it_says_what_the_status_rests_on() -> None:
    icrc = Fact(1, K.ICRC_NOTIFICATION, PartialDate(2024, 2, 1))
    soon = date(2024, 3, 1)
    assert _explain(icrc, as_of=soon) == (
        "Captivity confirmed on 1 February 2024: the ICRC notified it."
    )
    assert (
        _explain(icrc, lang="uk", as_of=soon)
        == "Полон підтверджено 1 лютого 2024 р.: про це повідомив МКЧХ."
    )


def test_it_names_the_place_of_a_sighting() -> None:
    sighting = Fact(1, K.TESTIMONY_SIGHTING, PartialDate(2023, 6), place="Colony No. 10")
    assert _explain(sighting, as_of=date(2023, 7, 1)) == (
        "Probably in captivity since June 2023, not confirmed: "
        "a returnee saw the person there (Colony No. 10)."
    )


def test_a_date_known_to_the_month_or_year_reads_as_a_sentence_says_it() -> None:
    sighting = Fact(1, K.TESTIMONY_SIGHTING, PartialDate(2025, 4))
    assert _explain(sighting, lang="uk", as_of=date(2025, 5, 1)).startswith(
        "Ймовірний полон з квітня 2025 р., не підтверджено"  # genitive after "з"
    )
    listed = Fact(1, K.ICRC_NOTIFICATION, PartialDate(2025, 4))
    assert _explain(listed, as_of=date(2025, 5, 1)).startswith("Captivity confirmed in April 2025")
    assert _explain(listed, lang="uk", as_of=date(2025, 5, 1)).startswith(
        "Полон підтверджено у квітні 2025 р."
    )
    died = Fact(1, K.DIED, PartialDate(2023))
    assert _explain(died).startswith("Deceased in 2023:")
    assert _explain(died, lang="uk").startswith("Загибель у 2023 р.:")
    missing = Fact(1, K.REPORTED_MISSING, PartialDate(2024, 2))
    assert _explain(missing, lang="uk").startswith("Безвісне зникнення з лютого 2024 р.")
    assert _explain(missing).startswith("Missing since February 2024")


def test_it_says_how_long_a_captive_has_been_without_contact() -> None:
    text = _explain(Fact(1, K.CAPTOR_LIST, PartialDate(2023, 1, 1)), as_of=date(2023, 6, 1))
    assert "No letter, call or ICRC visit for 151 days." in text
    captive = Fact(1, K.CAPTOR_LIST, PartialDate(2023, 1, 1))
    assert _explain(captive, lang="uk", as_of=date(2023, 6, 1)).endswith(
        "Немає листа, дзвінка чи візиту МКЧХ уже 151 день."
    )
    assert _explain(captive, lang="uk", as_of=date(2023, 4, 5)).endswith("уже 94 дні.")
    assert _explain(captive, lang="uk", as_of=date(2023, 4, 22)).endswith("уже 111 днів.")


def test_a_page_that_warns_of_the_days_without_contact_leaves_them_out() -> None:
    captive = Fact(1, K.CAPTOR_LIST, PartialDate(2023, 1, 1))
    result = derive_status([captive], side=Side.OWN, as_of=date(2023, 6, 1))
    assert result.incommunicado
    assert "151" not in explain(result, "uk", contact=False)
    assert "151" in explain(result, "uk")


def test_it_points_out_conflicting_evidence() -> None:
    text = _explain(
        Fact(1, K.DIED, PartialDate(2022, 5, 1)),
        Fact(2, K.TESTIMONY_SIGHTING, PartialDate(2023, 2, 1)),
    )
    assert text.startswith("Deceased on 1 May 2022: a death was reported.")
    assert (
        "Conflicting evidence to review: a returnee saw the person there, 1 February 2023." in text
    )


def test_identified_remains_are_said_so() -> None:
    text = _explain(Fact(1, K.REMAINS_IDENTIFIED, PartialDate(2023, 9, 1)))
    assert text == "Deceased on 1 September 2023 (remains identified): the remains were identified."


def test_no_information_is_said_plainly() -> None:
    assert _explain() == "No information."
    assert _explain(lang="uk") == "Інформації немає."


def test_a_status_that_speaks_for_itself_names_its_source_instead() -> None:
    result = derive_status(
        [
            Fact(1, K.CAPTURED, PartialDate(2025, 11, 17)),
            Fact(2, K.REPATRIATED, PartialDate(2026, 10, 3), source="Exchange list 2026-10-03"),
        ],
        side=Side.ADVERSARY,
        as_of=date(2026, 11, 1),
    )
    assert explain(result) == "Repatriated on 3 October 2026 (Exchange list 2026-10-03)."


def test_a_sentence_ending_in_a_ukrainian_date_has_one_full_stop() -> None:
    """ "р." already ends the sentence: never "р.." (the status without a basis fact)."""
    from homeward.registry.status.rules import StatusResult
    from homeward.registry.vocab import Status

    bare = StatusResult(Status.MISSING, "M1", since=PartialDate(2026, 12, 1))
    text = explain(bare, "uk")
    assert text.endswith("2026 р.") and not text.endswith("р..")
    assert explain(bare, "en").endswith("2026.")
