"""Deciding over whole arrays (`deciding.decide`) gives what taking every automatic link in turn
through `clustering.Clusters` gives: the groups, the best links, the decisions, the refusals,
and the review priorities; on small random graphs full of the cases the fast path skips (two
numbers in one group, groups of four and more that lack some pair, ties, vetoes)."""

from __future__ import annotations

import random
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pytest

from homeward.linkage.clustering import Clusters, review_priorities, review_priority_array
from homeward.linkage.deciding import _Neighbours, decide
from homeward.linkage.pairs import AUTO, NONE, REVIEW, Thresholds
from homeward.linkage.reweigh import refused_at

KINDS = ("service_number", "tax_number")
THRESHOLDS = Thresholds(auto=0.95, review=0.5)


def _reference(
    edges: dict[str, Any], identifiers: list[list[str | None]], size: int, chains: bool
) -> tuple[list[int], dict[int, float], list[str], list[str | None]]:
    """The decisions as they were made before arrays: one join per automatic link."""
    refused = refused_at(
        pa.array(edges["guard"], pa.string()),
        pa.array(edges["guarded_weight"], pa.float64()),
        pa.array(edges["probability"], pa.float64()),
        pa.array(edges["vetoed"], pa.bool_()),
        THRESHOLDS.auto,
    )
    decisions = []
    for p, vetoed, why in zip(edges["probability"], edges["vetoed"], refused, strict=True):
        if p >= THRESHOLDS.auto and not vetoed and why is None:
            decisions.append(AUTO)
        else:
            decisions.append(REVIEW if p >= THRESHOLDS.review else NONE)
    auto = [k for k, d in enumerate(decisions) if d == AUTO]
    auto.sort(key=lambda k: (-round(edges["weight"][k], 9), k))
    groups = Clusters(identifiers, KINDS, _Neighbours(edges, size) if chains else None, size)
    best: dict[int, float] = {}
    for k in auto:
        left, right, p = edges["left"][k], edges["right"][k], edges["probability"][k]
        if not groups.join(left, right):
            decisions[k], refused[k] = REVIEW, groups.refused
            continue
        for end in (left, right):
            if p > best.get(end, -1.0):
                best[end] = p
    return groups.roots(), best, decisions, refused


def _graph(seed: int) -> tuple[dict[str, Any], list[list[str | None]], int]:
    rng = random.Random(seed)
    size = rng.randint(2, 40)
    numbers = ["1", "2", "3"]
    identifiers = [
        [rng.choice(numbers) if rng.random() < 0.2 else None for _ in range(size)] for _ in KINDS
    ]
    pairs = {
        (min(a, b), max(a, b))
        for a, b in (rng.sample(range(size), 2) for _ in range(rng.randint(0, 3 * size)))
    }
    left, right = zip(*sorted(pairs), strict=True) if pairs else ((), ())
    n = len(left)
    weight = [rng.choice([3.0, 5.0, 8.0, 8.0 + 1e-12, 12.0, rng.uniform(0, 20)]) for _ in range(n)]
    probability = [1 / (1 + 2**-w) for w in weight]
    edges = {
        "left": list(left),
        "right": list(right),
        "weight": weight,
        "probability": probability,
        "vetoed": [rng.random() < 0.05 for _ in range(n)],
        "guard": [rng.choice([None] * 9 + ["the sexes differ"]) for _ in range(n)],
        "guarded_weight": [w - rng.choice([0.0, 0.0, 10.0]) for w in weight],
    }
    return edges, identifiers, size


@pytest.mark.parametrize("chains", [True, False])
def test_deciding_over_arrays_equals_one_join_per_link(chains: bool) -> None:
    refusals = 0
    for seed in range(400):
        edges, identifiers, size = _graph(seed)
        roots, best, decisions, refused = decide(
            edges, identifiers, KINDS, THRESHOLDS, size, chains=chains
        )
        expected = _reference(edges, identifiers, size, chains)
        assert list(roots) == expected[0], seed
        assert list(best.items()) == list(expected[1].items()), seed
        assert decisions.to_pylist() == expected[2], seed
        assert refused.to_pylist() == expected[3], seed
        refusals += sum(1 for why in expected[3] if why and "would" in why)
    assert refusals > 50  # the cases the fast path leaves to `Clusters` were met


def test_review_priorities_over_arrays_equal_the_pairs_taken_in_turn() -> None:
    rng = random.Random(3)
    for _ in range(200):
        size = rng.randint(1, 12)
        roots = list(range(size))
        for i in range(size):
            roots[i] = roots[rng.randint(0, i)]
        n = rng.randint(0, 30)
        lefts = [rng.randrange(size) for _ in range(n)]
        rights = [rng.randrange(size) for _ in range(n)]
        probabilities = [rng.choice([0.6, 0.7, 0.7, rng.random()]) for _ in range(n)]
        reviewed = [rng.random() < 0.7 for _ in range(n)]
        expected = _priorities_in_turn(lefts, rights, probabilities, reviewed, roots)
        assert review_priorities(lefts, rights, probabilities, reviewed, roots) == expected
        assert review_priority_array(lefts, rights, probabilities, reviewed, roots).tolist() == (
            expected
        )


def _priorities_in_turn(
    lefts: list[int], rights: list[int], probabilities: list[float], reviewed: list[bool],
    roots: list[int],
) -> list[float]:  # fmt: skip
    sizes: dict[int, int] = {}
    for root in roots:
        sizes[root] = sizes.get(root, 0) + 1
    best: dict[tuple[int, int], int] = {}
    for k, in_review in enumerate(reviewed):
        a, b = roots[lefts[k]], roots[rights[k]]
        if not in_review or a == b:
            continue
        key = (min(a, b), max(a, b))
        if key not in best or probabilities[k] > probabilities[best[key]]:
            best[key] = k
    priorities = [0.0] * len(reviewed)
    for (a, b), k in best.items():
        priorities[k] = probabilities[k] * sizes[a] * sizes[b]
    return priorities
