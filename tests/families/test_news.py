"""What a family is to be told, and what its page shows: pure rules over the evidence."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from homeward.dates import PartialDate
from homeward.families.news import News, family_view, news_for
from homeward.registry.status.rules import Fact
from homeward.registry.vocab import EvidenceKind, Side, Status

K = EvidenceKind
TODAY = date(2026, 6, 1)


def fact(
    fact_id: int, kind: EvidenceKind, year: int, month: int = 1, supersedes: int | None = None
) -> Fact:
    return Fact(id=fact_id, kind=kind, on=PartialDate(year, month, 1), supersedes=supersedes)


MISSING = fact(1, K.REPORTED_MISSING, 2022, 3)
CONFIRMED = fact(2, K.ICRC_NOTIFICATION, 2024, 2)
SIGHTING = fact(3, K.TESTIMONY_SIGHTING, 2024, 5)
DIED = fact(4, K.DIED, 2025, 1)
REMAINS = fact(5, K.REMAINS_IDENTIFIED, 2025, 6)


def news(facts: list[Fact], told: set[int]) -> News | None:
    return news_for(facts, told=frozenset(told), side=Side.OWN, as_of=TODAY)


def test_a_family_told_everything_has_no_news() -> None:
    assert news([MISSING, CONFIRMED], {1, 2}) is None


def test_a_confirmation_is_news_with_the_status_before_and_after() -> None:
    found = news([MISSING, CONFIRMED], {1})
    assert found is not None
    assert (found.before, found.after) == (Status.MISSING, Status.CAPTIVITY_CONFIRMED)
    assert found.since == CONFIRMED.on
    assert found.new == (CONFIRMED,)
    assert not found.in_person


def test_a_new_sighting_is_news_although_the_status_stays() -> None:
    found = news([MISSING, CONFIRMED, SIGHTING], {1, 2})
    assert found is not None
    assert not found.status_changed
    assert found.new == (SIGHTING,)


def test_a_death_is_to_be_told_in_person() -> None:
    found = news([MISSING, CONFIRMED, DIED], {1, 2})
    assert found is not None and found.in_person
    assert found.after is Status.DECEASED


def test_remains_identified_after_a_told_death_are_told_in_person_too() -> None:
    found = news([MISSING, DIED, REMAINS], {1, 4})
    assert found is not None and found.in_person
    assert not found.status_changed


def test_a_report_of_disappearance_is_no_news_to_the_family_that_made_it() -> None:
    found = news([MISSING], set())
    assert found is not None  # the status moved from no information
    assert found.new == ()


def test_a_retraction_is_news_only_through_the_status_it_changes() -> None:
    retraction = fact(9, K.RETRACTION, 2024, 3, supersedes=2)
    found = news([MISSING, CONFIRMED, retraction], {1, 2})
    assert found is not None
    assert (found.before, found.after) == (Status.CAPTIVITY_CONFIRMED, Status.MISSING)
    assert found.new == ()


KINDS = st.sampled_from(
    [
        k
        for k in K
        if k is not K.RETRACTION
        and k
        not in (
            K.CAPTURED,
            K.MOVED,
            K.HOSPITALISED,
            K.DISCHARGED,
            K.TRANSFERRED,
            K.REPATRIATED,
            K.RELEASED,
            K.ESCAPED,
            K.RECAPTURED,
        )
    ]
)
FACTS = st.lists(
    st.builds(
        lambda i, kind, year, month: fact(i, kind, year, month),
        st.integers(1, 10_000),
        KINDS,
        st.integers(2022, 2026),
        st.integers(1, 5),
    ),
    max_size=8,
    unique_by=lambda f: f.id,
)


@given(FACTS)
def test_telling_a_family_everything_leaves_no_news(facts: list[Fact]) -> None:
    assert news(facts, {f.id for f in facts}) is None


@given(FACTS)
def test_news_is_in_person_whenever_a_death_is_new(facts: list[Fact]) -> None:
    found = news(facts, set())
    deaths = [f for f in facts if f.kind in (K.DIED, K.REMAINS_IDENTIFIED)]
    if deaths:
        assert found is not None and found.in_person


@given(FACTS)
def test_the_page_never_shows_a_death_not_told_in_person(facts: list[Fact]) -> None:
    view = family_view(facts, side=Side.OWN, as_of=TODAY, told_in_person=frozenset())
    if any(f.kind in (K.DIED, K.REMAINS_IDENTIFIED) for f in facts):
        assert view.withheld and view.status is None and view.latest_kind is None
    else:
        assert view.status is not Status.DECEASED


def test_the_page_shows_the_status_since_and_the_latest_evidence() -> None:
    view = family_view(
        [MISSING, CONFIRMED, SIGHTING], side=Side.OWN, as_of=TODAY, told_in_person=frozenset()
    )
    assert (view.status, view.since) == (Status.CAPTIVITY_CONFIRMED, CONFIRMED.on)
    assert (view.latest_kind, view.latest_on) == (K.TESTIMONY_SIGHTING, SIGHTING.on)


def test_the_page_shows_a_death_once_it_was_told_in_person() -> None:
    view = family_view([MISSING, DIED], side=Side.OWN, as_of=TODAY, told_in_person=frozenset({4}))
    assert not view.withheld
    assert view.status is Status.DECEASED


def test_the_latest_evidence_shown_is_one_in_force() -> None:
    retraction = fact(9, K.RETRACTION, 2024, 6, supersedes=3)
    view = family_view(
        [MISSING, CONFIRMED, SIGHTING, retraction],
        side=Side.OWN,
        as_of=TODAY,
        told_in_person=frozenset(),
    )
    assert view.latest_kind is K.ICRC_NOTIFICATION
