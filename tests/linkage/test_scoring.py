"""Scoring one pair in Python, and the explanation a reviewer reads."""

from __future__ import annotations

import math

import pytest

from homeward.linkage.comparisons import DIMINUTIVE_LABEL, DIMINUTIVE_SURNAME_LABEL
from homeward.linkage.features import features
from homeward.linkage.model import LinkageModel
from homeward.linkage.scoring import PairScore, explain, probability, score_pair
from tests.linkage.factories import record


def test_probability_matches_the_weight_at_both_ends() -> None:
    assert probability(0.0) == 0.5
    assert math.isclose(probability(10.0), 1024 / 1025)
    assert math.isclose(probability(-10.0), 1 / 1025)
    assert probability(-5000.0) == 0.0
    assert probability(5000.0) == 1.0


def test_the_weight_is_the_prior_plus_the_fields() -> None:
    model = LinkageModel.load()
    left = features(record("a", surname="Шевчук", given_name="Олександр", birth_date="1990"))
    right = features(record("b", surname="Shevchuk", given_name="Aleksandr", birth_date="1991"))
    score = score_pair(model, left, right, prior=0.001)
    parts = math.log2(0.001 / 0.999) + sum(field.weight for field in score.fields)
    assert math.isclose(score.match_weight, parts)
    assert [f.field for f in score.fields] == ["surname", "given name", "date of birth"]


def test_the_explanation_reads_strongest_first_with_values_and_rarity() -> None:
    model = LinkageModel.load()
    left = features(record("a", surname="Яблочкін", given_name="Олександр",
                           birth_date="12.03.1990"))  # fmt: skip
    right = features(record("b", surname="YABLOCHKIN", given_name="Александр",
                            birth_date="03.12.1990"))  # fmt: skip
    text = explain(score_pair(model, left, right))
    assert text.startswith("surname: same key, rare (Яблочкін ~ Yablochkin) (+")
    assert "date of birth: day and month swapped (1990-03-12 ~ 1990-12-03) (+" in text
    assert "given name: same name, surname agrees" in text
    assert "(Олександр ~ Александр)" in text


def test_a_rare_surname_weighs_more_than_melnyk() -> None:
    model = LinkageModel.load()

    def surname_weight(name: str) -> float:
        score = score_pair(model, features(record("a", surname=name)),
                           features(record("b", surname=name)))  # fmt: skip
        return score.fields[0].weight

    assert surname_weight("Яблочкін") > surname_weight("Мельник") + 5


def test_fields_absent_on_either_side_are_left_out() -> None:
    score = score_pair(LinkageModel.load(), features(record("a", surname="Шевчук", unit="А0536")),
                       features(record("b", surname="Шевчук")))  # fmt: skip
    assert [field.field for field in score.fields] == ["surname"]


@pytest.mark.parametrize("veto", [None, "different tax numbers"])
def test_the_explanation_starts_with_a_veto(veto: str | None) -> None:
    text = explain(PairScore(1.0, 0.6, (), veto))
    assert text.startswith("never automatic") == (veto is not None)


def test_a_diminutive_weighs_as_the_full_name_it_stands_for() -> None:
    model = LinkageModel.load()
    full = {"surname": "Яблочкін", "given_name": "Володимир", "birth_date": "1985"}
    parameters = {p.label: p for p in model.parameters["given_name"]}
    full_name = features(record("a", **full))
    share = model.term_frequency("given_full_key", full_name["given_full_key"])
    for surname, level, as_level in (
        ("Яблочкін", DIMINUTIVE_SURNAME_LABEL, "same name, surname agrees"),
        ("Яблочків", DIMINUTIVE_LABEL, "same name"),  # one letter apart
    ):
        vova = features(record("b", **(full | {"surname": surname, "given_name": "Вова"})))
        score = score_pair(model, full_name, vova, prior=1e-4)
        given = next(f for f in score.fields if f.field == "given name")
        assert given.level.partition(", common")[0].partition(", rare")[0] == level
        # the full name's m, against the full name's share (Володимир, Вова, Володя together)
        expected = math.log2(parameters[as_level].m / share)
        assert math.isclose(given.weight, expected, abs_tol=1e-9)
        assert (parameters[level].m, parameters[level].u) == (
            parameters[as_level].m,
            parameters[as_level].u,
        )
