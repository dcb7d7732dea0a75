"""The memo answers exactly what the status rules answer, for every timeline of a shape."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from homeward.dates import PartialDate
from homeward.registry.status.rules import Fact, derive_status
from homeward.registry.vocab import EvidenceKind, Side, kinds_for
from homeward.stats.memo import StatusMemo
from homeward.stats.timeline import EvidenceRow

# shared by every example, so that later timelines are answered from earlier ones' shapes
MEMO = StatusMemo(incommunicado_days=90)

partial_dates = st.builds(
    lambda year, month, day, precision: (
        PartialDate(year)
        if precision == 0
        else PartialDate(year, month)
        if precision == 1
        else PartialDate(year, month, day)
    ),
    st.integers(2022, 2024),
    st.integers(1, 12),
    st.integers(1, 28),
    st.sampled_from([0, 1, 2, 2, 2]),
)


@st.composite
def timelines(draw: st.DrawFn) -> tuple[Side, list[Fact]]:
    side = draw(st.sampled_from(list(Side)))
    kinds = sorted(kinds_for(side) - {EvidenceKind.RETRACTION})
    facts: list[Fact] = []
    for number in range(1, draw(st.integers(0, 6)) + 1):
        correction = bool(facts) and draw(st.booleans()) and draw(st.booleans())
        kind = draw(st.sampled_from([*kinds, EvidenceKind.RETRACTION] if facts else kinds))
        target = None
        if kind is EvidenceKind.RETRACTION or correction:
            target = draw(st.sampled_from([f.id for f in facts]))
        facts.append(Fact(id=number * 7, kind=kind, on=draw(partial_dates), supersedes=target))
    return side, facts


def rows(facts: list[Fact]) -> list[EvidenceRow]:
    return [EvidenceRow.of(fact, date(2025, 1, 1)) for fact in facts]


@settings(max_examples=400)
@given(timelines(), st.dates(date(2022, 1, 1), date(2025, 6, 30)))
def test_the_memo_answers_what_the_rules_answer(
    timeline: tuple[Side, list[Fact]], as_of: date
) -> None:
    side, facts = timeline
    expected = derive_status(facts, side=side, as_of=as_of, incommunicado_days=90)
    assert MEMO.result(rows(facts), side, as_of=as_of) == expected
    assert MEMO.status(rows(facts), side) is expected.status


def test_a_timeline_of_a_known_shape_gets_its_own_dates_and_facts() -> None:
    memo = StatusMemo(incommunicado_days=90)

    def timeline(start: date) -> list[Fact]:
        return [
            Fact(1, EvidenceKind.REPORTED_MISSING, PartialDate.of(start)),
            Fact(2, EvidenceKind.SEEN_IN_MEDIA, PartialDate.of(start + timedelta(days=20))),
        ]

    first, second = timeline(date(2022, 3, 1)), timeline(date(2023, 5, 10))
    memo.result(rows(first), Side.OWN, as_of=date(2024, 1, 1))
    answer = memo.result(rows(second), Side.OWN, as_of=date(2024, 6, 1))
    assert answer == derive_status(second, side=Side.OWN, as_of=date(2024, 6, 1))
    assert answer.since == PartialDate(2023, 5, 30)
    assert answer.basis == (second[1],)
    assert answer.days_without_contact == (date(2024, 6, 1) - date(2023, 5, 30)).days
