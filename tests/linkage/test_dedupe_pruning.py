"""A deduplication drops the pairs that cannot reach the first pass's floor before finding their
names' levels (`weighing._reaching`): the pairs kept, their levels and weights, and so every
edge, cluster and best link, are those found without dropping any."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pytest

from homeward.linkage import weighing
from homeward.linkage.batch import RESCORE_MARGIN_BITS, Thresholds, dedupe
from homeward.linkage.comparisons import COMPARISONS, comparison_named
from homeward.linkage.features import LinkRecord
from homeward.linkage.model import LinkageModel
from homeward.linkage.prepared import PreparedRecords
from homeward.linkage.scoring import prior_weight
from tests.linkage.factories import fixed_model, population

# two pairs of a name and its diminutive, and records with half a name or none
EXTRA = (
    LinkRecord("dim-1", "Ткачук", "Саша", sex="M", birth_date="1990", source="testimony"),
    LinkRecord("dim-2", "Ткачук", "Олександр", "Петрович", "M", "12.03.1990", source="relative"),
    LinkRecord("dim-3", "Гнатюк", "Коля", sex="M", birth_date="1985", source="testimony"),
    LinkRecord("dim-4", "Гнатюк", "Микола", "Іванович", "M", "01.07.1985", source="relative"),
    LinkRecord("half-1", "Ткачук", birth_date="1990", source="testimony"),
    LinkRecord("none-1", birth_date="12.03.1990", unit="A1234", source="testimony"),
)


@pytest.fixture(scope="module", params=["shipped", "fixed"])
def prepared_model(request: Any) -> tuple[PreparedRecords, LinkageModel]:
    model = LinkageModel.load() if request.param == "shipped" else fixed_model()
    return PreparedRecords.of([record for record, _ in population()] + list(EXTRA)), model


def test_no_name_weighs_more_than_its_bound_on_random_pairs(prepared_model: Any) -> None:
    prepared, model = prepared_model
    rng = np.random.default_rng(3)
    left, right = rng.integers(0, len(prepared), (2, 20_000))
    # and pairs of one record with itself: every name at its strongest level
    itself = np.arange(len(prepared))
    left, right = np.concatenate([left, itself]), np.concatenate([right, itself])
    for name in weighing.WEIGHED_LAST:
        comparison = comparison_named(name)
        gammas = weighing.distinct_levels(
            prepared.table, prepared.value_codes, left, right, comparisons=[comparison]
        )
        weight = weighing.pair_weights(
            gammas, prepared.record_shares, left, right, model, None, comparisons=[comparison]
        ).to_numpy()
        most = weighing.most_of(comparison, model, prepared.record_shares)
        assert (weight <= np.minimum(most[left], most[right])).all()


@pytest.mark.parametrize("below", [0.0, 5.0, RESCORE_MARGIN_BITS, 20.0])
def test_the_pairs_kept_are_those_kept_without_dropping_any(
    prepared_model: Any, below: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared, model = prepared_model
    prior = model.prior(len(prepared) - 1)
    lowest = prior_weight(Thresholds().review) - below
    every = weighing.weigh_dedupe(prepared, model, prior, -float("inf"))
    kept = np.flatnonzero(np.asarray(every["weight"]) >= lowest)
    assert 0 < len(kept) < len(every["weight"])
    named: list[int] = []  # how many pairs each name's levels were found for
    found = weighing.distinct_levels

    def counted(table: Any, codes: Any, left: Any, right: Any, **options: Any) -> Any:
        if [c.name for c in options.get("comparisons", ())] == ["given_name"]:
            named.append(len(left))
        return found(table, codes, left, right, **options)

    monkeypatch.setattr(weighing, "distinct_levels", counted)
    pruned = weighing.weigh_dedupe(prepared, model, prior, lowest)
    # the given names' levels, found last, only for some pairs (down to the second pass's floor)
    assert len(kept) <= named[0] <= len(every["weight"])
    if below <= RESCORE_MARGIN_BITS:
        assert named[0] < len(every["weight"])
    for name in ("left", "right", "weight", "probability", "vetoed"):
        assert pruned[name] == [every[name][k] for k in kept], name
    at = pa.array(kept)
    for comparison in COMPARISONS:
        assert pruned["gammas"][comparison.name].equals(
            every["gammas"][comparison.name].take(at)
        ), comparison.name
    assert set(pruned["levels"]) == set(every["levels"])
    for key, levels in pruned["levels"].items():
        assert levels.equals(every["levels"][key].take(at))


def test_a_deduplication_is_the_same_without_dropping_pairs(
    prepared_model: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared, model = prepared_model
    thresholds = Thresholds()
    pruned = dedupe(prepared, model=model, thresholds=thresholds)
    monkeypatch.setattr(weighing, "WEIGHED_LAST", ())
    every = dedupe(prepared, model=model, thresholds=thresholds)
    assert pruned.edges.num_rows > 100
    assert pruned.edges.equals(every.edges)
    assert pruned.clusters == every.clusters
    assert pruned.best == every.best
