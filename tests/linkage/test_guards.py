"""Pairs that are never linked automatically, however high they score (`guards`)."""

from __future__ import annotations

from homeward.linkage import guards
from homeward.linkage.batch import Thresholds, dedupe
from homeward.linkage.features import LinkRecord, features
from homeward.linkage.model import LinkageModel
from homeward.linkage.scoring import score_pair
from tests.linkage.factories import population, record

AUTO = Thresholds().auto
FULL = {"surname": "Яблочкін", "given_name": "Володимир", "patronymic": "Миколайович",
        "birth_date": "25.10.1985", "birth_place": "с. Василівка", "unit": "в/ч А4185",
        "missing_date": "27.05.2023", "missing_place": "Вовчанськ"}  # fmt: skip


def refusal(left: dict[str, str], right: dict[str, str]) -> str | None:
    model = LinkageModel.load()
    score = score_pair(
        model, features(record("a", **left)), features(record("b", **right)), prior=1e-4
    )
    assert score.match_probability >= AUTO, "the pair must score above the threshold"
    return score.refusal(AUTO)


def dedupe_with(*extra: LinkRecord) -> dict[str, str]:
    records = [r for r, _ in population()] + list(extra)
    return dedupe(records, model=LinkageModel.load()).clusters


def test_twins_whose_given_names_differ_are_not_linked_automatically() -> None:
    brother = FULL | {"given_name": "Олексій"}
    assert refusal(FULL, brother) == "the given names differ"
    clusters = dedupe_with(record("t1", **FULL), record("t2", **brother))
    assert clusters["t1"] != clusters["t2"]


def test_the_same_document_number_outweighs_a_miswritten_name() -> None:
    numbered = FULL | {"service_number": "Д-939042"}
    assert refusal(numbered, numbered | {"given_name": "Олексій"}) is None


def test_a_slip_or_an_initial_is_no_conflict() -> None:
    assert refusal(FULL, FULL | {"given_name": "Володмир"}) is None
    assert refusal(FULL, FULL | {"patronymic": "М."}) is None
    assert refusal(FULL, FULL | {"birth_date": "25.10.1958"}) is None  # the year's digits


def test_swapped_columns_with_a_slip_are_no_conflict_and_no_half_name() -> None:
    swapped = FULL | {"surname": "Вододимир", "given_name": "Яблочкін"}
    assert refusal(FULL, swapped) is None
    clusters = dedupe_with(record("s1", **FULL), record("s2", **swapped))
    assert clusters["s1"] == clusters["s2"]


def test_brothers_born_years_apart_are_not_linked_automatically() -> None:
    assert refusal(FULL, FULL | {"birth_date": "03.02.1988"}) == "the dates of birth differ"


def test_a_record_holding_half_a_name_waits_for_review() -> None:
    surname_only = {"surname": "Яблочкін", "birth_place": "Василівка", "unit": "А4185",
                    "missing_date": "27.05.2023", "missing_place": "Вовчанськ"}  # fmt: skip
    assert refusal(FULL, surname_only) == guards.HALF_A_NAME
    clusters = dedupe_with(record("h1", **FULL), record("h2", **surname_only))
    assert clusters["h1"] != clusters["h2"]


def test_half_a_name_with_the_same_date_of_birth_is_linked() -> None:
    assert refusal(FULL, {"surname": "YABLOCHKIN", "birth_date": "1985-10-25"}) is None


def test_a_day_on_which_hundreds_were_captured_weighs_little() -> None:
    def day_weight(crowded: bool) -> float:
        day = {"missing_date": "27.05.2023", "unit": "в/ч А4185"}
        others = [record(f"c{i}", surname=f"Сотник{chr(1072 + i % 32)}{i}", given_name="Петро",
                         **(day if crowded else {})) for i in range(300)]  # fmt: skip
        pair = (record("n1", surname="Коваленко", given_name="Олександр", **day),
                record("n2", surname="КОВАЛЕНКО", given_name="Александр", **day))  # fmt: skip
        records = [r for r, _ in population()] + others + list(pair)
        result = dedupe(records, model=LinkageModel.load(), thresholds=Thresholds(review=0.01))
        found = next(p for p in result.pairs if {p.left_id, p.right_id} == {"n1", "n2"})
        return next(f.weight for f in found.score.fields if f.field == "date of disappearance")

    assert day_weight(crowded=True) < 4 < 8 < day_weight(crowded=False)


def test_the_circumstances_count_once() -> None:
    crowd = {"unit": "в/ч А4185", "missing_date": "27.05.2023", "missing_place": "Вовчанськ",
             "birth_place": "с. Василівка"}  # fmt: skip
    left = features(record("a", surname="Коваленко", given_name="Сергій", **crowd))
    right = features(record("b", surname="Коваленко", given_name="Сергей", **crowd))
    score = score_pair(LinkageModel.load(), left, right, prior=1e-6)
    assert score.match_probability >= AUTO
    assert score.refusal(AUTO) == guards.CIRCUMSTANCES_ALONE


def test_batch_linkage_refuses_the_pairs_the_scorer_refuses() -> None:
    records = [r for r, _ in population()]
    thresholds = Thresholds(auto=0.6, review=0.3)
    result = dedupe(records, model=LinkageModel.load(), thresholds=thresholds)
    clustering = {
        "it would put two different numbers in one cluster",
        "it would join two groups that the other pairs between them do not bear out",
    }
    asked = 0
    for pair in result.pairs:
        if pair.score.match_probability < thresholds.auto or pair.score.vetoed:
            assert pair.refused is None or pair.refused in clustering
            continue
        asked += 1
        if pair.refused not in clustering:
            assert pair.refused == pair.score.refusal(thresholds.auto), pair
    assert asked > 100
    assert any(pair.refused for pair in result.pairs)


def test_a_diminutive_of_the_same_name_is_no_reason_to_wait() -> None:
    # Вова for Володимир weighs as the full name would (`comparisons`): no guard of its own
    vova = FULL | {"given_name": "Вова", "birth_date": "1985"}
    assert refusal(FULL, vova) is None
    clusters = dedupe_with(record("d1", **FULL), record("d2", **vova))
    assert clusters["d1"] == clusters["d2"]


def test_a_diminutive_with_the_same_date_of_birth_is_linked() -> None:
    assert refusal(FULL, FULL | {"given_name": "Володя"}) is None
    # a diminutive of two names is no agreement: the given names differ
    slava = FULL | {"given_name": "Слава", "patronymic": ""}
    yaroslav = FULL | {"given_name": "Ярослав", "patronymic": ""}
    assert refusal(yaroslav, slava) == "the given names differ"
