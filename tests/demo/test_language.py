"""The demo is in its language, Ukrainian: the notes its evidence carries, which the person page
and the timelines show, are written in Ukrainian, never in English ("wounded at capture") nor
as a code ("discharged")."""

from __future__ import annotations

import re

from homeward.demo.population import SyntheticPerson

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")


def test_every_note_of_the_demos_evidence_is_in_ukrainian(
    population: list[SyntheticPerson],
) -> None:
    notes = {e.note for person in population for e in person.evidence if e.note}
    assert notes
    english = sorted(n for n in notes if LATIN_WORD.search(n) or not CYRILLIC.search(n))
    assert english == []
