"""A common name alone (Олександр Мельник, no date) never makes an automatic link."""

from __future__ import annotations

from homeward.linkage.batch import Thresholds, dedupe
from homeward.linkage.features import features
from homeward.linkage.model import LinkageModel
from homeward.linkage.scoring import score_pair
from tests.linkage.factories import population, record

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
