"""A common name alone (Олександр Мельник, no date) never makes an automatic link."""

from __future__ import annotations

import pytest

from homeward.linkage.batch import Thresholds, dedupe
from homeward.linkage.features import features
from homeward.linkage.model import LinkageModel
from homeward.linkage.prepared import PreparedRecords, term_frequencies
from homeward.linkage.scoring import FieldWeight, score_pair
from tests.linkage.factories import fixed_model, population, record

COMMON = {"surname": "Мельник", "given_name": "Олександр"}


def test_a_common_name_alone_is_not_enough_for_the_scorer() -> None:
    model = LinkageModel.load()
    thresholds = Thresholds()
    for candidates in (None, 1_000, 100_000, 1_000_000):
        score = score_pair(
            model,
            features(record("a", **COMMON)),
            features(record("b", surname="МЕЛЬНИК", given_name="Александр")),
            prior=model.prior(candidates),
        )
        assert score.match_probability < thresholds.auto, candidates


def test_a_common_name_alone_is_not_linked_in_a_list() -> None:
    records = [r for r, _ in population()]
    records += [record("x1", **COMMON), record("x2", surname="Melnyk", given_name="Oleksandr")]
    result = dedupe(records, model=LinkageModel.load())
    assert result.clusters["x1"] != result.clusters["x2"]


def test_a_rare_name_with_a_date_is_linked() -> None:
    rare = {"surname": "Яблочкін", "given_name": "Володимир", "birth_date": "25.10.1985"}
    records = [r for r, _ in population()]
    latin = {"surname": "YABLOCHKIN", "given_name": "VOLODYMYR", "birth_date": "1985-10-25"}
    records += [record("y1", **rare), record("y2", **latin)]
    result = dedupe(records, model=LinkageModel.load())
    assert result.clusters["y1"] == result.clusters["y2"]


def _surname(model: LinkageModel, left: str, right: str) -> FieldWeight:
    score = score_pair(model, features(record("a", surname=left)),
                       features(record("b", surname=right)))  # fmt: skip
    return score.fields[0]


def test_a_rare_spelling_of_a_common_surname_weighs_as_the_surname() -> None:
    # a model's frequencies as training counts them: forty Юрченко, two of them written by a
    # Polish clerk (Jurczenko: one key, a rare spelling), and a surname rare however written
    records = [record(f"u{i}", surname="Юрченко") for i in range(38)]
    records += [record(f"p{i}", surname="Jurczenko") for i in range(2)]
    records += [record(f"y{i}", surname="Яблочкін") for i in range(2)]
    model = fixed_model(term_frequencies=term_frequencies(PreparedRecords.of(records)))
    polish = _surname(model, "Jurczenko", "Jurczenko")
    assert polish.level.startswith("same spelling")
    # as common as the name: the spelling says how a clerk writes, not who the man is
    assert polish.weight == pytest.approx(_surname(model, "Юрченко", "Юрченко").weight)
    assert polish.weight < _surname(model, "Яблочкін", "Яблочкін").weight - 3
