"""The region a place of disappearance names, in whatever script and language it was written."""

from __future__ import annotations

import pytest

from homeward.stats.regions import UNKNOWN, region_of


@pytest.mark.parametrize(
    ("place", "region"),
    [
        ("с. Іванівка, Донецька обл.", "Донецька обл."),
        ("г. Артёмовск, Донецкая обл.", "Донецька обл."),
        ("Сєвєродонецьк, Луганська область", "Луганська обл."),
        ("Izium, Kharkiv oblast", "Харківська обл."),
        ("м. Біла Церква, Київська обл.", "Київська обл."),
        ("м. Київ", "Київ"),
        ("с. Перевальне, АР Крим", "Автономна Республіка Крим"),
        ("с. Іванівка, Херсонська обл. (окупована)", "Херсонська обл."),
    ],
)
def test_it_reads_the_oblast(place: str, region: str) -> None:
    assert region_of(place) == region


@pytest.mark.parametrize("place", [None, "", "Бахмут", "біля лісосмуги", "Donetsk"])
def test_a_place_that_names_no_region_is_unknown(place: str | None) -> None:
    assert region_of(place) == UNKNOWN
