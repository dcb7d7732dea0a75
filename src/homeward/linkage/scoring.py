"""Scoring one pair in Python, exactly as Splink scores it in SQL, and explaining the score.

Used for the candidates of one new report (tens to hundreds of pairs, each in tens of
microseconds) and for the explanations of batch links. The levels come from the same
declarations as Splink's SQL (`comparisons`), so the level of every field and the weights agree
with Splink to rounding (a test checks both on many pairs). Pure: no database, no I/O.

Term frequencies: a row may carry `tf_<column>` (the value's share among the records being
linked, as Splink computes it); otherwise the model's training frequencies are used.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from homeward.linkage.comparisons import COMPARISONS, Comparison
from homeward.linkage.guards import refusal
from homeward.linkage.model import LinkageModel

# Per comparison (in order), per level index ("different" last), read once for every pair:
# its label (`Comparison.labels`), its term-frequency column and weight (`Comparison.tf_of`; None
# without one), and whether an explanation quotes both values.
_LABELS = tuple(comparison.labels for comparison in COMPARISONS)
_TF = tuple(
    tuple(comparison.tf_of(index) for index in range(len(comparison.labels)))
    for comparison in COMPARISONS
)
_QUOTES = tuple(
    tuple(
        bool(comparison.display)
        and (index == len(comparison.levels) or comparison.levels[index].shows_values)
        for index in range(len(comparison.labels))
    )
    for comparison in COMPARISONS
)
# A term-frequency adjustment this large (in bits) makes a value "rare" or "common" in words.
_RARITY_BITS = 1.0


@dataclass(frozen=True, slots=True)
class FieldWeight:
    field: str  # "surname", "date of birth"
    level: str  # "same key, rare"
    weight: float  # the level's match weight plus its term-frequency adjustment, in bits
    values: str = ""  # both values when the level quotes them: "Олександр ~ Александр"


@dataclass(frozen=True, slots=True)
class PairScore:
    match_weight: float
    match_probability: float
    fields: tuple[FieldWeight, ...]  # the fields both records have, in comparison order
    vetoed: str | None  # why the pair may never be linked automatically, if it may not
    levels: tuple[int, ...] = ()  # per comparison: the level's index, -1 when absent
    weights: tuple[float, ...] = ()  # per comparison: its weight in bits, 0.0 when absent

    def refusal(self, auto: float) -> str | None:
        """Why the pair may not be linked automatically at the automatic threshold `auto`
        (a probability) though it scores above it (`guards`); None when it may."""
        if not self.levels:
            return None
        return refusal(self.levels, self.weights, self.match_weight, prior_weight(auto))


def probability(match_weight: float) -> float:
    """Splink's match probability for a match weight (stable at both ends)."""
    if match_weight >= 0:
        return 1.0 / (1.0 + math.pow(2.0, -match_weight))
    odds = math.pow(2.0, match_weight)
    return odds / (1.0 + odds)


def prior_weight(prior: float) -> float:
    return math.log2(prior / (1.0 - prior))


def score_pair(
    model: LinkageModel,
    left: Mapping[str, object],
    right: Mapping[str, object],
    *,
    prior: float | None = None,
    levels: Sequence[int] | None = None,
) -> PairScore:
    """Score two `features()` rows; `prior` defaults to the model's (see `LinkageModel.prior`).
    `levels`, each comparison's level as `Comparison.level_of` gives it, spares reading them
    again where the comparisons' SQL found them already (a list's pairs)."""
    total = prior_weight(model.prior() if prior is None else prior)
    fields: list[FieldWeight] = []
    vetoed: list[str] = []
    found = [-1] * len(COMPARISONS)
    weights = [0.0] * len(COMPARISONS)
    for position, comparison in enumerate(COMPARISONS):
        index = found[position] = (
            comparison.level_of(left, right) if levels is None else levels[position]
        )
        if index < 0:
            continue
        weight = model.weights[position][index]
        tf = _TF[position][index]
        adjustment = (
            0.0 if tf is None else _tf_adjustment(model, comparison, index, tf, left, right)
        )
        weights[position] = weight + adjustment
        total += weight + adjustment
        label, quotes = _LABELS[position][index], _QUOTES[position][index]
        fields.append(_field_weight(comparison, label, quotes, weight, adjustment, left, right))
        if comparison.name in model.vetoes and index == len(comparison.levels):
            vetoed.append(f"different {comparison.title}s")
    vetoes = "; ".join(vetoed) or None
    return PairScore(total, probability(total), tuple(fields), vetoes, tuple(found), tuple(weights))


def _tf_adjustment(
    model: LinkageModel,
    comparison: Comparison,
    index: int,
    tf: tuple[str, float],
    left: Mapping[str, object],
    right: Mapping[str, object],
) -> float:
    """The term-frequency adjustment of a level whose column and weight are `tf`."""
    column, tf_weight = tf
    tf_left = _tf(model, column, left)
    tf_right = _tf(model, column, right)
    # the greater of the two known (the left when equal, as `max` takes it); none: none
    if tf_left is None:
        frequency = tf_right
    elif tf_right is None or tf_left >= tf_right:
        frequency = tf_left
    else:
        frequency = tf_right
    if frequency is None or frequency <= 0.0:
        return 0.0
    u = model.parameters[comparison.name][index].u
    return tf_weight * (math.log2(u) - math.log2(frequency))


def _tf(model: LinkageModel, column: str, row: Mapping[str, object]) -> float | None:
    name = f"tf_{column}"
    if name in row:
        value = row[name]
        return None if value is None else float(value)  # type: ignore[arg-type]
    if row.get(column) is None:
        return None
    return model.term_frequency(column, row.get(column))


def _field_weight(
    comparison: Comparison,
    label: str,
    quotes: bool,
    weight: float,
    adjustment: float,
    left: Mapping[str, object],
    right: Mapping[str, object],
) -> FieldWeight:
    weight += adjustment
    if adjustment >= _RARITY_BITS:
        label += ", rare"
    elif adjustment <= -_RARITY_BITS:
        label += ", common"
    values = ""
    shown = comparison.display
    if quotes and shown:  # both values, for a level that shows them or "different"
        values = f"{_shown(left.get(shown))} ~ {_shown(right.get(shown))}"
    return FieldWeight(comparison.title, label, weight, values)


def _shown(value: object) -> str:
    text = "" if value is None else str(value)
    return text.title() if text.isalpha() or "-" in text or " " in text else text


def explain(score: PairScore, refused: str | None = None) -> str:
    """The score in words, strongest evidence first: "surname: same key, rare (+9.1); …";
    `refused`: why a pair above the automatic threshold waits for a reviewer (`guards`)."""
    parts = [
        f"{field.field}: {field.level}"
        + (f" ({field.values})" if field.values else "")
        + f" ({field.weight:+.1f})"
        for field in sorted(score.fields, key=lambda field: -field.weight)
    ]
    head = f"never automatic: {score.vetoed}; " if score.vetoed else ""
    if refused and not score.vetoed:
        head = f"not automatic: {refused}; "
    return head + "; ".join(parts)
