"""The demo is in its language, Ukrainian: the notes its evidence carries, which the person page
and the timelines show, are written in Ukrainian, never in English ("wounded at capture") nor
as a code ("discharged")."""

from __future__ import annotations

import re

from homeward.demo.population import SyntheticPerson
from homeward.demo.store import GENERIC_SOURCE
from homeward.families.demo import SOURCE_KINDS as FAMILY_NEWS_SOURCES
from homeward.i18n import known_words

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")
NAMES_IN_LATIN = {"Telegram", "YouTube", "III"}  # brands; a convention's number


def test_every_note_of_the_demos_evidence_is_in_ukrainian(
    population: list[SyntheticPerson],
) -> None:
    notes = {e.note for person in population for e in person.evidence if e.note}
    assert notes
    english = sorted(n for n in notes if LATIN_WORD.search(n) or not CYRILLIC.search(n))
    assert english == []


def test_every_source_the_demo_names_is_in_ukrainian(population: list[SyntheticPerson]) -> None:
    """A source named with its month or day ("список обміну 05.02.2025") is written in
    Ukrainian; a fixed one ("unit report") is a word the catalogue translates."""
    known = known_words("uk")
    names = {r.source_name for person in population for r in person.reports}
    names |= set(GENERIC_SOURCE.values())  # the sources of evidence without a report
    names |= set(FAMILY_NEWS_SOURCES)  # the news the demo families are told
    assert names
    english = sorted(
        name
        for name in names
        if known(name) == name
        and (not CYRILLIC.search(name) or set(LATIN_WORD.findall(name)) - NAMES_IN_LATIN)
    )
    assert english == []
