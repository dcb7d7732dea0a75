"""Different service numbers or tax numbers are never linked automatically."""

from __future__ import annotations

from homeward.linkage.batch import Thresholds, dedupe
from homeward.linkage.clustering import Clusters
from homeward.linkage.features import features
from homeward.linkage.model import LinkageModel
from homeward.linkage.scoring import explain, score_pair
from tests.linkage.factories import record

SAME_PERSON = {
    "surname": "Яблочкін", "given_name": "Володимир", "patronymic": "Миколайович",
    "birth_date": "25.10.1985", "birth_place": "с. Василівка", "unit": "в/ч А4185",
    "missing_date": "27.05.2025", "missing_place": "Вовчанськ",
}  # fmt: skip


def test_different_tax_numbers_veto_a_pair_that_agrees_on_everything_else() -> None:
    model = LinkageModel.load()
    left = features(record("a", tax_number="3134439411", **SAME_PERSON))
    right = features(record("b", tax_number="3104439411", **SAME_PERSON))
    score = score_pair(model, left, right)
    assert score.match_probability > 0.999
    assert score.vetoed == "different tax numbers"
    assert explain(score).startswith("never automatic: different tax numbers")


def test_dedupe_sends_a_vetoed_pair_to_review() -> None:
    records = [
        record("a", service_number="Ж-319676", **SAME_PERSON),
        record("b", service_number="Ж-319677", **SAME_PERSON),
    ]
    result = dedupe(records, model=LinkageModel.load(), thresholds=Thresholds(auto=0.9))
    assert result.clusters["a"] != result.clusters["b"]
    assert result.edges.column("decision").to_pylist() == ["review"]
    assert result.pairs[0].score.vetoed == "different service numbers"


def test_a_third_record_without_numbers_does_not_join_two_different_numbers() -> None:
    records = [
        record("a", service_number="Ж-319676", **SAME_PERSON),
        record("b", **SAME_PERSON),
        record("c", service_number="Ж-319677", **SAME_PERSON),
    ]
    result = dedupe(records, model=LinkageModel.load())
    assert result.clusters["a"] != result.clusters["c"]
    assert result.clusters["b"] in (result.clusters["a"], result.clusters["c"])
    assert sorted(result.edges.column("decision").to_pylist()) == ["auto", "review", "review"]


def test_clusters_refuse_a_join_that_would_hold_two_numbers_of_a_kind() -> None:
    groups = Clusters([["1", None, "2", None], [None, "7", None, "7"]])
    assert groups.join(0, 1)
    assert not groups.join(1, 2)
    assert groups.join(3, 1)  # the same tax number, no service number: fine
    assert groups.roots() == [0, 0, 2, 0]
