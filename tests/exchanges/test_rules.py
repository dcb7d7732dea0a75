"""The category rules: every row of docs/exchanges.md, partial dates at the edges, and the
property that a rule never answers yes (or no) for what a partial date cannot tell."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from homeward.dates import PartialDate
from homeward.errors import InvalidInput
from homeward.exchanges.categories import categories, category, parse_categories
from homeward.exchanges.rules import Facts, evaluate, held_back, overall
from homeward.exchanges.vocab import HoldKind, Verdict

DOC = Path(__file__).resolve().parents[2] / "docs" / "exchanges.md"
DAY = date(2025, 7, 4)


def _partial(text: str) -> PartialDate | None:
    if text == "—":
        return None
    return PartialDate(*(int(part) for part in text.split("-")))


def _rows() -> list[list[str]]:
    section = DOC.read_text("utf-8").split("### Every answer")[1].split("\n## ")[0]
    lines = [line for line in section.splitlines() if line.startswith("| ")][2:]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines]


def test_the_doc_has_a_row_for_every_shipped_category_and_answer() -> None:
    answered = {(row[0], row[7]) for row in _rows()}
    for code in categories():
        assert {(code, "yes"), (code, "no"), (code, "maybe")} <= answered, code


@pytest.mark.parametrize("row", _rows(), ids=lambda row: f"{row[0]}-{row[1]}-{row[2]}-{row[7]}")
def test_each_row_of_the_doc(row: list[str]) -> None:
    code, born, captured, at, service, rank, ill, verdict, reason = row
    facts = Facts(
        birth=_partial(born),
        captured=_partial(captured),
        captured_at=None if at == "—" else at,
        service_status=None if service == "—" else service,
        rank=None if rank == "—" else rank,
        seriously_ill={"yes": True, "no": False}.get(ill),
    )
    answer = evaluate(category(code), facts, DAY)
    assert (answer.verdict.value, str(answer.reason)) == (verdict, reason)


def test_the_issue_examples_read_as_written() -> None:
    under = category("under_25")
    yes = evaluate(under, Facts(birth=PartialDate(2001, 3)), DAY)
    maybe = evaluate(under, Facts(birth=PartialDate(2000)), DAY)
    assert str(yes.reason) == "born 03.2001: 24 on 04.07.2025 → under 25"
    assert str(maybe.reason) == "born 2000: 24 or 25 on 04.07.2025 → maybe"


def test_the_birthday_itself_counts_as_the_new_age() -> None:
    under = category("under_25")
    assert evaluate(under, Facts(birth=PartialDate(2000, 7, 4)), DAY).verdict is Verdict.NO
    assert evaluate(under, Facts(birth=PartialDate(2000, 7, 5)), DAY).verdict is Verdict.YES
    # a month straddling the birthday on the exchange day
    assert evaluate(under, Facts(birth=PartialDate(2000, 7)), DAY).verdict is Verdict.MAYBE
    assert evaluate(under, Facts(birth=PartialDate(2000, 6)), DAY).verdict is Verdict.NO
    assert evaluate(under, Facts(birth=PartialDate(2000, 8)), DAY).verdict is Verdict.YES


def test_a_leap_day_birth_is_read_on_a_common_year() -> None:
    over = category("over_60")
    born = PartialDate(1964, 2, 29)
    assert evaluate(over, Facts(birth=born), date(2024, 2, 28)).verdict is Verdict.NO
    assert evaluate(over, Facts(birth=born), date(2024, 2, 29)).verdict is Verdict.YES


def test_held_back_prisoners_are_never_offered_and_the_reason_says_why() -> None:
    proceedings = held_back(Facts(held_back=HoldKind.PROCEEDINGS))
    refuses = held_back(Facts(held_back=HoldKind.REFUSES))
    assert proceedings is not None and "Art. 115, 119" in proceedings
    assert refuses is not None and "Art. 109" in refuses
    assert held_back(Facts()) is None


def test_overall_is_the_best_answer_among_the_categories() -> None:
    facts = Facts(birth=PartialDate(2000), service_status="civilian")
    answers = [evaluate(category(c), facts, DAY) for c in ("under_25", "civilian")]
    assert overall(answers) is Verdict.YES
    assert overall(answers[:1]) is Verdict.MAYBE
    assert overall([]) is Verdict.NO


def test_an_unknown_category_is_named() -> None:
    with pytest.raises(InvalidInput, match="'young' is no category"):
        category("young")


def test_an_unknown_rule_in_the_data_file_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown rule"):
        parse_categories('[[category]]\ncode = "x"\nen = "x"\nuk = "x"\nrule = "guess"\n')


# --- the property: never an answer that a day the partial date may be contradicts ----------

DATED = ("under_25", "over_60", "since_2022", "held_24_months", "mariupol_2022")


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(1950, 2025))
    precision = draw(st.sampled_from(("year", "month", "day")))
    if precision == "year":
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return PartialDate(year, month)
    return PartialDate(year, month, draw(st.integers(1, calendar.monthrange(year, month)[1])))


def _days(partial: PartialDate) -> list[date]:
    span = (partial.latest - partial.earliest).days
    return [partial.earliest + timedelta(days=n) for n in range(span + 1)]


def _facts(code: str, day: PartialDate) -> Facts:
    if code in ("under_25", "over_60"):
        return Facts(birth=day)
    return Facts(captured=day, captured_at="Маріуполь")


@settings(max_examples=300, deadline=None)
@given(
    code=st.sampled_from(DATED),
    fact=partial_dates(),
    on=st.dates(date(2022, 2, 24), date(2026, 12, 31)),
)
def test_a_rule_never_answers_yes_or_no_for_a_day_it_cannot_know(
    code: str, fact: PartialDate, on: date
) -> None:
    rule = category(code)
    answer = evaluate(rule, _facts(code, fact), on).verdict
    exact = {evaluate(rule, _facts(code, PartialDate.of(d)), on).verdict for d in _days(fact)}
    assert exact <= {Verdict.YES, Verdict.NO}  # a day known exactly is never maybe
    if answer is Verdict.YES:
        assert exact == {Verdict.YES}
    elif answer is Verdict.NO:
        assert exact == {Verdict.NO}
    else:
        assert exact == {Verdict.YES, Verdict.NO}  # maybe only when the days disagree


@given(code=st.sampled_from(tuple(categories())))
def test_nothing_known_is_never_yes(code: str) -> None:
    assert evaluate(category(code), Facts(), DAY).verdict is Verdict.MAYBE
