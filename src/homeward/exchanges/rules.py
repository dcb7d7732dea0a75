"""Category rules over uncertain facts: yes, no or maybe, with the reason in words. Pure.

A fact known only to a year or a month stands for every day it may be. A rule answers *yes*
only when it holds on every one of those days, *no* only when it holds on none, and *maybe*
otherwise, so that it never answers yes for what it cannot know.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import Any

from homeward.dates import PartialDate, Precision
from homeward.errors import Message
from homeward.exchanges.categories import Category
from homeward.exchanges.vocab import HoldKind, Verdict
from homeward.imports.ranks import RANKS, rank_key


@dataclass(frozen=True, slots=True)
class Facts:
    """What the register knows of a person that categories read; None is not known."""

    birth: PartialDate | None = None
    captured: PartialDate | None = None
    captured_at: str | None = None
    service_status: str | None = None  # civilian | military
    rank: str | None = None
    seriously_ill: bool | None = None  # None: no doctor's finding recorded
    held_back: HoldKind | None = None


# a reason as a rule says it: its template and values; made a `Message` only when read
Said = tuple[str, dict[str, Any]]


def _says(template: str, /, **values: Any) -> Said:
    return template, values


@dataclass(frozen=True)
class Answer:
    code: str
    verdict: Verdict
    said: Said = field(repr=False, compare=False)

    @cached_property
    def reason(self) -> Message:
        """The reason in words, made when first read: a list of thousands needs every
        verdict, but the words only of the persons it shows."""
        template, values = self.said
        return Message(template, **values)


@lru_cache(maxsize=65536)
def shown(value: PartialDate | date) -> str:
    """A date as the bureau writes it, to the precision known: 04.07.2025, 03.2001, 2000."""
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if value.precision is Precision.DAY:
        return value.earliest.strftime("%d.%m.%Y")
    if value.precision is Precision.MONTH:
        return f"{value.month:02d}.{value.year}"
    return str(value.year)


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def full_months(start: date, on: date) -> int:
    months = (on.year - start.year) * 12 + on.month - start.month
    return months - (1 if on.day < start.day else 0)


def _age(category: Category, facts: Facts, on: date, *, under: bool) -> tuple[Verdict, Said]:
    years = category.years
    assert years is not None
    if facts.birth is None:
        return Verdict.MAYBE, _says("date of birth not known → maybe")
    low, high = age_on(facts.birth.latest, on), age_on(facts.birth.earliest, on)
    born, day = shown(facts.birth), shown(on)
    if low == high or (high < years) or (low >= years):
        is_under = high < years
        template = (
            "born %(born)s: %(age)s on %(on)s → under %(years)s"
            if is_under
            else "born %(born)s: %(age)s on %(on)s → %(years)s or older"
        )
        age = low if low == high else f"{low}–{high}"
        verdict = Verdict.YES if is_under == under else Verdict.NO
        return verdict, _says(template, born=born, age=age, on=day, years=years)
    return Verdict.MAYBE, _says(
        "born %(born)s: %(low)s or %(high)s on %(on)s → maybe",
        born=born,
        low=low,
        high=high,
        on=day,
    )


def _captured_by(category: Category, facts: Facts, on: date) -> tuple[Verdict, Said]:
    until = category.until
    assert until is not None
    if facts.captured is None:
        return Verdict.MAYBE, _says("date of capture not known → maybe")
    values = {"captured": shown(facts.captured), "until": shown(until)}
    if facts.captured.latest <= until:
        return Verdict.YES, _says("captured %(captured)s → on or before %(until)s", **values)
    if facts.captured.earliest > until:
        return Verdict.NO, _says("captured %(captured)s → after %(until)s", **values)
    return Verdict.MAYBE, _says(
        "captured %(captured)s: before or after %(until)s → maybe", **values
    )


def _held(category: Category, facts: Facts, on: date) -> tuple[Verdict, Said]:
    required = category.months
    assert required is not None
    if facts.captured is None:
        return Verdict.MAYBE, _says("date of capture not known → maybe")
    low = max(full_months(facts.captured.latest, on), 0)
    high = max(full_months(facts.captured.earliest, on), 0)
    values = {"captured": shown(facts.captured), "on": shown(on), "required": required}
    if low >= required:
        return Verdict.YES, _says(
            "captured %(captured)s: at least %(months)s months held on %(on)s "
            "→ at least %(required)s",
            months=low,
            **values,
        )
    if high < required:
        return Verdict.NO, _says(
            "captured %(captured)s: at most %(months)s months held on %(on)s "
            "→ fewer than %(required)s",
            months=high,
            **values,
        )
    return Verdict.MAYBE, _says(
        "captured %(captured)s: %(low)s to %(high)s months held on %(on)s → maybe",
        low=low,
        high=high,
        **values,
    )


def _civilian(category: Category, facts: Facts, on: date) -> tuple[Verdict, Said]:
    if facts.service_status == "civilian":
        return Verdict.YES, _says("a civilian → yes")
    if facts.service_status == "military":
        return Verdict.NO, _says("a serviceman → not a civilian")
    return Verdict.MAYBE, _says("civilian or serviceman not known → maybe")


def _captured_at(category: Category, facts: Facts, on: date) -> tuple[Verdict, Said]:
    assert category.start is not None
    assert category.end is not None
    where = facts.captured_at
    if not where:
        return Verdict.MAYBE, _says("place of capture not known → maybe")
    if not any(place in where.casefold() for place in category.places):
        return Verdict.NO, _says("captured at %(place)s → another place", place=where)
    if facts.captured is None:
        return Verdict.MAYBE, _says("captured at %(place)s, date not known → maybe", place=where)
    values = {
        "place": where,
        "captured": shown(facts.captured),
        "start": shown(category.start),
        "end": shown(category.end),
    }
    if category.start <= facts.captured.earliest and facts.captured.latest <= category.end:
        return Verdict.YES, _says(
            "captured at %(place)s %(captured)s → within %(start)s–%(end)s", **values
        )
    if facts.captured.latest < category.start or facts.captured.earliest > category.end:
        return Verdict.NO, _says(
            "captured at %(place)s %(captured)s → outside %(start)s–%(end)s", **values
        )
    return Verdict.MAYBE, _says(
        "captured at %(place)s %(captured)s: partly within %(start)s–%(end)s → maybe", **values
    )


def rank_category(rank: str | None) -> str | None:
    """rank_and_file, sergeant, officer or general; None when the rank is not known."""
    if not rank:
        return None
    found = RANKS.get(rank_key(rank))
    return found.category if found else None


def _rank(category: Category, facts: Facts, on: date) -> tuple[Verdict, Said]:
    if not facts.rank:
        return Verdict.MAYBE, _says("rank not known → maybe")
    found = rank_category(facts.rank)
    if found is None:
        return Verdict.MAYBE, _says("rank %(rank)s not recognised → maybe", rank=facts.rank)
    if found in category.ranks:
        return Verdict.YES, _says("rank %(rank)s (%(group)s) → yes", rank=facts.rank, group=found)
    return Verdict.NO, _says("rank %(rank)s (%(group)s) → no", rank=facts.rank, group=found)


def _seriously_ill(category: Category, facts: Facts, on: date) -> tuple[Verdict, Said]:
    if facts.seriously_ill is True:
        return Verdict.YES, _says(
            "seriously wounded or ill by a doctor's finding (Art. 109, 110, Annex I) → yes"
        )
    if facts.seriously_ill is False:
        return Verdict.NO, _says("examined by a doctor, not seriously ill → no")
    return Verdict.MAYBE, _says("no doctor's finding recorded → maybe")


_RULES: dict[str, Callable[[Category, Facts, date], tuple[Verdict, Said]]] = {
    "age_under": lambda c, f, on: _age(c, f, on, under=True),
    "age_over": lambda c, f, on: _age(c, f, on, under=False),
    "captured_by": _captured_by,
    "held_at_least": _held,
    "civilian": _civilian,
    "captured_at": _captured_at,
    "rank": _rank,
    "seriously_ill": _seriously_ill,
}


def evaluate(category: Category, facts: Facts, on: date) -> Answer:
    """Whether a person with `facts` falls under `category` on the exchange day `on`."""
    verdict, said = _RULES[category.rule](category, facts, on)
    return Answer(category.code, verdict, said)


# the facts each rule reads: persons alike in them get the same answer
_READS: dict[str, Callable[[Facts], Hashable]] = {
    "age_under": attrgetter("birth"),
    "age_over": attrgetter("birth"),
    "captured_by": attrgetter("captured"),
    "held_at_least": attrgetter("captured"),
    "civilian": attrgetter("service_status"),
    "captured_at": attrgetter("captured_at", "captured"),
    "rank": attrgetter("rank"),
    "seriously_ill": attrgetter("seriously_ill"),
}


def evaluator(category: Category, on: date) -> Callable[[Facts], Answer]:
    """`evaluate` for many persons on one day: the rule runs once for each distinct value of
    the facts it reads (a register's persons share their dates of birth and of capture)."""
    reads = _READS[category.rule]
    known: dict[Hashable, Answer] = {}

    def answer(facts: Facts) -> Answer:
        key = reads(facts)
        found = known.get(key)
        if found is None:
            found = known[key] = evaluate(category, facts, on)
        return found

    return answer


def held_back(facts: Facts) -> Message | None:
    """Why a prisoner we hold may never be offered, if he may not."""
    if facts.held_back is HoldKind.PROCEEDINGS:
        return Message("held back for judicial proceedings (Art. 115, 119): never offered")
    if facts.held_back is HoldKind.REFUSES:
        return Message("refuses repatriation (Art. 109): never offered")
    return None


def overall(answers: Sequence[Answer]) -> Verdict:
    """The best answer among the agreed categories: yes under any one is yes."""
    verdicts = {a.verdict for a in answers}
    if Verdict.YES in verdicts:
        return Verdict.YES
    return Verdict.MAYBE if Verdict.MAYBE in verdicts else Verdict.NO
