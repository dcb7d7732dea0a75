"""The capture histories of every stratum, read in one pass, are those read one stratum at a
time."""

from __future__ import annotations

from sqlalchemy.orm import Session

from homeward.stats.lists import STRATA, histories_by, histories_with_strata, register_histories
from homeward.stats.rows import derive_all
from homeward.stats.service import read_register
from tests.factories import ANALYST
from tests.stats.register import ON, build


def test_one_pass_gives_the_tables_of_each_stratum(session: Session) -> None:
    build(session)
    derived = derive_all(read_register(session, actor=ANALYST), on=ON)
    everyone, strata = histories_with_strata(derived)
    assert everyone.counts == register_histories(derived).counts and everyone.observed > 0
    assert set(strata) == set(STRATA)
    for by in STRATA:
        one_by_one = histories_by(derived, by)
        assert list(strata[by]) == list(one_by_one)
        for label, histories in one_by_one.items():
            assert strata[by][label].counts == histories.counts
    assert sum(h.observed for h in strata["region"].values()) == everyone.observed


def test_every_stratum_of_a_few_persons_gets_an_estimate_or_a_reason(session: Session) -> None:
    """On a handful of persons the profile's fits overflow far from the estimate: the interval
    is then open on that side, never an error."""
    from homeward.stats.mse import estimate_population

    build(session)
    derived = derive_all(read_register(session, actor=ANALYST), on=ON)
    _, strata = histories_with_strata(derived)
    for groups in strata.values():
        for histories in groups.values():
            found = estimate_population(histories)
            assert (found.estimate is None) == (found.reason is not None)
            if found.interval is not None and found.estimate is not None:
                assert found.interval[0] <= found.estimate <= found.interval[1]
