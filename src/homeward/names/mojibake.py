"""Detect and repair text that was decoded with the wrong code page.

The cases met in Ukrainian and Russian registers (NAMES-NOTES §6, "Encodings"):

- UTF-8 bytes read as Windows-1251: "Іван" → "Р†РІР°РЅ";
- UTF-8 bytes read as Windows-1252 or Latin-1: "Іван" → "Ð†Ð²Ð°Ð½";
- Windows-1251 bytes read as Windows-1252 or Latin-1: "Іван" → "²âàí";
- Windows-1251 bytes read as UTF-8 with `surrogateescape`, which keeps the bytes.

A repair is accepted only if it decodes strictly and gives letters of the Ukrainian and Russian
alphabets, so a genuine name is never "repaired". Windows-1251 bytes read as UTF-8 with
`errors="replace"` lost their bytes (U+FFFD): that cannot be repaired, only detected.
"""

import re
from collections.abc import Callable
from typing import Final

from homeward.names.scripts import NAME_CYRILLIC

REPLACEMENT_CHARACTER: Final = "\ufffd"
_MAX_ROUNDS: Final = 3

# UTF-8 Cyrillic is D0 xx / D1 xx; Windows-1251 reads D0 as "Р", D1 as "С"; Latin-1 as "Ð", "Ñ".
_UTF8_AS_CP1251: Final = re.compile(
    "[РС][\u0402\u0403\u201a\u0453\u201e\u2026\u2020\u2021\u20ac\u2030\u0409\u2039\u040a"
    "\u040c\u040b\u040f\u0452\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u2122\u0459\u203a"
    "\u045a\u045c\u045b\u045f\u00a0\u040e\u045e\u0408\u00a4\u0490\u00a6\u00a7\u0401\u00a9"
    "\u0404\u00ab\u00ac\u00ad\u00ae\u0407\u00b0\u00b1\u0406\u0456\u0491\u00b5\u00b6\u00b7"
    "\u0451\u2116\u0454\u00bb\u0458\u0405\u0455\u0457]"
)
_UTF8_AS_LATIN: Final = re.compile("[ÐÑ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d"
                                   "\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a"
                                   "\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039"
                                   "\u203a\u20ac\u2122]")  # fmt: skip
# Windows-1251 Cyrillic letters are bytes C0–FF (and a few below), Latin-1 À–ÿ.
_CP1251_AS_LATIN_WORD: Final = re.compile("[\u00a8\u00aa\u00af\u00b2\u00b3\u00b4\u00b8\u00ba"
                                          "\u00bf\u00a5\u00c0-\u00ff]+")  # fmt: skip
_SURROGATE: Final = re.compile("[\udc80-\udcff]")


def has_encoding_damage(text: str) -> bool:
    """Whether bytes were lost when the text was decoded (U+FFFD): it cannot be repaired."""
    return REPLACEMENT_CHARACTER in text


def repair_mojibake(text: str) -> str:
    """The text as it was written, if it shows a known wrong decoding; otherwise unchanged."""
    for _ in range(_MAX_ROUNDS):
        repaired = _repair_once(text)
        if repaired == text:
            break
        text = repaired
    return text


def _repair_once(text: str) -> str:
    if _SURROGATE.search(text):
        return _accept(text, _decode_surrogates(text))
    if len(_UTF8_AS_CP1251.findall(text)) >= 2:
        return _accept(text, _recode(text, _encode_cp1251, "utf-8"))
    if len(_UTF8_AS_LATIN.findall(text)) >= 2:
        return _accept(text, _recode(text, _encode_cp1252, "utf-8"))
    if _is_cp1251_read_as_latin(text):
        return _accept(text, _recode(text, _encode_cp1252, "cp1251"))
    return text


def _is_cp1251_read_as_latin(text: str) -> bool:
    words = [word for word in re.split(r"[\s\-'.,]+", text) if word]
    return bool(words) and all(
        _CP1251_AS_LATIN_WORD.fullmatch(word) and len(word) >= 2 for word in words
    )


def _accept(original: str, repaired: str | None) -> str:
    if repaired is None or repaired == original or REPLACEMENT_CHARACTER in repaired:
        return original
    letters = [char for char in repaired if char.isalpha() and ord(char) > 0x7F]
    if len(letters) < 2 or not all(char in NAME_CYRILLIC for char in letters):
        return original
    return repaired


def _recode(text: str, encode: Callable[[str], bytes | None], encoding: str) -> str | None:
    raw = encode(text)
    if raw is None:
        return None
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _decode_surrogates(text: str) -> str | None:
    raw = text.encode("utf-8", "surrogateescape")
    for encoding in ("utf-8", "cp1251"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _encode_cp1251(text: str) -> bytes | None:
    try:
        return text.encode("cp1251")
    except UnicodeEncodeError:
        return None


def _encode_cp1252(text: str) -> bytes | None:
    """Windows-1252, with Latin-1 for the five bytes 1252 leaves undefined (as decoders do)."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                return None
            out.append(ord(char))
    return bytes(out)
