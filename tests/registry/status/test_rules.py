"""Every row of docs/status.md, one test or more each."""

from __future__ import annotations

from datetime import date
from random import Random

from hypothesis import given
from hypothesis import strategies as st

from homeward.dates import PartialDate
from homeward.registry.status.rules import Fact, derive_status
from homeward.registry.vocab import ADVERSARY_KINDS, OWN_KINDS, EvidenceKind, Side, Status

K = EvidenceKind
TODAY = date(2026, 11, 1)


def fact(
    id: int, kind: EvidenceKind, on: str, supersedes: int | None = None, place: str | None = None
) -> Fact:
    parts = [int(p) for p in on.split("-")]
    return Fact(id=id, kind=kind, on=PartialDate(*parts), supersedes=supersedes, place=place)


def own(*facts: Fact, as_of: date = TODAY) -> tuple[Status, str]:
    result = derive_status(list(facts), side=Side.OWN, as_of=as_of)
    return result.status, result.rule


def test_o1_no_evidence_is_no_information() -> None:
    assert own() == (Status.NO_INFORMATION, "O1")


def test_o6_a_report_of_disappearance_is_missing() -> None:
    result = derive_status([fact(1, K.REPORTED_MISSING, "2022-03-12")], side=Side.OWN, as_of=TODAY)
    assert (result.status, result.rule) == (Status.MISSING, "O6")
    assert result.since == PartialDate(2022, 3, 12)


def test_o7_a_sighting_video_or_unofficial_list_makes_captivity_possible() -> None:
    for kind in (K.SEEN_IN_MEDIA, K.CAPTOR_LIST, K.TESTIMONY_SIGHTING, K.COURT_CASE):
        assert own(fact(1, K.REPORTED_MISSING, "2022-03-12"), fact(2, kind, "2022-05-01")) == (
            Status.CAPTIVITY_POSSIBLE,
            "O7",
        )


def test_o8_icrc_notification_or_acknowledgment_confirms_captivity() -> None:
    for kind in (K.ICRC_NOTIFICATION, K.CAPTOR_ACKNOWLEDGMENT, K.ICRC_VISIT):
        result = derive_status(
            [
                fact(1, K.REPORTED_MISSING, "2022-03-12"),
                fact(2, K.CAPTOR_LIST, "2022-05-01"),
                fact(3, kind, "2024-02-01"),
            ],
            side=Side.OWN,
            as_of=TODAY,
        )
        assert (result.status, result.rule) == (Status.CAPTIVITY_CONFIRMED, "O8")
        assert result.since == PartialDate(2024, 2, 1)
        assert [f.id for f in result.basis] == [3]


def test_the_ladder_never_goes_down_with_weaker_later_evidence() -> None:
    assert own(
        fact(1, K.ICRC_NOTIFICATION, "2022-06-01"), fact(2, K.REPORTED_MISSING, "2023-01-01")
    ) == (Status.CAPTIVITY_CONFIRMED, "O8")


def test_o5_a_return_is_returned_since_the_last_return() -> None:
    result = derive_status(
        [
            fact(1, K.REPORTED_MISSING, "2022-03-12"),
            fact(2, K.ICRC_NOTIFICATION, "2022-06-01"),
            fact(3, K.RETURNED, "2024-05-14"),
        ],
        side=Side.OWN,
        as_of=TODAY,
    )
    assert (result.status, result.rule, result.since) == (
        Status.RETURNED,
        "O5",
        PartialDate(2024, 5, 14),
    )


def test_o5_a_release_outside_an_exchange_is_a_return() -> None:
    assert own(fact(1, K.RELEASED_OTHER, "2023-01-01"))[0] is Status.RETURNED


def test_o5_captivity_evidence_dated_after_a_return_is_a_conflict() -> None:
    result = derive_status(
        [fact(1, K.RETURNED, "2023-01-01"), fact(2, K.CAPTOR_LIST, "2023-06-01")],
        side=Side.OWN,
        as_of=TODAY,
    )
    assert result.status is Status.RETURNED
    assert [f.id for f in result.conflicts] == [2]


def test_o2_identified_remains_are_deceased_from_the_death_date() -> None:
    result = derive_status(
        [
            fact(1, K.REPORTED_MISSING, "2022-03-12"),
            fact(2, K.DIED, "2022-04"),
            fact(3, K.REMAINS_IDENTIFIED, "2023-09-01"),
        ],
        side=Side.OWN,
        as_of=TODAY,
    )
    assert (result.status, result.rule, result.since) == (
        Status.DECEASED,
        "O2",
        PartialDate(2022, 4),
    )


def test_o2_a_sighting_after_identified_remains_stays_deceased_with_a_conflict() -> None:
    result = derive_status(
        [fact(1, K.REMAINS_IDENTIFIED, "2023-01-01"), fact(2, K.ICRC_NOTIFICATION, "2023-05-01")],
        side=Side.OWN,
        as_of=TODAY,
    )
    assert result.status is Status.DECEASED
    assert [f.id for f in result.conflicts] == [2]


def test_o3_a_death_report_is_deceased() -> None:
    assert own(fact(1, K.REPORTED_MISSING, "2022-03-12"), fact(2, K.DIED, "2022-05-01")) == (
        Status.DECEASED,
        "O3",
    )


def test_o3_a_weak_sighting_after_a_death_report_is_a_conflict_not_a_resurrection() -> None:
    result = derive_status(
        [fact(1, K.DIED, "2022-05-01"), fact(2, K.TESTIMONY_SIGHTING, "2023-02-01")],
        side=Side.OWN,
        as_of=TODAY,
    )
    assert (result.status, result.rule) == (Status.DECEASED, "O3")
    assert [f.id for f in result.conflicts] == [2]


def test_o4_a_strong_sign_of_life_after_a_death_report_outweighs_it() -> None:
    result = derive_status(
        [fact(1, K.DIED, "2022-05-01"), fact(2, K.ICRC_NOTIFICATION, "2023-02-01")],
        side=Side.OWN,
        as_of=TODAY,
    )
    assert (result.status, result.rule) == (Status.CAPTIVITY_CONFIRMED, "O8")
    assert [f.id for f in result.conflicts] == [1]


def test_o4_a_return_after_a_death_report_is_returned() -> None:
    assert own(fact(1, K.DIED, "2022-05-01"), fact(2, K.RETURNED, "2023-02-01"))[0] is (
        Status.RETURNED
    )


def test_a_death_after_return_is_deceased() -> None:
    assert own(fact(1, K.RETURNED, "2022-05-01"), fact(2, K.DIED, "2024-02-01"))[0] is (
        Status.DECEASED
    )


def test_a_sign_of_life_in_the_same_month_as_the_death_is_not_after_it() -> None:
    # The death is known only to the month: a letter that month may predate it.
    assert own(fact(1, K.DIED, "2022-05"), fact(2, K.LETTER_OR_CALL, "2022-05-20"))[0] is (
        Status.DECEASED
    )


def test_s1_a_retraction_removes_the_evidence_it_names() -> None:
    result = derive_status(
        [
            fact(1, K.REPORTED_MISSING, "2022-03-12"),
            fact(2, K.DIED, "2022-05-01"),
            fact(3, K.RETRACTION, "2022-06-01", supersedes=2),
        ],
        side=Side.OWN,
        as_of=TODAY,
    )
    assert result.status is Status.MISSING
    assert {f.id for f in result.ignored} == {2, 3}


def test_s1_retracting_a_correction_restores_what_it_corrected() -> None:
    facts = [
        fact(1, K.CAPTOR_LIST, "2022-05-01"),
        fact(2, K.REPORTED_MISSING, "2022-05-01", supersedes=1),  # a correction
        fact(3, K.RETRACTION, "2022-07-01", supersedes=2),
    ]
    assert own(*facts)[0] is Status.CAPTIVITY_POSSIBLE
    assert own(*facts[:2])[0] is Status.MISSING


def test_s1_a_correction_supersedes_the_date_of_the_old_evidence() -> None:
    result = derive_status(
        [
            fact(1, K.ICRC_NOTIFICATION, "2024-02-01"),
            fact(2, K.ICRC_NOTIFICATION, "2024-01-15", supersedes=1),
        ],
        side=Side.OWN,
        as_of=TODAY,
    )
    assert result.since == PartialDate(2024, 1, 15)


def test_o9_a_captive_without_contact_for_too_long_is_incommunicado() -> None:
    facts = [fact(1, K.ICRC_NOTIFICATION, "2024-02-01"), fact(2, K.LETTER_OR_CALL, "2024-06-01")]
    late = derive_status(facts, side=Side.OWN, as_of=date(2024, 9, 15), incommunicado_days=90)
    assert late.incommunicado and late.days_without_contact == 106
    assert late.last_sign_of_life == PartialDate(2024, 6, 1)
    early = derive_status(facts, side=Side.OWN, as_of=date(2024, 8, 1), incommunicado_days=90)
    assert not early.incommunicado


def test_o9_with_no_contact_ever_the_clock_runs_from_the_first_sign_of_captivity() -> None:
    result = derive_status(
        [fact(1, K.CAPTOR_LIST, "2023-01-01")], side=Side.OWN, as_of=date(2023, 6, 1)
    )
    assert result.incommunicado and result.last_sign_of_life is None


def test_o9_a_returned_person_is_never_incommunicado() -> None:
    result = derive_status(
        [fact(1, K.CAPTOR_LIST, "2022-05-01"), fact(2, K.RETURNED, "2022-06-01")],
        side=Side.OWN,
        as_of=TODAY,
    )
    assert not result.incommunicado


def adversary(*facts: Fact) -> tuple[Status, str, PartialDate | None]:
    result = derive_status(list(facts), side=Side.ADVERSARY, as_of=TODAY)
    return result.status, result.rule, result.since


def test_a2_a_captured_prisoner_is_in_custody_since_capture_across_moves() -> None:
    assert adversary(
        fact(1, K.CAPTURED, "2023-03-01"),
        fact(2, K.MOVED, "2023-04-01"),
        fact(3, K.ICRC_VISIT, "2023-05-01"),
    ) == (Status.IN_CUSTODY, "A2", PartialDate(2023, 3, 1))


def test_a3_the_latest_state_event_decides() -> None:
    assert adversary(fact(1, K.CAPTURED, "2023-03-01"), fact(2, K.HOSPITALISED, "2023-04-01")) == (
        Status.HOSPITALISED,
        "A3",
        PartialDate(2023, 4, 1),
    )
    assert (
        adversary(
            fact(1, K.CAPTURED, "2023-03-01"),
            fact(2, K.HOSPITALISED, "2023-04-01"),
            fact(3, K.DISCHARGED, "2023-05-01"),
        )[0]
        is Status.IN_CUSTODY
    )
    for kind, status in (
        (K.REPATRIATED, Status.REPATRIATED),
        (K.RELEASED, Status.RELEASED),
        (K.ESCAPED, Status.ESCAPED),
        (K.TRANSFERRED, Status.TRANSFERRED),
    ):
        assert adversary(fact(1, K.CAPTURED, "2023-03-01"), fact(2, kind, "2024-01-01"))[0] is (
            status
        )


def test_a3_a_letter_after_repatriation_does_not_bring_the_prisoner_back() -> None:
    assert (
        adversary(
            fact(1, K.CAPTURED, "2023-03-01"),
            fact(2, K.REPATRIATED, "2024-01-01"),
            fact(3, K.LETTER_OR_CALL, "2024-02-01"),
        )[0]
        is Status.REPATRIATED
    )


def test_a2_a_recaptured_escapee_is_in_custody_again() -> None:
    assert adversary(
        fact(1, K.CAPTURED, "2023-03-01"),
        fact(2, K.ESCAPED, "2023-06-01"),
        fact(3, K.RECAPTURED, "2023-06-03"),
    ) == (Status.IN_CUSTODY, "A2", PartialDate(2023, 6, 3))


def test_a1_a_death_in_custody_is_deceased() -> None:
    assert adversary(fact(1, K.CAPTURED, "2023-03-01"), fact(2, K.DIED, "2023-08-01"))[:2] == (
        Status.DECEASED,
        "A1",
    )


def test_a4_no_event_is_no_information() -> None:
    assert adversary()[:2] == (Status.NO_INFORMATION, "A4")


dates = st.builds(
    PartialDate,
    st.integers(2022, 2026),
    st.one_of(st.none(), st.integers(1, 12)),
).flatmap(
    lambda d: (
        st.just(d)
        if d.month is None
        else st.one_of(
            st.just(d),
            st.builds(PartialDate, st.just(d.year), st.just(d.month), st.integers(1, 28)),
        )
    )
)


def fact_lists(kinds: frozenset[EvidenceKind]) -> st.SearchStrategy[list[Fact]]:
    claims = sorted(kinds - {K.RETRACTION})

    @st.composite
    def build(draw: st.DrawFn) -> list[Fact]:
        count = draw(st.integers(0, 8))
        facts: list[Fact] = []
        for i in range(1, count + 1):
            kind = draw(
                st.sampled_from([*claims, K.RETRACTION]) if facts else st.sampled_from(claims)
            )
            target = draw(st.sampled_from([f.id for f in facts])) if kind is K.RETRACTION else None
            facts.append(Fact(id=i, kind=kind, on=draw(dates), supersedes=target))
        return facts

    return build()


@given(fact_lists(OWN_KINDS), st.randoms(use_true_random=False))
def test_own_status_does_not_depend_on_the_order_of_the_evidence(
    facts: list[Fact], random: Random
) -> None:
    shuffled = facts[:]
    random.shuffle(shuffled)
    assert derive_status(facts, side=Side.OWN, as_of=TODAY) == derive_status(
        shuffled, side=Side.OWN, as_of=TODAY
    )


@given(fact_lists(ADVERSARY_KINDS), st.randoms(use_true_random=False))
def test_adversary_status_does_not_depend_on_the_order_of_the_evidence(
    facts: list[Fact], random: Random
) -> None:
    shuffled = facts[:]
    random.shuffle(shuffled)
    assert derive_status(facts, side=Side.ADVERSARY, as_of=TODAY) == derive_status(
        shuffled, side=Side.ADVERSARY, as_of=TODAY
    )


@given(fact_lists(OWN_KINDS))
def test_the_status_always_rests_on_evidence_in_force(facts: list[Fact]) -> None:
    result = derive_status(facts, side=Side.OWN, as_of=TODAY)
    ignored = {f.id for f in result.ignored}
    assert all(f.id not in ignored for f in result.basis)
    assert (result.status is Status.NO_INFORMATION) == (not result.basis)


@given(fact_lists(OWN_KINDS), dates)
def test_a_retraction_of_the_newest_claim_is_as_if_it_was_never_made(
    facts: list[Fact], on: PartialDate
) -> None:
    claim = Fact(id=100, kind=K.ICRC_NOTIFICATION, on=on)
    retraction = Fact(id=101, kind=K.RETRACTION, on=on, supersedes=100)
    with_retracted = derive_status([*facts, claim, retraction], side=Side.OWN, as_of=TODAY)
    without = derive_status(facts, side=Side.OWN, as_of=TODAY)
    assert (with_retracted.status, with_retracted.since) == (without.status, without.since)
