"""What the counted figures read: plain rows of the register, as the service reads them, and
every person's status on one day. Pure."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from homeward.dates import PartialDate
from homeward.registry.status.rules import Fact, StatusResult
from homeward.registry.vocab import Side, Status
from homeward.stats.memo import Derivation, StatusMemo
from homeward.stats.memory import without_cycle_collection
from homeward.stats.timeline import Basis, EvidenceRow, countable

__all__ = [
    "Basis",
    "Derived",
    "EvidenceRow",
    "ExchangeReturn",
    "PersonRow",
    "ProfileRow",
    "RegisterRows",
    "derive_all",
    "derive_one",
]


@dataclass(slots=True)  # not frozen: made by the hundred thousand, and frozen is 4 times slower
class PersonRow:
    id: int
    side: Side
    service_status: str = "military"
    branch: str | None = None
    unit: str | None = None
    rank: str | None = None
    citizenship: str | None = None
    birth: PartialDate | None = None
    missing: PartialDate | None = None
    missing_place: str | None = None
    entered_on: date | None = None  # the day the person was entered in the register


@dataclass(frozen=True)
class ProfileRow:
    """What a prisoner we hold said of himself at an interview (homeward.custody's profile)."""

    interviewed_on: date
    rank_category: str | None = None
    service_route: str | None = None
    citizenship: str | None = None
    coercion_or_deception: bool | None = None


@dataclass(frozen=True)
class ExchangeReturn:
    """An exchange whose roster of our returnees was reconciled (homeward.exchanges): its name,
    its day, who came back on it, and how many of them the reconciliation found never
    confirmed as captive before."""

    exchange_id: int
    name: str
    day: date
    persons: frozenset[int]
    never_confirmed: int


@dataclass(frozen=True)
class RegisterRows:
    """Persons (not merged away), the evidence about each, and the interviews of the prisoners
    we hold, by person id (the interviews in the order they were held)."""

    persons: Sequence[PersonRow]
    evidence: Mapping[int, Sequence[EvidenceRow]] = field(default_factory=dict)
    profiles: Mapping[int, Sequence[ProfileRow]] = field(default_factory=dict)
    exchanges: Sequence[ExchangeReturn] = ()

    def profile_of(self, person_id: int, on: date) -> ProfileRow | None:
        """The prisoner's latest interview held by `on`."""
        return latest_profile(self.profiles.get(person_id, ()), on)

    def evidence_of(self, person_id: int) -> Sequence[EvidenceRow]:
        return self.evidence.get(person_id, ())

    def of_side(self, side: Side) -> Iterator[PersonRow]:
        return (person for person in self.persons if person.side is side)


def latest_profile(profiles: Sequence[ProfileRow], on: date) -> ProfileRow | None:
    """Of a prisoner's interviews in the order they were held, the latest held by `on`."""
    found = None
    for profile in profiles:
        if profile.interviewed_on <= on:
            found = profile
    return found


@dataclass(slots=True)  # not frozen, as PersonRow
class Derived:
    """A person's status as it stood on a day, with the facts it was derived from."""

    person: PersonRow
    status: Status
    derivation: Derivation
    first: date | None  # the day the person first counted (None: always)

    @property
    def facts(self) -> list[Fact]:
        return self.derivation.facts

    @property
    def result(self) -> StatusResult:
        """The rules' whole answer: since when, on what evidence, conflicts, incommunicado."""
        return self.derivation.result

    def in_force(self) -> list[Fact]:
        """The facts neither superseded nor retracted."""
        if all(fact.supersedes is None for fact in self.facts):
            return self.facts  # no correction, no retraction: every fact is in force
        ignored = self.result.ignored
        if not ignored:
            return self.facts
        dropped = {fact.id for fact in ignored}
        return [fact for fact in self.facts if fact.id not in dropped]


@without_cycle_collection
def derive_all(
    rows: RegisterRows,
    *,
    on: date,
    basis: Basis = Basis.KNOWN_THEN,
    incommunicado_days: int = 90,
    memo: StatusMemo | None = None,
) -> list[Derived]:
    """The status on `on` of every person who counted by then, by the rules of
    homeward.registry.status (asked once per shape of timeline: memo.py)."""
    memo = memo or StatusMemo(incommunicado_days=incommunicado_days)
    derived = []
    for person in rows.persons:
        found = derive_one(person, rows.evidence_of(person.id), on=on, basis=basis, memo=memo)
        if found is not None:
            derived.append(found)
    return derived


def derive_one(
    person: PersonRow, evidence: Sequence[EvidenceRow], *, on: date, basis: Basis, memo: StatusMemo
) -> Derived | None:
    """The person's status on `on`, or None if he did not count by then."""
    first, counted = _counted(person, evidence, on, basis)
    if first is not None and first > on:
        return None
    derivation = memo.derive(counted, person.side, as_of=on)
    return Derived(person, derivation.status, derivation, first)


def _counted(
    person: PersonRow, evidence: Sequence[EvidenceRow], on: date, basis: Basis
) -> tuple[date | None, list[EvidenceRow]]:
    """The first day the person counts — the register knew of him from his entry or from the
    first evidence about him that counts, whichever came first (None: always) — and the rows
    counted by `on`, in one pass (a register's worth of persons goes through here)."""
    first = person.entered_on
    counted = []
    then = basis is Basis.KNOWN_THEN
    for row in evidence if then else countable(evidence, basis):
        day = row.then if then else row.dated
        if first is None or day < first:
            first = day
        if day <= on:
            counted.append(row)
    return first, counted
