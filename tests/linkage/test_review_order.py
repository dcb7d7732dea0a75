"""The review queue puts first the decisions that move the clusters most."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from homeward.linkage.batch import dedupe
from homeward.linkage.clustering import review_priorities
from homeward.linkage.model import LinkageModel
from homeward.linkage.review import pending, propose
from homeward.linkage.scoring import FieldWeight, PairScore
from homeward.registry.service import create_person
from tests.factories import OPERATOR, person_in
from tests.linkage.factories import population

LIKELY = PairScore(6.2, 0.98, (FieldWeight("surname", "same key", 9.1),), None)


def test_a_pair_joining_two_large_clusters_outranks_a_likelier_pair_of_two_records() -> None:
    roots = [0, 0, 0, 3, 3, 5, 6]  # clusters {0,1,2}, {3,4}, {5}, {6}
    priorities = review_priorities(
        lefts=[2, 5, 1], rights=[4, 6, 0], probabilities=[0.6, 0.9, 0.9],
        reviewed=[True, True, True], roots=roots,
    )  # fmt: skip
    assert priorities == [0.6 * 3 * 2, 0.9, 0.0]  # the last pair is inside one cluster


def test_of_the_pairs_between_two_clusters_only_the_likeliest_asks() -> None:
    roots = [0, 0, 2, 2]
    priorities = review_priorities([0, 1], [2, 3], [0.7, 0.8], [True, True], roots)
    assert priorities == [0.0, 0.8 * 2 * 2]


def test_dedupe_gives_each_review_pair_its_priority() -> None:
    result = dedupe([r for r, _ in population()], model=LinkageModel.load())
    review = [pair for pair in result.pairs if pair.decision == "review"]
    assert review
    assert all(pair.priority == 0.0 for pair in result.pairs if pair.decision == "auto")
    assert any(pair.priority > pair.score.match_probability for pair in review)


def test_the_queue_lists_the_weightiest_decision_first(session: Session) -> None:
    persons = [create_person(session, actor=OPERATOR, person=person_in()).id for _ in range(4)]
    propose(session, score=LIKELY, model_version="t", person_id=persons[0],
            other_person_id=persons[1], priority=0.98)  # fmt: skip
    weighty = replace(LIKELY, match_probability=0.7)
    propose(session, score=weighty, model_version="t", person_id=persons[2],
            other_person_id=persons[3], priority=4.2)  # fmt: skip
    listed, _ = pending(session)
    assert [(p.person_id, p.priority) for p in listed] == [(persons[2], 4.2), (persons[0], 0.98)]
