"""The vendored fonts hold every character the documents print: Ukrainian, Russian, Latin with
diacritics, the apostrophes, the signs of forms (№, ₴). A missing one would print as a box."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from homeward.documents import TEMPLATES_DIR
from homeward.documents.samples import PERSONS, card_context
from homeward.i18n import catalogue

FONTS = sorted((TEMPLATES_DIR.parent / "fonts").glob("*.ttf"))

UKRAINIAN = "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯабвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
RUSSIAN = "ЁЫЭЪёыэъ"
LATIN = "ŠšŽžČčĆćŁłŃńŚśŹźŻżĄąĘęŘřĚěŮůÄäÖöÜüßŞşȘșȚțĞğİıÅåØøÆæŪūĖė"
SIGNS = "ʼ’‘'`´«»„“”–—…№₴€°·×/"


def characters_printed() -> set[str]:
    """Every character of the samples' data and of the Ukrainian catalogue."""
    words = [str(value) for row in PERSONS for value in row]
    words += [str(value) for value in card_context()["person"].values()]
    words += list(catalogue("uk").values())
    return {char for word in words for char in word if not char.isspace()}


@pytest.mark.parametrize("font", FONTS, ids=lambda path: path.name)
def test_the_font_holds_every_character_documents_print(font: Path) -> None:
    cmap = TTFont(font).getBestCmap()
    wanted = set(UKRAINIAN + RUSSIAN + LATIN + SIGNS) | characters_printed()
    missing = sorted(char for char in wanted if ord(char) not in cmap)
    assert not missing, f"{font.name} lacks {missing}"


def test_regular_and_bold_are_both_vendored() -> None:
    assert [font.name for font in FONTS] == ["NotoSans-Bold.ttf", "NotoSans-Regular.ttf"]
