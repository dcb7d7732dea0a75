"""A person's evidence as the figures count it over time. Pure.

A figure as it stood on a past day uses the evidence *counted* by that day. Two readings:

- `known_then` (the default): evidence dated by that day and received by it — what the register
  could have said on that day;
- `known_now`: evidence dated by that day, whenever it arrived, after every correction and
  retraction made since — the history as we know it now.

A fact dated only to a month or a year counts once the whole month or year has passed: only
then is it certain that it had happened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from homeward.registry.status.rules import Fact, effective_facts


class Basis(StrEnum):
    KNOWN_THEN = "known_then"
    KNOWN_NOW = "known_now"


@dataclass(slots=True)  # not frozen: made by the hundred thousand, and frozen is 4 times slower
class EvidenceRow:
    """A fact, the days it may be dated to, and the day the register learnt of it (its
    report's receipt, or else its recording)."""

    fact: Fact
    known_on: date
    first: date  # the earliest day the fact may be dated to
    dated: date  # the latest: from this day on it has certainly happened
    then: date  # the day it counts known then: dated and known
    order: tuple[date, date, int]  # the status rules' order: first and last day, identifier

    @classmethod
    def of(cls, fact: Fact, known_on: date) -> EvidenceRow:
        first, dated = fact.on.earliest, fact.on.latest
        return cls(fact, known_on, first, dated, max(dated, known_on), (first, dated, fact.id))

    def counted_from(self, basis: Basis) -> date:
        return self.then if basis is Basis.KNOWN_THEN else self.dated


def countable(rows: Sequence[EvidenceRow], basis: Basis) -> Sequence[EvidenceRow]:
    """The rows that count at some day. Known now, what was corrected or retracted is ignored
    all along, not only from the day of the correction."""
    if basis is Basis.KNOWN_THEN or not any(r.fact.supersedes is not None for r in rows):
        return rows
    kept, _ = effective_facts(row.fact for row in rows)
    in_force = {fact.id for fact in kept}
    return [row for row in rows if row.fact.id in in_force]


def counted_by(rows: Sequence[EvidenceRow], day: date, basis: Basis) -> list[EvidenceRow]:
    """Of `countable` rows, those counted by `day`."""
    if basis is Basis.KNOWN_THEN:
        return [row for row in rows if row.then <= day]
    return [row for row in rows if row.dated <= day]
