"""The candidate lists are read for thousands at once: the rules run once per distinct fact,
the reasons are put in words only when read, and only each prisoner's latest medical inspection
is read. Each shortcut answers exactly what the plain way answers."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from homeward.custody.records import record_inspection
from homeward.custody.schemas import InspectionIn
from homeward.dates import PartialDate
from homeward.exchanges.categories import categories, category
from homeward.exchanges.facts import these
from homeward.exchanges.rules import Facts, evaluate, evaluator
from homeward.registry.schemas import validated
from tests.custody.factories import CUSTODIAN, ago, dmy
from tests.exchanges.factories import their_prisoner

DAY = date(2025, 7, 4)


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate | None:
    day = draw(st.dates(date(1950, 1, 1), date(2026, 12, 31)))
    return draw(
        st.sampled_from(
            [None, PartialDate(day.year), PartialDate(day.year, day.month), PartialDate.of(day)]
        )
    )


facts = st.builds(
    Facts,
    birth=partial_dates(),
    captured=partial_dates(),
    captured_at=st.sampled_from([None, "Маріуполь", "Азовсталь", "Бахмут"]),
    service_status=st.sampled_from([None, "civilian", "military"]),
    rank=st.sampled_from([None, "рядовий", "старший лейтенант", "писар"]),
    seriously_ill=st.sampled_from([None, True, False]),
)


@settings(max_examples=200, deadline=None)
@given(persons=st.lists(facts, min_size=1, max_size=30))
def test_the_shared_evaluator_answers_as_each_person_alone(persons: list[Facts]) -> None:
    for code in categories():
        shared = evaluator(category(code), DAY)
        for person in persons:
            alone, many = evaluate(category(code), person, DAY), shared(person)
            assert (many.code, many.verdict, str(many.reason)) == (
                alone.code, alone.verdict, str(alone.reason),
            )  # fmt: skip


def test_a_reason_is_a_message_that_keeps_its_template() -> None:
    answer = evaluate(category("under_25"), Facts(birth=PartialDate(2001, 3)), DAY)
    assert answer.reason.template == "born %(born)s: %(age)s on %(on)s → under %(years)s"
    assert answer.reason.values["age"] == 24
    assert answer.reason is answer.reason  # made once


def _inspect(session: Session, person_id: int, days_ago: int, ill: bool) -> None:
    record_inspection(
        session, actor=CUSTODIAN, person_id=person_id,
        inspection=validated(InspectionIn, {"on": dmy(ago(days_ago)), "seriously_ill": ill}),
    )  # fmt: skip


def test_only_the_latest_inspection_counts(session: Session) -> None:
    recovered = their_prisoner(
        session, surname="Зайцев", birth_date="2003", captured_on=dmy(ago(90))
    )
    _inspect(session, recovered, 40, True)
    _inspect(session, recovered, 10, False)
    fell_ill = their_prisoner(session, surname="Орлов", birth_date="2003", captured_on=dmy(ago(90)))
    _inspect(session, fell_ill, 40, False)
    _inspect(session, fell_ill, 10, True)
    # two on his latest day: the one recorded last
    same_day = their_prisoner(
        session, surname="Лебедев", birth_date="2003", captured_on=dmy(ago(90))
    )
    _inspect(session, same_day, 10, True)
    _inspect(session, same_day, 10, False)
    never = their_prisoner(session, surname="Соколов", birth_date="2003", captured_on=dmy(ago(90)))
    found = {
        s.id: s.facts.seriously_ill
        for s in these(session, [recovered, fell_ill, same_day, never], date.today())
    }
    assert found == {recovered: False, fell_ill: True, same_day: False, never: None}
