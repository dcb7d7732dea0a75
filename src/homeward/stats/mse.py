"""Multiple systems estimation: how many persons are on no list at all. Pure.

The model is chosen stepwise as Chan, Silverman and Vincent (2019) do: start with every list's
main effect; at each step compute, for every two-list interaction not yet in the model, how
likely the observed overlap of the two lists is under the current model (the smaller Poisson
tail probability of the observed count, given the count the model expects), and add the least
likely one while that probability is below the threshold (0.02) and the model stays
identifiable with a finite estimate. The interval is by profile likelihood, or by bootstrap
(each replicate resamples the counts and chooses its model again). docs/statistics.md says it in
words, with its assumptions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

import numpy as np
from scipy.special import pdtr, pdtrc

from homeward.errors import InvalidInput
from homeward.stats.histories import CaptureHistories
from homeward.stats.loglinear import (
    Design,
    Fit,
    Pair,
    Reason,
    Table,
    Vector,
    fit,
    problem_with,
    profile_interval,
)

THRESHOLD = 0.02
LEVEL = 0.95


class Selection(StrEnum):
    STEPWISE = "stepwise"  # the rule above (the default)
    ALL_PAIRS = "all_pairs"  # every two-list interaction: for comparison, where data allow


@dataclass(frozen=True)
class ModelRule:
    selection: Selection = Selection.STEPWISE
    threshold: float = THRESHOLD

    def describe(self) -> str:
        if self.selection is Selection.ALL_PAIRS:
            return "every two-list interaction"
        return f"stepwise, Poisson tail probability below {self.threshold}"


class IntervalMethod(StrEnum):
    PROFILE = "profile"  # profile likelihood of the dark figure under the chosen model
    BOOTSTRAP = "bootstrap"  # counts resampled, the model chosen again in every replicate


@dataclass(frozen=True)
class Step:
    """One interaction added: the two lists, their overlap observed and expected, and how
    likely the observed overlap was under the model before it."""

    lists: tuple[str, str]
    observed: int
    expected: float
    p_value: float


@dataclass(frozen=True)
class Choice:
    model: tuple[Pair, ...]
    steps: tuple[Step, ...]
    design: Design
    fit: Fit


@dataclass(frozen=True)
class Estimate:
    lists: tuple[str, ...]
    observed: int
    estimate: float | None  # None when no estimate exists: `reason` says why
    interval: tuple[float, float] | None
    level: float
    method: IntervalMethod
    interactions: tuple[tuple[str, str], ...] = ()
    empty_overlaps: tuple[tuple[str, str], ...] = ()
    steps: tuple[Step, ...] = ()
    notes: tuple[str, ...] = ()
    reason: Reason | None = None
    replications: int = 0
    failed_replications: int = 0
    rule: ModelRule = field(default_factory=ModelRule)
    origin: str = field(default="the table", compare=False)

    def sentence(self) -> str:
        documented = (
            f"At least {self.observed:,} documented" if self.observed else "None documented"
        )
        if self.estimate is None or self.interval is None:
            return f"{documented}; no estimate of the total: {self.reason}."
        low, high = self.interval
        upper = "no finite upper bound" if math.isinf(high) else f"{high:,.0f}"
        return (
            f"{documented}; an estimated {self.estimate:,.0f} in total "
            f"({self.level:.0%} interval {low:,.0f}–{upper})."
        )

    def to_json(self) -> dict[str, Any]:
        interval = None
        if self.interval is not None:
            interval = [_number(self.interval[0]), _number(self.interval[1])]
        return {
            "lists": list(self.lists),
            "observed": self.observed,
            "estimate": None if self.estimate is None else round(self.estimate, 1),
            "dark_figure": None
            if self.estimate is None
            else round(self.estimate - self.observed, 1),
            "interval": interval,
            "level": self.level,
            "interval_method": self.method.value,
            "model": {
                "main_effects": list(self.lists),
                "interactions": [list(pair) for pair in self.interactions],
                "empty_overlaps": [list(pair) for pair in self.empty_overlaps],
                "rule": self.rule.describe(),
            },
            "steps": [
                {
                    "added": list(step.lists),
                    "observed_overlap": step.observed,
                    "expected_overlap": round(step.expected, 2),
                    "p_value": step.p_value,
                }
                for step in self.steps
            ],
            "replications": self.replications,
            "failed_replications": self.failed_replications,
            "notes": list(self.notes),
            "reason": None if self.reason is None else str(self.reason),
            "reason_code": None if self.reason is None else self.reason.code,
            "sentence": self.sentence(),
        }


def _number(value: float) -> float | None:
    return None if math.isinf(value) else round(value, 1)


def estimate_population(
    histories: CaptureHistories,
    *,
    method: IntervalMethod = IntervalMethod.PROFILE,
    level: float = LEVEL,
    rule: ModelRule = ModelRule(),
    replications: int = 1000,
    seed: int = 1,
) -> Estimate:
    """The total on the lists and off them, with its interval, or the reason there is none."""
    if not 0 < level < 1:
        raise InvalidInput("level", "%(level)s is not between 0 and 1", level=level)
    if method is IntervalMethod.BOOTSTRAP and replications < 10:
        raise InvalidInput("replications", "at least 10 for a bootstrap interval")
    base = Estimate(
        lists=histories.lists,
        observed=histories.observed,
        estimate=None,
        interval=None,
        level=level,
        method=method,
        rule=rule,
        origin=histories.origin,
    )
    usable, notes, reason = _usable(histories)
    base = _replace(base, lists=usable.lists, notes=tuple(notes), reason=reason)
    if reason is not None:
        return base
    table = Table.of(usable)
    choice = choose_model(table, usable.lists, rule=rule)
    if isinstance(choice, Reason):
        return _replace(base, reason=choice)
    base = _replace(
        base,
        estimate=usable.observed + choice.fit.dark_figure,
        interactions=tuple(_names(usable.lists, p) for p in choice.design.interactions),
        empty_overlaps=tuple(_names(usable.lists, p) for p in choice.design.empty),
        steps=choice.steps,
    )
    if method is IntervalMethod.PROFILE:
        low, high = profile_interval(choice.design, choice.fit, level=level)
        return _replace(base, interval=(usable.observed + low, usable.observed + high))
    return _bootstrapped(base, table, replications=replications, seed=seed)


FEWER_THAN_THREE = Reason("too_few_lists", "fewer than three lists hold anyone")
NO_OVERLAP = Reason("no_overlap", "no one is on two lists, so nothing says how many are on none")


def _usable(histories: CaptureHistories) -> tuple[CaptureHistories, list[str], Reason | None]:
    """The lists that hold anyone, notes on lists left out or alone, and why no estimate can
    exist when none can."""
    notes: list[str] = []
    empty = histories.empty_lists()
    if empty:
        notes.append(f"left out, holding no one: {', '.join(empty)}")
    if len(histories.lists) - len(empty) < 3:
        return histories, notes, FEWER_THAN_THREE
    usable = histories.without_lists(empty) if empty else histories
    if not usable.any_overlap():
        return usable, notes, NO_OVERLAP
    alone = usable.lists_without_overlap()
    if alone:
        notes.append(
            f"sharing no one with any other list: {', '.join(alone)} (what these lists add "
            "to the estimate rests on the model's assumptions alone)"
        )
    return usable, notes, None


def _replace(base: Estimate, **changes: Any) -> Estimate:
    return replace(base, **changes)


def choose_model(
    table: Table,
    lists: tuple[str, ...],
    *,
    rule: ModelRule = ModelRule(),
) -> Choice | Reason:
    """The model the rule chooses, or why it gives no estimate."""
    pairs = [(i, j) for i in range(len(lists)) for j in range(i + 1, len(lists))]
    if rule.selection is Selection.ALL_PAIRS:
        every = Design.of(table, pairs)
        problem = problem_with(every)
        return problem or Choice(tuple(pairs), (), every, fit(every))
    design = Design.of(table, ())
    problem = problem_with(design)
    if problem is not None:
        return problem
    current = fit(design)
    model: list[Pair] = []
    steps: list[Step] = []
    while True:
        added = _next_interaction(table, design, current, pairs, model, rule.threshold)
        if added is None:
            return Choice(tuple(model), tuple(steps), design, current)
        pair, expected, p_value, grown = added
        model.append(pair)
        steps.append(Step(_names(lists, pair), int(table.overlap(pair)), expected, p_value))
        # the last fit is a good start: the new interaction's parameter, if any, begins at 0
        extra = grown.matrix.shape[1] - design.matrix.shape[1]
        current = fit(grown, start=np.concatenate([current.params, np.zeros(extra)]))
        design = grown


def _names(lists: tuple[str, ...], pair: Pair) -> tuple[str, str]:
    return lists[pair[0]], lists[pair[1]]


def _next_interaction(
    table: Table,
    design: Design,
    current: Fit,
    pairs: list[Pair],
    model: list[Pair],
    threshold: float,
) -> tuple[Pair, float, float, Design] | None:
    """The least likely overlap under the current model, if below the threshold and its model
    is identifiable with a finite estimate; else the next least likely, and so on."""
    cells = table.cells[design.kept]
    open_pairs = [pair for pair in pairs if pair not in model]
    if not open_pairs:
        return None
    both = np.column_stack([cells[:, i] * cells[:, j] for i, j in open_pairs])
    expected = current.fitted @ both
    observed = np.array([table.overlap(pair) for pair in open_pairs])
    p_values = overlap_tails(observed, expected)
    order = sorted(range(len(open_pairs)), key=lambda k: (p_values[k], pairs.index(open_pairs[k])))
    for k in order:
        if p_values[k] >= threshold:
            return None
        trial = Design.of(table, [*model, open_pairs[k]])
        if problem_with(trial) is None:
            return open_pairs[k], float(expected[k]), float(p_values[k]), trial
    return None


def overlap_tails(observed: Vector, expected: Vector) -> Vector:
    """For each overlap, the smaller tail probability of the observed count under a Poisson
    distribution with the expected count as its mean."""
    at_most = pdtr(observed, expected)
    at_least = np.where(observed > 0, pdtrc(np.maximum(observed - 1, 0), expected), 1.0)
    return np.asarray(np.minimum(at_most, at_least), dtype=float)


def _bootstrapped(base: Estimate, table: Table, *, replications: int, seed: int) -> Estimate:
    """Percentile interval over replicates whose counts are Poisson draws around the observed
    ones; a replicate with no finite estimate counts as infinitely large."""
    generator = np.random.default_rng(seed)
    totals = np.empty(replications)
    failed = 0
    for replicate in range(replications):
        counts = generator.poisson(table.counts).astype(float)
        choice = choose_model(table.with_counts(counts), base.lists, rule=base.rule)
        if isinstance(choice, Reason):
            failed += 1
            totals[replicate] = math.inf
        else:
            totals[replicate] = counts.sum() + choice.fit.dark_figure
    tail = (1 - base.level) / 2
    low = float(np.quantile(totals, tail, method="inverted_cdf"))
    high = float(np.quantile(totals, 1 - tail, method="inverted_cdf"))
    return _replace(
        base, interval=(low, high), replications=replications, failed_replications=failed
    )
