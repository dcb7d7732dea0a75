"""Training estimates a model from unlabelled records, capped at a number of pairs."""

from __future__ import annotations

import pytest

from homeward.linkage.model import train
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
