"""Different service numbers or tax numbers are never linked automatically; a tax number
mistyped by one keystroke (its check digit fails) is that number, not a different one."""

from __future__ import annotations

import pytest

from homeward.linkage.batch import Thresholds, dedupe
from homeward.linkage.clustering import Clusters
from homeward.linkage.comparisons import numbers_conflict
from homeward.linkage.features import features
from homeward.linkage.model import LinkageModel
from homeward.linkage.scoring import explain, score_pair
from homeward.values import tax_number_invalid, tax_number_valid
from tests.linkage.factories import record

SAME_PERSON = {
    "surname": "Яблочкін", "given_name": "Володимир", "patronymic": "Миколайович",
    "birth_date": "25.10.1985", "birth_place": "с. Василівка", "unit": "в/ч А4185",
    "missing_date": "27.05.2025", "missing_place": "Вовчанськ",
}  # fmt: skip

# Synthetic taxpayer numbers (РНОКПП): VALID and OTHER_VALID pass their check digit; the others
# are VALID with one keystroke wrong, which the check digit shows.
VALID, OTHER_VALID = "3134439411", "3134439428"
MISTYPED = "3104439411"  # one digit wrong
TRANSPOSED = "3143439411"  # two neighbours swapped
DROPPED = "313443941"  # a digit left out


def test_different_tax_numbers_veto_a_pair_that_agrees_on_everything_else() -> None:
    model = LinkageModel.load()
    left = features(record("a", tax_number=VALID, **SAME_PERSON))
    right = features(record("b", tax_number=OTHER_VALID, **SAME_PERSON))
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


def test_check_digits_of_taxpayer_numbers() -> None:
    assert tax_number_valid(VALID) and tax_number_valid(OTHER_VALID)
    assert not any(tax_number_valid(n) for n in (MISTYPED, TRANSPOSED, DROPPED, "31344394110"))
    assert tax_number_valid(None) is None
    inn = "770700011185"  # 12 digits of a made-up ИНН, both check digits right
    assert tax_number_valid(inn) and not tax_number_valid(inn[:-1] + "8")
    assert tax_number_invalid("РНОКПП 3104439411") is True
    assert tax_number_invalid(" 3134 4394 11 ") is False
    assert tax_number_invalid("") is None


@pytest.mark.parametrize("typo", [MISTYPED, TRANSPOSED, DROPPED])
def test_a_mistyped_tax_number_is_not_a_different_one(typo: str) -> None:
    model = LinkageModel.load()
    left = features(record("a", tax_number=VALID, **SAME_PERSON))
    right = features(record("b", tax_number=typo, **SAME_PERSON))
    score = score_pair(model, left, right)
    assert score.vetoed is None
    levels = {field.field: field.level for field in score.fields}
    assert levels["tax number"] == "one character apart, check digit fails"
    assert not numbers_conflict("tax_number", VALID, typo)
    result = dedupe(
        [record("a", tax_number=VALID, **SAME_PERSON), record("b", tax_number=typo, **SAME_PERSON)],
        model=model,
    )
    assert result.clusters["a"] == result.clusters["b"]
    assert result.edges.column("decision").to_pylist() == ["auto"]


def test_numbers_that_are_not_one_miswritten_still_conflict() -> None:
    assert numbers_conflict("tax_number", VALID, OTHER_VALID)  # both pass their check digit
    assert numbers_conflict("tax_number", MISTYPED, "3104439499")  # two keystrokes apart
    assert numbers_conflict("service_number", "319676", "319677")  # no check digit: different
    assert not numbers_conflict("tax_number", VALID, VALID)
    assert not numbers_conflict("tax_number", VALID, None)
    # two valid numbers one keystroke apart exist (the check is taken modulo 11, then 10): they
    # are two numbers
    twins = [
        (number, number[:i] + d + number[i + 1 :])
        for number in (f"3134439{k:03d}" for k in range(1000))
        if tax_number_valid(number)
        for i in range(9)
        for d in "0123456789"
        if d != number[i] and tax_number_valid(number[:i] + d + number[i + 1 :])
    ]
    assert twins
    assert all(numbers_conflict("tax_number", a, b) for a, b in twins)


def test_clusters_take_a_mistyped_tax_number_but_not_a_different_one() -> None:
    groups = Clusters([[None, None, None], [VALID, MISTYPED, OTHER_VALID]])
    assert groups.join(0, 1)
    assert not groups.join(1, 2)  # OTHER_VALID contradicts VALID, held by the group
    assert groups.roots() == [0, 0, 2]
