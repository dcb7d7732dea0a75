"""Who the synthetic persons are: service, the Geneva record, contacts, detention sites."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date, timedelta

from homeward.demo.people import ADVERSARY_RANKS, OWN_UNITS, tax_number
from homeward.demo.population import SyntheticPerson
from homeward.demo.sites import DETENTION_SITES

_WEIGHTS = (-1, 5, 7, 9, 4, 6, 10, 5, 7)


def test_own_persons_are_mostly_military_men(own: list[SyntheticPerson]) -> None:
    military = sum(p.military for p in own) / len(own)
    men = sum(p.sex == "M" for p in own) / len(own)
    assert 0.75 < military < 0.95
    assert 0.85 < men < 0.97
    assert any(not p.military and p.sex == "F" for p in own)


def test_own_units_are_written_as_the_forces_write_them(own: list[SyntheticPerson]) -> None:
    assert all(re.fullmatch(r"[АВ]\d{4}|[23]\d{3}", unit.code) for unit in OWN_UNITS.values)
    assert all(p.unit for p in own if p.military)


def test_adversary_ranks_have_the_published_shares() -> None:
    shares: dict[str, float] = defaultdict(float)
    for rank in ADVERSARY_RANKS.values:
        shares[rank.category] += ADVERSARY_RANKS.share(rank)
    assert abs(shares["rank_and_file"] - 0.83) < 0.02
    assert abs(shares["sergeant"] - 0.13) < 0.02
    assert abs(shares["officer"] - 0.03) < 0.01


def test_adversaries_come_from_many_countries(adversaries: list[SyntheticPerson]) -> None:
    foreign = Counter(p.citizenship for p in adversaries if p.citizenship != "RUS")
    assert 0.04 < sum(foreign.values()) / len(adversaries) < 0.13
    assert len(foreign) >= 15


def test_adversary_service_types_are_all_present(adversaries: list[SyntheticPerson]) -> None:
    kinds = Counter(p.service_type for p in adversaries)
    assert kinds["contract"] > kinds["mobilised"] > 0
    assert kinds["conscript"] > 0 and kinds["volunteer"] > 0


def test_the_geneva_record_is_complete(adversaries: list[SyntheticPerson]) -> None:
    for person in adversaries:
        assert person.father_name and person.person_to_inform
        assert person.correspondence_address
        assert person.military and person.unit
        if person.citizenship == "RUS":
            assert person.mother_maiden_name and person.patronymic


def test_tax_numbers_encode_the_birthday_and_check() -> None:
    number = tax_number(lambda: 0.37, date(1990, 3, 12), "M")
    assert date(1899, 12, 31) + timedelta(days=int(number[:5])) == date(1990, 3, 12)
    assert int(number[8]) % 2 == 1
    total = sum(int(d) * w for d, w in zip(number[:9], _WEIGHTS, strict=True))
    assert total % 11 % 10 == int(number[9])


def test_contacts_are_obviously_fake(population: list[SyntheticPerson]) -> None:
    contacts = [c for p in population for c in p.contacts]
    assert contacts
    for contact in contacts:
        assert not contact.email or contact.email.endswith(("@example.org", "@example.com"))
        if contact.phone.startswith("+380"):
            assert re.fullmatch(r"\+380 \d\d 0\d\d \d\d \d\d", contact.phone)
        if contact.phone.startswith("+7"):
            assert re.fullmatch(r"\+7 9\d\d 0\d\d-\d\d-\d\d", contact.phone)
        assert re.search(r"\b00\d{3,4}\b|Example Road", contact.address), contact.address


def test_own_persons_have_relatives_to_call(own: list[SyntheticPerson]) -> None:
    with_contacts = sum(1 for p in own if p.contacts) / len(own)
    assert with_contacts > 0.9


def test_detention_sites_have_names_in_three_languages() -> None:
    keys = [site.key for site in DETENTION_SITES]
    assert len(keys) == len(set(keys))
    for site in DETENTION_SITES:
        assert site.kind in {"sizo", "colony", "camp", "hospital", "temporary"}
        assert site.holder in {"captor", "own"}
        assert site.name_en.isascii() and site.aliases
        assert len(set(site.names)) == len(site.names)
