"""Evidence timelines consistent with the war's chronology, and the status they support."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from homeward.demo.chronology import EXCHANGE_DAYS, MOBILISATION, WAR_START
from homeward.demo.population import (
    ADVERSARY_EVIDENCE_KINDS,
    OWN_EVIDENCE_KINDS,
    SyntheticPerson,
)
from homeward.demo.sites import SITES_BY_KEY
from tests.demo.conftest import TODAY

POSSIBLE = {"seen_in_media", "captor_list", "testimony_sighting", "letter_or_call"}
CONFIRMING = {"icrc_notification", "captor_acknowledgment"}
ENDING = {"returned", "released_other", "died"}


def _first(person: SyntheticPerson, kinds: set[str]) -> date | None:
    days = [e.on.earliest for e in person.evidence if e.kind in kinds]
    return min(days) if days else None


def test_evidence_dates_follow_the_war_chronology(population: list[SyntheticPerson]) -> None:
    for person in population:
        days = [e.on for e in person.evidence]
        assert days == sorted(days, key=lambda d: d.earliest)
        for evidence in person.evidence:
            assert evidence.on.earliest >= WAR_START and evidence.on.latest <= TODAY
        if person.missing_date:
            assert person.birth_date < person.missing_date - timedelta(days=16 * 365)
            assert all(e.on.earliest >= person.missing_date for e in person.evidence)


def test_signs_come_before_confirmation_and_both_before_the_end(
    own: list[SyntheticPerson],
) -> None:
    for person in own:
        confirmed = _first(person, CONFIRMING)
        ended = _first(person, ENDING)
        signs = [e.on.latest for e in person.evidence if e.kind in POSSIBLE]
        if confirmed:
            assert all(day <= confirmed for day in signs)
        if ended:
            assert all(day <= ended for day in signs)
            assert confirmed is None or confirmed <= ended
        died = _first(person, {"died"})
        identified = _first(person, {"remains_identified"})
        if died and identified:
            assert died <= identified


def test_reports_arrive_after_what_they_tell(population: list[SyntheticPerson]) -> None:
    for person in population:
        received = {r.report_id: r.received_on for r in person.reports}
        for evidence in person.evidence:
            if evidence.report_id:
                assert received[evidence.report_id] >= evidence.on.earliest


def test_returns_and_repatriations_happen_on_exchange_days(
    population: list[SyntheticPerson],
) -> None:
    exchanges = set(EXCHANGE_DAYS)
    ends = [e for p in population for e in p.evidence if e.kind in ("returned", "repatriated")]
    assert ends
    assert all(e.on.earliest in exchanges for e in ends)


def test_a_quarter_of_returnees_were_never_confirmed(own: list[SyntheticPerson]) -> None:
    returned = [p for p in own if p.expected_status == "returned"]
    never = sum(1 for p in returned if _first(p, CONFIRMING) is None)
    assert 0.15 < never / len(returned) < 0.35


def test_own_statuses_are_spread_as_in_a_register(own: list[SyntheticPerson]) -> None:
    shares = Counter(p.expected_status for p in own)
    total = len(own)
    assert 0.3 < shares["missing"] / total < 0.6
    for status in ("captivity_possible", "captivity_confirmed", "returned", "deceased"):
        assert 0.03 < shares[status] / total < 0.3, status
    assert 0 < shares["no_information"] / total < 0.05


def test_many_captives_are_never_confirmed(own: list[SyntheticPerson]) -> None:
    possible = sum(1 for p in own if p.expected_status == "captivity_possible")
    assert possible > 0.03 * len(own)


def test_adversary_status_is_the_latest_state_changing_event(
    adversaries: list[SyntheticPerson],
) -> None:
    states = Counter(p.expected_status for p in adversaries)
    assert states["in_custody"] and states["repatriated"]
    for person in adversaries:
        assert person.evidence[0].kind == "captured"
        if person.evidence[-1].kind == "repatriated":
            assert person.expected_status == "repatriated"


def test_evidence_kinds_belong_to_their_side(population: list[SyntheticPerson]) -> None:
    for person in population:
        kinds = OWN_EVIDENCE_KINDS if person.side == "own" else ADVERSARY_EVIDENCE_KINDS
        assert {e.kind for e in person.evidence} <= set(kinds) | {"recaptured"}


def test_detention_places_name_known_sites(population: list[SyntheticPerson]) -> None:
    for person in population:
        for evidence in person.evidence:
            if evidence.site_key:
                assert evidence.place in SITES_BY_KEY[evidence.site_key].names


def test_no_mobilised_prisoner_was_captured_before_the_mobilisation(
    adversaries: list[SyntheticPerson],
) -> None:
    for person in adversaries:
        if person.service_type == "mobilised":
            assert person.missing_date is not None and person.missing_date >= MOBILISATION


def test_expected_status_agrees_with_the_registers_rules(
    population: list[SyntheticPerson],
) -> None:
    rules = pytest.importorskip("homeward.registry.status.rules")
    vocab = pytest.importorskip("homeward.registry.vocab")
    for person in population:
        facts = [
            rules.Fact(
                id=i,
                kind=vocab.EvidenceKind(e.kind),
                on=e.on,
                reliability=vocab.Reliability(e.reliability),
            )
            for i, e in enumerate(person.evidence, 1)
        ]
        derived = rules.derive_status(facts, side=vocab.Side(person.side), as_of=TODAY)
        assert derived.status.value == person.expected_status, person.truth_id


def test_captures_per_week_follow_the_fighting(adversaries: list[SyntheticPerson]) -> None:
    captured = [p.missing_date for p in adversaries if p.missing_date]
    weeks = (TODAY - WAR_START).days / 7

    def per_week(first: date, last: date) -> float:
        inside = sum(1 for day in captured if first <= day <= last)
        return inside / ((last - first).days / 7)

    average = len(captured) / weeks
    assert per_week(date(2022, 9, 6), date(2022, 10, 10)) > 3 * average  # Kharkiv
    assert per_week(date(2024, 8, 6), date(2025, 3, 20)) > 1.5 * average  # Kursk
    kursk = [
        p
        for p in adversaries
        if p.missing_date and date(2024, 8, 6) <= p.missing_date <= date(2025, 3, 20)
    ]
    conscripts = sum(p.service_type == "conscript" for p in kursk) / len(kursk)
    assert conscripts > 0.15
