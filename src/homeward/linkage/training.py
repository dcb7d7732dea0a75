"""Training: the model estimated from unlabelled records with Splink on DuckDB.

1. The prior (the probability that two random records are the same person) from deterministic
   rules (same tax number; same service number; same surname, given name and date of birth),
   assuming they find `rules_recall` of the true pairs (0.47 on the synthetic population).
2. u probabilities from random pairs (at most `max_pairs`).
3. m probabilities by expectation maximisation, in two sessions blocked on different columns
   (date of birth; surname and given name), each capped at `max_pairs` pairs.
   Evidence against a match is bounded (`bounded_against`): real lists hold errors the training
   data may lack, so no level may weigh against a match as if true pairs never showed it. A
   level the training population cannot show (agreement through a diminutive: the demo holds
   none) takes the m and u of the level whose evidence it is (`Level.weighs_as`).
4. Term frequencies of the keys, kept for the values common enough to matter (`TF_KEEP`); a
   value the model does not hold is taken as seen twice in training (`tf_floor`).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import pyarrow as pa  # type: ignore[import-untyped]

from homeward.linkage.backends import open_backend, register_term_frequencies
from homeward.linkage.blocking import TRAINING_RULES
from homeward.linkage.comparisons import (
    COMPARISONS,
    CONDITIONAL_TF,
    VETO_COMPARISONS,
    Comparison,
)
from homeward.linkage.features import LinkRecord
from homeward.linkage.model import LevelParameters, LinkageModel
from homeward.linkage.prepared import PreparedRecords, term_frequencies
from homeward.linkage.splink_settings import settings_dict

if TYPE_CHECKING:
    from splink import Linker

PRIOR_RULES = (
    "l.tax_number = r.tax_number",
    "l.service_number = r.service_number",
    "l.surname_key = r.surname_key AND l.given_key = r.given_key AND l.birth_year = r.birth_year "
    "AND l.birth_month = r.birth_month AND l.birth_day = r.birth_day",
)
# Term frequencies below this share are not stored in the model (they read as the floor).
TF_KEEP = 5e-5
TF_KEEP_PAIRS = 5_000
# An m never estimated (a level no training pair reached EM): small.
_UNSEEN = 1e-6
# EM gives m ≈ 0 to levels the training data never shows for true pairs (a day slipped in a birth
# date, a unit named otherwise, a date of capture a few days off); real lists do show them, in
# one true pair of two hundred at least, so no level weighs more than log2(u / M_FLOOR) against.
M_FLOOR = 0.005

logger = logging.getLogger(__name__)


def train_model(
    records: Iterable[LinkRecord] | pa.Table | PreparedRecords,
    *,
    seed: int = 1,
    max_pairs: float = 1e6,
    rules_recall: float = 0.5,
    description: str = "",
    vetoes: Sequence[str] = VETO_COMPARISONS,
) -> LinkageModel:
    """Estimate a model from records (or a `feature_table`)."""
    prepared = PreparedRecords.of(records)
    table = prepared.table
    if table.num_rows < 2:
        raise ValueError("training needs at least two records")
    shares = term_frequencies(prepared)
    from splink import Linker  # imported here: half a second, for linkage only

    with open_backend("duckdb") as engine:
        linker = Linker(
            engine.register(table, "records"),
            settings_dict(None, link_type="dedupe_only"),
            log_level=logging.WARNING,
        )
        register_term_frequencies(engine, linker, shares)
        trained = _estimate(linker, seed=seed, max_pairs=max_pairs, rules_recall=rules_recall)
    kept, floors = _kept_frequencies(shares)
    return LinkageModel(
        parameters=_parameters(trained, unseen_u=1.0 / max_pairs),
        probability_two_random_records_match=float(trained["probability_two_random_records_match"]),
        trained_records=table.num_rows,
        term_frequencies=kept,
        tf_floor=floors,
        description=description or f"trained on {table.num_rows:,} records",
        vetoes=vetoes,
    )


def _estimate(
    linker: Linker, *, seed: int, max_pairs: float, rules_recall: float
) -> dict[str, Any]:
    training = linker.training
    training.estimate_probability_two_random_records_match(list(PRIOR_RULES), recall=rules_recall)
    training.estimate_u_using_random_sampling(
        max_pairs=max_pairs, seed=seed, min_count_per_level=None
    )
    for rule in TRAINING_RULES:
        training.estimate_parameters_using_expectation_maximisation(rule.sql, max_pairs=max_pairs)
    result: dict[str, Any] = linker.misc.save_model_to_json()
    return result


def _parameters(trained: dict[str, Any], *, unseen_u: float) -> dict[str, list[LevelParameters]]:
    """m and u per level; a u that no random pair showed is taken as one in `max_pairs`."""
    by_name = {c["output_column_name"]: c["comparison_levels"] for c in trained["comparisons"]}
    parameters: dict[str, list[LevelParameters]] = {}
    for comparison in COMPARISONS:
        levels = [level for level in by_name[comparison.name] if not level.get("is_null_level")]
        estimated = [
            (label, _probability(level, "m", _UNSEEN), _probability(level, "u", unseen_u))
            for label, level in zip(comparison.labels, levels, strict=True)
        ]
        parameters[comparison.name] = weighed_as(comparison, bounded_against(estimated))
    return parameters


def weighed_as(comparison: Comparison, levels: Sequence[LevelParameters]) -> list[LevelParameters]:
    """The levels, each that names another (`Level.weighs_as`) given that level's m and u."""
    by_label = {p.label: p for p in levels}
    targets = {level.label: level.weighs_as for level in comparison.levels if level.weighs_as}
    return [
        LevelParameters(p.label, by_label[targets[p.label]].m, by_label[targets[p.label]].u)
        if p.label in targets
        else p
        for p in levels
    ]


def bounded_against(levels: Sequence[tuple[str, float, float]]) -> list[LevelParameters]:
    """m and u of one comparison's levels ("different" last), with the evidence against a match
    bounded: a level that weighs against (m < u) has m of at least `M_FLOOR`, and a level of
    closer agreement never weighs less than "different" (EM put a day slipped in a birth date
    at m = 1e-4, far below two dates years apart)."""
    m_else, u_else = levels[-1][1], levels[-1][2]
    m_else = max(m_else, M_FLOOR) if m_else < u_else else m_else
    found = []
    for label, m, u in levels[:-1]:
        if m < u:
            m = max(m, M_FLOOR, u * m_else / u_else)
        found.append(LevelParameters(label, m, u))
    found.append(LevelParameters(levels[-1][0], m_else, u_else))
    return found


def _probability(level: dict[str, Any], which: str, unseen: float) -> float:
    value = level.get(f"{which}_probability")
    if not isinstance(value, float | int) or math.isnan(value) or value <= 0:
        return unseen
    return float(value)


def _kept_frequencies(
    shares: dict[str, dict[str, float]],
) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    kept: dict[str, dict[str, float]] = {}
    floors: dict[str, float] = {}
    for column, values in shares.items():
        common = {value: share for value, share in values.items() if share >= TF_KEEP}
        if column in CONDITIONAL_TF:
            # a pair worth keeping: its surname is common enough to have several given names
            common = {value: share for value, share in values.items() if share < 1.0}
            common = dict(sorted(common.items(), key=lambda kv: -kv[1])[:TF_KEEP_PAIRS])
        kept[column] = dict(sorted(common.items(), key=lambda kv: -kv[1]))
        floors[column] = min(values.values(), default=0.0) * 2
    return kept, floors
