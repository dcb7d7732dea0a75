"""The status rules' answers, remembered for timelines of the same shape. Pure.

The rules (homeward.registry.status) read a timeline through the kinds of its facts, what
supersedes what, and how its dates compare — with each other, with the day asked about, and
with that day less the incommunicado threshold (rule O9) — never through the dates themselves.
So two timelines whose facts have the same kinds in the same order, with the same comparisons,
get the same answer, fact for fact: the same rule, the status since the date of the same fact,
resting on the same facts. A register of 100,000 persons holds a few thousand such shapes.

`StatusMemo` asks `derive_status` once per shape, keeps its answer as positions in the ordered
timeline, and rebuilds it for every other timeline of that shape from that timeline's own facts.
An answer that cannot be written as positions (were the rules ever to date a status by
arithmetic) is not kept: such a shape is derived afresh every time. tests/stats/test_memo.py
checks, on random timelines, that the memo answers exactly what the rules answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter

from homeward.dates import PartialDate
from homeward.registry.status.rules import Fact, StatusResult, derive_status
from homeward.registry.vocab import Side, Status
from homeward.stats.timeline import EvidenceRow

Shape = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class _Answer:
    status: Status
    rule: str
    since: int | None  # positions in the ordered timeline
    basis: tuple[int, ...]
    conflicts: tuple[int, ...]
    incommunicado: bool
    last_sign_of_life: int | None
    silent_from: int | None  # the fact whose last day days_without_contact counts from
    ignored: tuple[int, ...]


class StatusMemo:
    def __init__(self, *, incommunicado_days: int = 90) -> None:
        self.incommunicado_days = incommunicado_days
        self._statuses: dict[Shape, Status] = {}
        self._answers: dict[Shape, _Answer | None] = {}
        self._days: dict[date, tuple[date, date]] = {}  # as_of -> (as_of, as_of - threshold)

    def status(self, rows: Sequence[EvidenceRow], side: Side) -> Status:
        """The status alone (the day asked about matters only to the incommunicado flag)."""
        ordered = _ordered(rows)
        shape = (side, _pattern(ordered, ()))
        found = self._statuses.get(shape)
        if found is None:
            facts = [row.fact for row in ordered]
            found = derive_status(facts, side=side, as_of=date.min).status
            self._statuses[shape] = found
        return found

    def result(self, rows: Sequence[EvidenceRow], side: Side, *, as_of: date) -> StatusResult:
        """Exactly what `derive_status` answers for these facts on `as_of`."""
        return self.derive(rows, side, as_of=as_of).result

    def derive(self, rows: Sequence[EvidenceRow], side: Side, *, as_of: date) -> Derivation:
        """The status at once, and the rest of the rules' answer when it is asked for."""
        ordered = _ordered(rows)
        days = self._days.get(as_of)
        if days is None:
            days = self._days[as_of] = (as_of, as_of - timedelta(days=self.incommunicado_days))
        shape = (side, _pattern(ordered, days))
        facts = [row.fact for row in ordered]
        answer = self._answers.get(shape)
        if answer is not None:
            return Derivation(answer.status, facts, as_of, answer)
        result = derive_status(
            facts, side=side, as_of=as_of, incommunicado_days=self.incommunicado_days
        )
        if shape not in self._answers:
            self._answers[shape] = _as_positions(result, facts, as_of)
        return Derivation(result.status, facts, as_of, result=result)


class Derivation:
    """A status, and the rules' whole answer, rebuilt from the memo only if a figure reads it
    (most figures read the status alone)."""

    __slots__ = ("_answer", "_result", "as_of", "facts", "status")

    def __init__(
        self,
        status: Status,
        facts: list[Fact],
        as_of: date,
        answer: _Answer | None = None,
        result: StatusResult | None = None,
    ) -> None:
        self.status, self.facts, self.as_of = status, facts, as_of
        self._answer, self._result = answer, result

    @property
    def result(self) -> StatusResult:
        if self._result is None:
            assert self._answer is not None
            self._result = _rebuilt(self._answer, self.facts, self.as_of)
        return self._result


_ORDER = attrgetter("order")


def _ordered(rows: Sequence[EvidenceRow]) -> list[EvidenceRow]:
    """In the rules' own order: by date (earliest, then latest day), then by identifier."""
    if len(rows) < 2:
        return list(rows)
    return sorted(rows, key=_ORDER)


def _pattern(ordered: list[EvidenceRow], days: tuple[date, ...]) -> tuple[object, ...]:
    """The timeline with every date replaced by its rank among the timeline's dates and `days`,
    and each `supersedes` by the position of the fact it names (-2: not in the timeline)."""
    points = set(days)
    linked = False
    for row in ordered:
        points.add(row.first)
        points.add(row.dated)
        linked = linked or row.fact.supersedes is not None
    rank = sorted(points).index  # a handful of dates: a list's index beats building a dict
    key: list[object] = [len(ordered), linked, *[rank(day) for day in days]]
    for row in ordered:
        key += (row.fact.kind, rank(row.first), rank(row.dated))
    if linked:
        ids = [row.fact.id for row in ordered]
        for row in ordered:
            target = row.fact.supersedes
            key.append(-1 if target is None else ids.index(target) if target in ids else -2)
    return tuple(key)


class _NotAFactsDate(Exception):
    """An answer dated otherwise than by one of the timeline's facts."""


def _as_positions(result: StatusResult, ordered: list[Fact], as_of: date) -> _Answer | None:
    """The answer as positions in the ordered timeline, or None if it cannot be."""
    position = {f.id: i for i, f in enumerate(ordered)}

    def dated(day: PartialDate | None) -> int | None:
        if day is None:
            return None
        for i, fact in enumerate(ordered):
            if fact.on == day:
                return i
        raise _NotAFactsDate

    def counted_from(days: int | None) -> int | None:
        if days is None:
            return None
        for i, fact in enumerate(ordered):
            if fact.on.days_until(as_of) == days:
                return i
        raise _NotAFactsDate

    try:
        return _Answer(
            status=result.status,
            rule=result.rule,
            since=dated(result.since),
            basis=tuple(position[f.id] for f in result.basis),
            conflicts=tuple(position[f.id] for f in result.conflicts),
            incommunicado=result.incommunicado,
            last_sign_of_life=dated(result.last_sign_of_life),
            silent_from=counted_from(result.days_without_contact),
            ignored=tuple(position[f.id] for f in result.ignored),
        )
    except _NotAFactsDate:
        return None  # keep nothing: this shape is derived afresh every time


def _rebuilt(answer: _Answer, ordered: list[Fact], as_of: date) -> StatusResult:
    def at(index: int | None) -> PartialDate | None:
        return None if index is None else ordered[index].on

    return StatusResult(
        status=answer.status,
        rule=answer.rule,
        since=at(answer.since),
        basis=tuple(ordered[i] for i in answer.basis),
        conflicts=tuple(ordered[i] for i in answer.conflicts),
        incommunicado=answer.incommunicado,
        last_sign_of_life=at(answer.last_sign_of_life),
        days_without_contact=None
        if answer.silent_from is None
        else ordered[answer.silent_from].on.days_until(as_of),
        ignored=tuple(ordered[i] for i in answer.ignored),
    )
