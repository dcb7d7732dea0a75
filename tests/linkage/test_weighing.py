"""A deduplication's pairs weighed in Arrow (`weighing.weigh_dedupe`) are Splink's predictions:
the same pairs, levels, weights (term-frequency adjustments included), probabilities and vetoes."""

from __future__ import annotations

import math
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pytest

from homeward.linkage.backends import open_backend
from homeward.linkage.comparisons import COMPARISONS
from homeward.linkage.features import LinkRecord
from homeward.linkage.model import LinkageModel
from homeward.linkage.pairs import Thresholds, blocked_positions, dedupe_pairs, predict
from homeward.linkage.prepared import PreparedRecords
from homeward.linkage.scoring import prior_weight
from homeward.linkage.weighing import distinct_levels, pair_weights, weigh_dedupe
from tests.linkage.factories import fixed_model, population

# far below review: most blocked pairs are kept, with every level some pair is at
MARGIN = 60.0
# The demo population holds no diminutives: two pairs of a witness's name and a relative's, so
# that the diminutive levels (and their term-frequency adjustment) are reached too.
DIMINUTIVES = (
    LinkRecord("dim-1", "Ткачук", "Саша", sex="M", birth_date="1990", source="testimony"),
    LinkRecord("dim-2", "Ткачук", "Олександр", "Петрович", "M", "12.03.1990", source="relative"),
    LinkRecord("dim-3", "Гнатюк", "Коля", sex="M", birth_date="1985", source="testimony"),
    LinkRecord("dim-4", "Гнатюк", "Микола", "Іванович", "M", "01.07.1985", source="relative"),
)


@pytest.fixture(scope="module", params=["shipped", "fixed"])
def both(request: Any) -> tuple[dict[str, Any], dict[str, Any], PreparedRecords, LinkageModel]:
    model = LinkageModel.load() if request.param == "shipped" else fixed_model()
    prepared = PreparedRecords.of([record for record, _ in population()] + list(DIMINUTIVES))
    prior = model.prior(len(prepared) - 1)
    thresholds = Thresholds()
    with open_backend("duckdb") as engine:
        splinks = predict(
            engine, [prepared.table], model, prepared.shares, "dedupe_only", prior, thresholds,
            margin=MARGIN, with_levels=True,
        )  # fmt: skip
    ours = weigh_dedupe(prepared, model, prior, prior_weight(thresholds.review) - MARGIN)
    return splinks, ours, prepared, model


def test_the_same_pairs_in_the_same_order(both: Any) -> None:
    splinks, ours, _, _ = both
    assert len(splinks["left"]) > 1000
    assert ours["left"] == splinks["left"]
    assert ours["right"] == splinks["right"]
    assert ours["vetoed"] == splinks["vetoed"]


def test_the_blocked_positions_are_the_blocked_pairs_in_order_of_position(both: Any) -> None:
    _, _, prepared, model = both
    left, right = blocked_positions(prepared.table, model.blocking_rules)
    pairs = dedupe_pairs(prepared.table, model.blocking_rules)
    pairs = pairs.sort_by([("join_key_l", "ascending"), ("join_key_r", "ascending")])
    assert len(left) > 1000
    assert left.tolist() == pairs.column("join_key_l").to_pylist()
    assert right.tolist() == pairs.column("join_key_r").to_pylist()


def test_the_same_weights_and_probabilities(both: Any) -> None:
    splinks, ours, _, _ = both
    for name in ("weight", "probability"):
        assert all(
            math.isclose(a, b, rel_tol=0, abs_tol=1e-9)
            for a, b in zip(ours[name], splinks[name], strict=True)
        )


def test_the_same_levels_and_term_frequency_levels_are_reached(both: Any) -> None:
    splinks, ours, _, _ = both
    for comparison in COMPARISONS:
        assert ours["gammas"][comparison.name].equals(splinks["gammas"][comparison.name])
    assert set(ours["levels"]) == set(splinks["levels"])
    for key, at in ours["levels"].items():
        assert at.equals(splinks["levels"][key])
        assert at.true_count > 0, key  # each term-frequency level is weighed somewhere


def test_a_value_without_a_frequency_is_not_adjusted() -> None:
    model = fixed_model()
    prepared = PreparedRecords.of([record for record, _ in population()][:200])
    left, right = pa.array([0, 1], pa.int64()), pa.array([1, 2], pa.int64())
    import numpy as np

    positions = np.array([0, 1], np.int64), np.array([1, 2], np.int64)
    gammas = distinct_levels(prepared.table, prepared.value_codes, *positions)
    weighed = pair_weights(gammas, prepared.record_shares, left, right, model, 0.01)
    nulls = {column: pa.nulls(len(prepared), pa.float64()) for column in prepared.record_shares}
    unadjusted = pair_weights(gammas, nulls, left, right, model, 0.01)
    levels = [
        sum(
            model.weights[position][len(comparison.levels) - gamma] if gamma >= 0 else 0.0
            for position, (comparison, gamma) in enumerate(
                (c, gammas[c.name][k].as_py()) for c in COMPARISONS
            )
        )
        for k in range(2)
    ]
    expected = [prior_weight(0.01) + weight for weight in levels]
    assert unadjusted.to_pylist() == pytest.approx(expected, abs=1e-9)
    assert len(weighed) == 2
