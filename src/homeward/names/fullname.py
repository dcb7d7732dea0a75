"""A full name in one field, split into surname, given name and patronymic.

Registers write "КОВАЛЕНКО Олександр Петрович", "Коваленко О.П.", "Олександр Петрович
Коваленко", "Kovalenko Oleksandr" or "Oleksandr Kovalenko". Each possible order is scored by how
well each word fits the part it would be: a patronymic ending, a given name the dictionaries
know, a surname ending or a word in capitals. Ties go to the register's usual order, surname
first. A comma ends the surname; a part in brackets (a maiden name) stays with the surname.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from homeward.names.cleaning import APOSTROPHE, clean_name
from homeward.names.concepts import given_name_concepts, surname_concepts
from homeward.names.keys import is_initial
from homeward.names.patronymic_concepts import patronymic_index
from homeward.names.skeleton import word_skeletons
from homeward.names.surnames import fold_gender

_TOKEN: Final = re.compile(rf"[^\W\d_]+(?:[-{APOSTROPHE}][^\W\d_]+)*\.?")
_BRACKETED: Final = re.compile(r"\s*\(([^)]*)\)")
_PATRONYMIC_ENDING: Final = re.compile(
    r"(ович|евич|ьович|йович|івна|ївна|овна|евна|ична|[іи]ч|ovych|ovich|evich|ivna|ovna|evna|"
    r"ichna|ovitch|owitsch|ewitsch|owicz|ewicz|ovič|evič)$"
)
_SURNAME_ENDING: Final = re.compile(
    r"(енко|єнко|ук|юк|чук|ськ[ийа]|цьк[ийа]|ск[ийа]|цк[ийа]|ська|ская|ов|ова|ев|ева|ін|іна|ин|"
    r"ина|ко|enko|chuk|uk|iuk|yuk|sky|skyi|skyy|skiy|skii|ska|skaya|skaia|ov|ova|ev|eva|in|ina)$"
)
# The orders a full name of n words is tried in: S surname, G given name, P patronymic.
_LAYOUTS: Final = {
    1: ("S",),
    2: ("SG", "GS", "GP"),
    3: ("SGP", "GPS", "SSG", "GSS"),
}


@dataclass(frozen=True, slots=True)
class FullName:
    """The parts of a full name, as cleaned text (case as written); an initial without its dot."""

    surname: str | None = None
    given_name: str | None = None
    patronymic: str | None = None
    surname_is_initial: bool = False
    given_name_is_initial: bool = False
    patronymic_is_initial: bool = False


def split_full_name(text: str) -> FullName:
    """Split a full name written in one field into its parts."""
    return _split(clean_name(text))


@lru_cache(maxsize=1 << 14)
def _split(cleaned: str) -> FullName:
    brackets = " ".join(f"({group.strip()})" for group in _BRACKETED.findall(cleaned))
    cleaned = _BRACKETED.sub(" ", cleaned)
    surname_words: list[str] = []
    if "," in cleaned:
        head, _, cleaned = cleaned.partition(",")
        surname_words = _TOKEN.findall(head)
    words = _TOKEN.findall(cleaned)
    if surname_words:
        layout = "S" * len(surname_words) + _best_layout(words, forbid_surname=True)
        words = surname_words + words
    else:
        layout = _best_layout(words, forbid_surname=False)
    return _assemble(words, layout, brackets)


def _best_layout(words: Sequence[str], *, forbid_surname: bool) -> str:
    count = len(words)
    if count == 0:
        return ""
    if forbid_surname:  # after "Surname," come the given name(s) and the patronymic
        return "G" if count == 1 else "G" * (count - 1) + "P"
    candidates: tuple[str, ...]
    if count in _LAYOUTS:
        candidates = _LAYOUTS[count]
    else:  # a long name: several surname words before or after the given name and patronymic
        candidates = ("S" * (count - 2) + "GP", "GP" + "S" * (count - 2))
    fits = [_fit(word) for word in words]
    scores = [
        sum(fit[part] for fit, part in zip(fits, layout, strict=True)) for layout in candidates
    ]
    return candidates[scores.index(max(scores))]


_INITIAL_FIT: Final = {"S": -3, "G": 1, "P": 1}


# the words of full names repeat (given names, patronymics); each is read once for every part
@lru_cache(maxsize=1 << 17)
def _fit(word: str) -> dict[str, int]:
    """How well a word fits each part, S, G and P: higher is better, 0 says nothing. (The
    caller only reads it.)"""
    letters = word.rstrip(".")
    if is_initial(word):
        return _INITIAL_FIT
    lower = letters.lower()
    patronymic_like = bool(_PATRONYMIC_ENDING.search(lower)) or _known_patronymic(letters)
    given_like = _known_given_name(letters)
    surname_like = bool(_SURNAME_ENDING.search(lower)) or _known_surname(letters)
    capitals = 1 if letters.isupper() and len(letters) > 1 else 0
    return {
        "S": capitals + (1 if surname_like else 0) - (1 if given_like and not surname_like else 0),
        "G": (2 if given_like else 0) - (2 if patronymic_like else 0),
        "P": 3 if patronymic_like else -3,
    }


def _known_given_name(word: str) -> bool:
    return given_name_concepts().known_candidate(word_skeletons(word)) is not None


def _known_surname(word: str) -> bool:
    skeletons = (fold_gender(skeleton) for skeleton in word_skeletons(word))
    return surname_concepts().known_candidate(skeletons) is not None


def _known_patronymic(word: str) -> bool:
    return any(skeleton in patronymic_index().fathers for skeleton in word_skeletons(word))


def _assemble(words: Sequence[str], layout: str, brackets: str) -> FullName:
    parts: dict[str, list[str]] = {"S": [], "G": [], "P": []}
    for word, part in zip(words, layout, strict=True):
        parts[part].append(word)
    surname = " ".join(parts["S"]) + (" " + brackets if brackets else "")
    values = {part: " ".join(words).strip() or None for part, words in parts.items()}
    values["S"] = surname.strip() or None
    initials = {part: len(ws) == 1 and is_initial(ws[0]) for part, ws in parts.items()}
    return FullName(
        surname=_strip_dot(values["S"], initials["S"]),
        given_name=_strip_dot(values["G"], initials["G"]),
        patronymic=_strip_dot(values["P"], initials["P"]),
        surname_is_initial=initials["S"],
        given_name_is_initial=initials["G"],
        patronymic_is_initial=initials["P"],
    )


def _strip_dot(value: str | None, initial: bool) -> str | None:
    if value is None:
        return None
    return value.rstrip(".") if initial else value
