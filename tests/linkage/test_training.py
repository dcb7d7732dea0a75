"""Training estimates a model from unlabelled records, capped at a number of pairs."""

from __future__ import annotations

import pytest

from homeward.linkage.comparisons import (
    DIMINUTIVE_LABEL,
    DIMINUTIVE_SURNAME_LABEL,
    comparison_named,
)
from homeward.linkage.model import LevelParameters, train
from homeward.linkage.training import weighed_as
from tests.linkage.factories import population


@pytest.mark.slow
def test_training_gives_agreement_weight_and_disagreement_weight_against() -> None:
    model = train([r for r, _ in population()], seed=3, max_pairs=2e5)
    for comparison in ("surname", "given_name", "birth_date", "unit"):
        levels = model.parameters[comparison]
        assert levels[0].match_weight > 0, comparison
        assert levels[-1].match_weight < 0, comparison
    assert 0 < model.probability_two_random_records_match < 0.01
    assert model.term_frequencies["given_key"]
    assert model.vetoes == ("service_number", "tax_number")


def test_a_level_the_training_data_cannot_show_takes_the_parameters_of_its_twin() -> None:
    given = comparison_named("given_name")
    estimated = [LevelParameters(label, 1e-6, 1e-6) for label in given.labels]
    estimated[0] = LevelParameters(given.labels[0], 0.9, 2e-5)
    estimated[1] = LevelParameters(given.labels[1], 0.05, 0.02)
    found = {p.label: (p.m, p.u) for p in weighed_as(given, estimated)}
    assert found[DIMINUTIVE_SURNAME_LABEL] == (0.9, 2e-5)
    assert found[DIMINUTIVE_LABEL] == (0.05, 0.02)
    assert found["different"] == (1e-6, 1e-6)
