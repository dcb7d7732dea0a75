"""Candidates, ranking, balance and composition of the two lists. Pure: over the facts the
caller read (`facts.py`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from homeward.collector import collector_paused
from homeward.errors import Message
from homeward.exchanges.categories import Category
from homeward.exchanges.facts import Someone
from homeward.exchanges.rules import (
    Answer,
    evaluator,
    full_months,
    held_back,
    rank_category,
)
from homeward.exchanges.vocab import Mode, Verdict


@dataclass(frozen=True)
class Candidate:
    person: Someone
    verdict: Verdict  # the best answer among the categories asked
    answers: tuple[Answer, ...]
    excluded: Message | None = None  # why he may never be offered

    @property
    def categories(self) -> list[str]:
        """The categories he certainly falls under."""
        return [a.code for a in self.answers if a.verdict is Verdict.YES]


def _months_held(person: Someone, on: date) -> int | None:
    captured = person.facts.captured
    return None if captured is None else max(full_months(captured.latest, on), 0)


def rank_key(candidate: Candidate, on: date) -> tuple[int, int, int, int]:
    """Seriously ill first, then the longest held (the fewest months he may have been held,
    so that an uncertain date never jumps the queue), then yes before maybe."""
    ill = 0 if candidate.person.facts.seriously_ill else 1
    held = _months_held(candidate.person, on)
    verdict = 0 if candidate.verdict is Verdict.YES else 1
    return (ill, -(held if held is not None else -1), verdict, candidate.person.id)


def candidates(
    persons: Iterable[Someone], wanted: Sequence[Category], on: date, *, with_maybe: bool = True
) -> tuple[list[Candidate], list[Candidate]]:
    """Who falls under the categories on the exchange day, ranked; and who would but may never
    be offered (held back for proceedings, refusing repatriation), with the reason."""
    ranked: list[Candidate] = []
    excluded: list[Candidate] = []
    with collector_paused():
        _sort_out(persons, wanted, on, with_maybe, ranked, excluded)
        ranked.sort(key=lambda c: rank_key(c, on))
    return ranked, excluded


def _sort_out(
    persons: Iterable[Someone],
    wanted: Sequence[Category],
    on: date,
    with_maybe: bool,
    ranked: list[Candidate],
    excluded: list[Candidate],
) -> None:
    rules = [evaluator(category, on) for category in wanted]
    yes, maybe = Verdict.YES, Verdict.MAYBE
    for person in persons:
        facts = person.facts
        answers = tuple([rule(facts) for rule in rules])
        verdicts = {answer.verdict for answer in answers}
        verdict = yes if yes in verdicts else maybe if maybe in verdicts else Verdict.NO
        if verdict is Verdict.NO or (verdict is maybe and not with_maybe):
            continue
        why = held_back(facts) if facts.held_back else None
        candidate = Candidate(person, verdict, answers, why)
        (excluded if why else ranked).append(candidate)


@dataclass(frozen=True)
class CategoryBalance:
    code: str
    own: int
    adversary: int
    quota: int | None

    @property
    def left_over(self) -> int:
        """Persons of one side without a counterpart: positive on our side, negative theirs."""
        return self.own - self.adversary


@dataclass(frozen=True)
class Balance:
    mode: Mode
    rows: list[CategoryBalance]
    own: int
    adversary: int
    problems: list[Message] = field(default_factory=list)
    unfit_own: tuple[int, ...] = ()  # on our list, under none of the agreed categories
    unfit_adversary: tuple[int, ...] = ()
    notes: list[Message] = field(default_factory=list)  # differences the mode allows
    # listed under no agreed category for certain, but under one or more only maybe (a birth
    # known by its year, no doctor's finding): not "under none", and not counted under them
    uncertain_own: tuple[int, ...] = ()
    uncertain_adversary: tuple[int, ...] = ()
    # for each of those, the agreed categories he falls under only maybe (his list's words)
    maybe_under: Mapping[int, tuple[str, ...]] = field(default_factory=dict)

    @property
    def balanced(self) -> bool:
        return not self.problems


def _unfit(listed: Mapping[int, Sequence[str]], codes: Sequence[str]) -> tuple[int, ...]:
    """Who is listed under none of the agreed categories (nobody, when none were agreed)."""
    if not codes:
        return ()
    return tuple(sorted(pid for pid, cats in listed.items() if not set(cats) & set(codes)))


def balance(
    mode: Mode,
    own: Mapping[int, Sequence[str]],
    adversary: Mapping[int, Sequence[str]],
    codes: Sequence[str],
    quotas: Mapping[str, int],
    maybe: Mapping[int, Sequence[str]] | None = None,
) -> Balance:
    """The two lists side by side: per category (a person counts under each he falls under)
    and in all; what makes them unbalanced under the mode, in words. Under every mode a person
    listed who falls under none of the agreed categories unbalances the lists; one for one asks
    as many on each side in every category and in all; agreed numbers ask each category's
    number on each side; all for all lets the numbers differ. `maybe` holds, for persons
    listed under no category for certain, the agreed categories they fall under only maybe:
    they unbalance the lists too, said as what they are, never as "under none"."""
    maybe = maybe or {}
    count_own = Counter(code for cats in own.values() for code in cats)
    count_adv = Counter(code for cats in adversary.values() for code in cats)
    rows = [CategoryBalance(c, count_own[c], count_adv[c], quotas.get(c)) for c in codes]
    outside_own, outside_adversary = _unfit(own, codes), _unfit(adversary, codes)
    uncertain_own = tuple(p for p in outside_own if set(maybe.get(p, ())) & set(codes))
    uncertain_adversary = tuple(p for p in outside_adversary if set(maybe.get(p, ())) & set(codes))
    unfit_own = tuple(p for p in outside_own if p not in uncertain_own)
    unfit_adversary = tuple(p for p in outside_adversary if p not in uncertain_adversary)
    problems: list[Message] = []
    for side, unfit, uncertain in (
        ("own", unfit_own, uncertain_own),
        ("adversary", unfit_adversary, uncertain_adversary),
    ):
        if unfit:
            problems.append(
                Message(
                    "listed under none of the agreed categories (%(side)s): %(count)s",
                    count=len(unfit),
                    side=side,
                )
            )
        if uncertain:
            problems.append(
                Message(
                    "listed under the agreed categories only maybe (%(side)s): %(count)s; "
                    "the register's facts do not settle it",
                    count=len(uncertain),
                    side=side,
                )
            )
    differences = [
        Message(
            "%(code)s: %(own)s asked back, %(adversary)s offered (left over %(left_over)s)",
            code=row.code,
            own=row.own,
            adversary=row.adversary,
            left_over=row.left_over,
        )
        for row in rows
        if row.own != row.adversary
    ]
    if mode is Mode.ONE_FOR_ONE:
        if len(own) != len(adversary):
            problems.append(
                Message(
                    "one for one: %(own)s asked back, %(adversary)s offered",
                    own=len(own),
                    adversary=len(adversary),
                )
            )
        problems.extend(differences)
    if mode is Mode.NUMBERS:
        for row in rows:
            if row.quota is not None and (row.own != row.quota or row.adversary != row.quota):
                problems.append(
                    Message(
                        "%(code)s: %(quota)s agreed, %(own)s asked back, %(adversary)s offered",
                        code=row.code,
                        quota=row.quota,
                        own=row.own,
                        adversary=row.adversary,
                    )
                )
    notes = differences if mode is Mode.ALL_FOR_ALL else []
    return Balance(
        mode,
        rows,
        len(own),
        len(adversary),
        problems,
        unfit_own,
        unfit_adversary,
        notes,
        uncertain_own,
        uncertain_adversary,
        {p: tuple(maybe[p]) for p in (*uncertain_own, *uncertain_adversary)},
    )


def held_band(months: int | None) -> str:
    if months is None:
        return "unknown"
    if months < 12:
        return "under 1 year"
    if months < 24:
        return "1–2 years"
    if months < 36:
        return "2–3 years"
    return "3 years or more"


def composition(
    persons: Iterable[Someone], categories_of: Mapping[int, Sequence[str]], on: date
) -> dict[str, dict[str, int]]:
    """What a list is made of: by category, rank, citizenship and time held."""
    by: dict[str, Counter[str]] = {
        k: Counter() for k in ("category", "rank", "citizenship", "held")
    }
    for person in persons:
        for code in categories_of.get(person.id, ()) or ("none",):
            by["category"][code] += 1
        by["rank"][rank_category(person.facts.rank) or "unknown"] += 1
        by["citizenship"][person.citizenship or "unknown"] += 1
        by["held"][held_band(_months_held(person, on))] += 1
    return {key: dict(counter.most_common()) for key, counter in by.items()}
