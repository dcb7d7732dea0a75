"""Status, derived from evidence and never typed: one pure function, every rule in docs/status.md.

The result does not depend on the order the evidence is given in: facts are sorted by their
dates and then by their identifiers. Partial dates are compared conservatively: a fact is "after"
another only when every day it may be falls after every day the other may be.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from homeward.dates import PartialDate
from homeward.registry.vocab import EvidenceKind, Reliability, Side, Status

K = EvidenceKind

# The ladder of own persons: the level each kind of evidence can lift a person to.
LADDER: dict[EvidenceKind, Status] = {
    K.REPORTED_MISSING: Status.MISSING,
    K.SEEN_IN_MEDIA: Status.CAPTIVITY_POSSIBLE,
    K.CAPTOR_LIST: Status.CAPTIVITY_POSSIBLE,
    K.TESTIMONY_SIGHTING: Status.CAPTIVITY_POSSIBLE,
    K.LETTER_OR_CALL: Status.CAPTIVITY_POSSIBLE,
    K.COURT_CASE: Status.CAPTIVITY_POSSIBLE,
    K.ICRC_NOTIFICATION: Status.CAPTIVITY_CONFIRMED,
    K.CAPTOR_ACKNOWLEDGMENT: Status.CAPTIVITY_CONFIRMED,
    K.ICRC_VISIT: Status.CAPTIVITY_CONFIRMED,
}
LADDER_ORDER = (
    Status.NO_INFORMATION,
    Status.MISSING,
    Status.CAPTIVITY_POSSIBLE,
    Status.CAPTIVITY_CONFIRMED,
)
RETURN_KINDS = frozenset({K.RETURNED, K.RELEASED_OTHER})
DEATH_KINDS = frozenset({K.DIED, K.REMAINS_IDENTIFIED})
# Signs that the person was alive at the date of the fact.
LIFE_KINDS = (
    frozenset(k for k, level in LADDER.items() if level is not Status.MISSING) | RETURN_KINDS
)
# Signs of life strong enough to outweigh an unconfirmed report of death.
STRONG_LIFE_KINDS = frozenset(
    {K.ICRC_NOTIFICATION, K.CAPTOR_ACKNOWLEDGMENT, K.ICRC_VISIT, K.LETTER_OR_CALL} | RETURN_KINDS
)
# What keeps a captive from being incommunicado: a letter, a call, a visit by the ICRC.
CONTACT_KINDS = frozenset({K.LETTER_OR_CALL, K.ICRC_VISIT})

# Adversary prisoners: the status each event puts the prisoner in.
CUSTODY_EVENTS: dict[EvidenceKind, Status] = {
    K.CAPTURED: Status.IN_CUSTODY,
    K.RECAPTURED: Status.IN_CUSTODY,
    K.MOVED: Status.IN_CUSTODY,
    K.DISCHARGED: Status.IN_CUSTODY,
    K.ICRC_VISIT: Status.IN_CUSTODY,
    K.LETTER_OR_CALL: Status.IN_CUSTODY,
    K.HOSPITALISED: Status.HOSPITALISED,
    K.TRANSFERRED: Status.TRANSFERRED,
    K.REPATRIATED: Status.REPATRIATED,
    K.RELEASED: Status.RELEASED,
    K.ESCAPED: Status.ESCAPED,
}
# Routine events do not change a status that is not custody (a letter after repatriation
# does not bring a prisoner back into custody).
ROUTINE_EVENTS = frozenset({K.MOVED, K.ICRC_VISIT, K.LETTER_OR_CALL})


@dataclass(frozen=True)
class Fact:
    """One piece of evidence as the rules see it."""

    id: int
    kind: EvidenceKind
    on: PartialDate
    supersedes: int | None = None
    reliability: Reliability = Reliability.MEDIUM
    place: str | None = None
    source: str | None = None

    @property
    def sort_key(self) -> tuple[date, date, int]:
        return (self.on.earliest, self.on.latest, self.id)


@dataclass(frozen=True)
class StatusResult:
    status: Status
    rule: str  # the row of docs/status.md that decided it
    since: PartialDate | None = None
    basis: tuple[Fact, ...] = ()
    conflicts: tuple[Fact, ...] = ()
    incommunicado: bool = False
    last_sign_of_life: PartialDate | None = None
    days_without_contact: int | None = None
    ignored: tuple[Fact, ...] = field(default=())  # superseded or retracted


def effective_facts(facts: Iterable[Fact]) -> tuple[list[Fact], list[Fact]]:
    """Split facts into those in force and those superseded (rule S1).

    A fact is superseded when a fact in force names it in `supersedes`; retracting a correction
    therefore restores what it corrected. Retractions are never claims themselves.
    """
    by_id = {fact.id: fact for fact in facts}
    superseders: dict[int, list[Fact]] = {}
    for fact in by_id.values():
        if fact.supersedes is not None:
            superseders.setdefault(fact.supersedes, []).append(fact)
    memo: dict[int, bool] = {}

    def in_force(fact: Fact, path: frozenset[int]) -> bool:
        if fact.id in memo:
            return memo[fact.id]
        if fact.id in path:  # a cycle can only come from corrupt data: keep the fact
            return True
        result = not any(in_force(s, path | {fact.id}) for s in superseders.get(fact.id, ()))
        memo[fact.id] = result
        return result

    ordered = sorted(by_id.values(), key=lambda f: f.sort_key)
    kept = [f for f in ordered if in_force(f, frozenset()) and f.kind is not K.RETRACTION]
    dropped = [f for f in ordered if not in_force(f, frozenset()) or f.kind is K.RETRACTION]
    return kept, dropped


def _after(fact: Fact, reference: Fact) -> bool:
    return reference.on.certainly_before(fact.on)


def derive_status(
    facts: Sequence[Fact], *, side: Side, as_of: date, incommunicado_days: int = 90
) -> StatusResult:
    """The person's status, since when, on what evidence; see docs/status.md."""
    kept, dropped = effective_facts(facts)
    if side is Side.ADVERSARY:
        result = _adversary_status(kept)
    else:
        result = _own_status(kept, as_of=as_of, incommunicado_days=incommunicado_days)
    return replace(result, ignored=tuple(dropped))


def _own_status(kept: list[Fact], *, as_of: date, incommunicado_days: int) -> StatusResult:
    if not kept:
        return StatusResult(Status.NO_INFORMATION, rule="O1")
    identified = [f for f in kept if f.kind is K.REMAINS_IDENTIFIED]
    deaths = [f for f in kept if f.kind in DEATH_KINDS]
    if identified:
        since = deaths[0].on
        later_life = tuple(f for f in kept if f.kind in LIFE_KINDS and f.on.earliest > since.latest)
        return StatusResult(
            Status.DECEASED, rule="O2", since=since, basis=tuple(deaths), conflicts=later_life
        )
    if deaths:
        decided = _reported_death(kept, deaths)
        if decided is not None:
            return decided
    returns = [f for f in kept if f.kind in RETURN_KINDS]
    death_doubts = tuple(deaths)  # a death report outweighed by later strong signs of life
    if returns:
        last = returns[-1]
        later = tuple(f for f in kept if f.kind in LADDER and _after(f, last))
        return StatusResult(
            Status.RETURNED,
            rule="O5",
            since=last.on,
            basis=(last,),
            conflicts=death_doubts + later,
        )
    ladder = _ladder_status(kept, conflicts=death_doubts)
    return _with_incommunicado(ladder, kept, as_of=as_of, incommunicado_days=incommunicado_days)


def _reported_death(kept: list[Fact], deaths: list[Fact]) -> StatusResult | None:
    """Rules O3 and O4: a death report stands unless strong signs of life come after it."""
    last_death = deaths[-1]
    strong_after = [f for f in kept if f.kind in STRONG_LIFE_KINDS and _after(f, last_death)]
    if strong_after:
        return None
    weak_after = tuple(f for f in kept if f.kind in LIFE_KINDS and _after(f, last_death))
    return StatusResult(
        Status.DECEASED, rule="O3", since=deaths[0].on, basis=tuple(deaths), conflicts=weak_after
    )


def _ladder_status(kept: list[Fact], *, conflicts: tuple[Fact, ...]) -> StatusResult:
    """Rules O6–O8: the highest rung any fact in force reaches, since the first fact on it."""
    rungs = [f for f in kept if f.kind in LADDER]
    if not rungs:
        return StatusResult(Status.NO_INFORMATION, rule="O1", conflicts=conflicts)
    top = max(LADDER_ORDER.index(LADDER[f.kind]) for f in rungs)
    status = LADDER_ORDER[top]
    basis = tuple(f for f in rungs if LADDER[f.kind] is status)
    rule = {Status.MISSING: "O6", Status.CAPTIVITY_POSSIBLE: "O7"}.get(status, "O8")
    return StatusResult(status, rule=rule, since=basis[0].on, basis=basis, conflicts=conflicts)


def _with_incommunicado(
    result: StatusResult, kept: list[Fact], *, as_of: date, incommunicado_days: int
) -> StatusResult:
    """Rule O9: a captive with no letter, call or ICRC visit for too long is incommunicado."""
    if result.status not in (Status.CAPTIVITY_POSSIBLE, Status.CAPTIVITY_CONFIRMED):
        return result
    contacts = [f for f in kept if f.kind in CONTACT_KINDS]
    captive_since = next(f for f in kept if f.kind in LIFE_KINDS)
    reference = contacts[-1] if contacts else captive_since
    days = reference.on.days_until(as_of)
    return replace(
        result,
        incommunicado=days > incommunicado_days,
        last_sign_of_life=contacts[-1].on if contacts else None,
        days_without_contact=days,
    )


def _adversary_status(kept: list[Fact]) -> StatusResult:
    """Rules A1–A4 for the prisoners our side holds."""
    deaths = [f for f in kept if f.kind in DEATH_KINDS]
    if deaths:
        later = tuple(f for f in kept if f.kind in CUSTODY_EVENTS and _after(f, deaths[-1]))
        return StatusResult(
            Status.DECEASED, rule="A1", since=deaths[0].on, basis=tuple(deaths), conflicts=later
        )
    events = [f for f in kept if f.kind in CUSTODY_EVENTS]
    if not events:
        return StatusResult(Status.NO_INFORMATION, rule="A4")
    status = CUSTODY_EVENTS[events[0].kind]
    stretch: list[Fact] = [events[0]]
    for event in events[1:]:
        new = CUSTODY_EVENTS[event.kind]
        if event.kind in ROUTINE_EVENTS and status is not Status.IN_CUSTODY:
            continue
        if new is status:
            stretch.append(event)
        else:
            status, stretch = new, [event]
    rule = "A2" if status is Status.IN_CUSTODY else "A3"
    return StatusResult(status, rule=rule, since=stretch[0].on, basis=tuple(stretch))
