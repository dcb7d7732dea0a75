"""The noise of real lists, as small pure functions of a string and a uniform draw.

Every report records the labels of the noise applied to it (`NOISE_KINDS` lists them all), so a
linkage failure can be traced to its cause. The functions never change a string's meaning beyond
what a clerk, a keyboard or a microphone would.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from homeward.demo.sampling import Uniform

NOISE_KINDS: tuple[str, ...] = (
    "typo",  # a letter substituted (keyboard neighbour), deleted, doubled or transposed
    "homoglyph",  # a Latin look-alike inside a Cyrillic word (і→i, о→o, Т→T)
    "apostrophe",  # ʼ written ' ’ ` ‘ ´ or left out
    "caps_surname",  # ШЕВЧЕНКО Олександр
    "all_caps",  # every name in capitals
    "full_name_in_surname",  # "ШЕВЧЕНКО Олександр Іванович" in the surname column
    "swapped_columns",  # the given name in the surname column and the other way round
    "missing_fields",  # fields the source had but left empty
    "day_month_swap",  # 03.12.1990 for 12.03.1990
    "year_only",  # a birth date known only by its year
    "placeholder_0101",  # 01.01.YYYY for a birth date known only by its year
    "placeholder_0000",  # 00.00.YYYY
    "date_format",  # yyyy-mm-dd, dd/mm/yyyy, d.m.yy, "3 березня 1990 р."
    "yo_e",  # Артём written Артем
    "russian_form",  # a Ukrainian name in its Russian form (Сергій → Сергей)
    "russian_variant",  # a less frequent Russian rendering (Мельнык, Данила)
    "patronymic_russian",  # the patronymic alone in Russian form
    "ukrainian_form",  # the adversary's Russian name in Ukrainian spelling
    "latin",  # a Latin transliteration; the convention follows as "latin:KMU2010"
    "english_form",  # Alexander, Andrew, Eugene
    "masculine_form",  # a woman's surname in the masculine form (Ковальський for Ковальська)
    "mishearing",  # a spoken name written down as heard
    "initials",  # О. І. for the given name and patronymic
    "whitespace",  # doubled, trailing or non-breaking spaces
    "age_only",  # a birth year computed from an approximate age
    "digit_typo",  # one digit wrong in a service or tax number
    "unit_form",  # the unit written other than "в/ч А0536"
)

_HOMOGLYPHS = {
    "а": "a",
    "е": "e",
    "о": "o",
    "р": "p",
    "с": "c",
    "у": "y",
    "х": "x",
    "і": "i",
    "ї": "ï",
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "Х": "X",
    "І": "I",
    "Ї": "Ï",
}
APOSTROPHE_VARIANTS = ("'", "’", "`", "‘", "´", "ʹ", "")

_ROWS = (
    "йцукенгшщзхї",
    "фівапролджє",
    "ячсмитьбю",
    "йцукенгшщзхъ",
    "фывапролджэ",
    "ячсмитьбю",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
)


def _neighbours() -> dict[str, str]:
    near: dict[str, set[str]] = {}
    for group in range(0, len(_ROWS), 3):
        rows = _ROWS[group : group + 3]
        for r, row in enumerate(rows):
            for c, letter in enumerate(row):
                found = near.setdefault(letter, set())
                found.update(row[max(c - 1, 0) : c + 2])
                for other in rows[max(r - 1, 0) : r + 2]:
                    found.update(other[max(c - 1, 0) : c + 1])
                found.discard(letter)
    return {letter: "".join(sorted(found)) for letter, found in near.items()}


_NEAR = _neighbours()

# What a listener mishears: unstressed о/а (akanye), и/і/е, voiced/voiceless pairs, doubles.
_HEARD = (
    ("о", "а"),
    ("е", "и"),
    ("и", "і"),
    ("і", "и"),
    ("г", "х"),
    ("д", "т"),
    ("з", "с"),
    ("б", "п"),
    ("в", "ф"),
    ("нн", "н"),
    ("лл", "л"),
    ("ш", "щ"),
    ("ц", "с"),
    ("є", "е"),
    ("ьо", "е"),
    ("я", "а"),
)


def typo(rnd: Uniform, text: str) -> str:
    if len(text) < 3:
        return text
    i = 1 + int(rnd() * (len(text) - 2))
    kind = rnd()
    if kind < 0.45:
        letter = text[i]
        near = _NEAR.get(letter.lower())
        if not near:
            return text
        swap = near[int(rnd() * len(near))]
        return text[:i] + (swap.upper() if letter.isupper() else swap) + text[i + 1 :]
    if kind < 0.7:
        return text[:i] + text[i + 1 :]
    if kind < 0.85:
        return text[:i] + text[i] + text[i:]
    return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]


def homoglyph(rnd: Uniform, text: str) -> str:
    """One or two Cyrillic letters replaced by Latin look-alikes; і→i most often."""
    spots = [i for i, letter in enumerate(text) if letter in _HOMOGLYPHS]
    if not spots:
        return text
    preferred = [i for i in spots if text[i] in "іІїЇ"]
    chosen = {(preferred or spots)[int(rnd() * len(preferred or spots))]}
    if rnd() < 0.3:
        chosen.add(spots[int(rnd() * len(spots))])
    return "".join(_HOMOGLYPHS[c] if i in chosen else c for i, c in enumerate(text))


def apostrophe(rnd: Uniform, text: str) -> str:
    return text.replace("ʼ", APOSTROPHE_VARIANTS[int(rnd() * len(APOSTROPHE_VARIANTS))])


def mishear(rnd: Uniform, text: str) -> str:
    lower = text.lower()
    options = [(heard, said) for heard, said in _HEARD if heard in lower[1:]]
    if not options:
        return text
    heard, said = options[int(rnd() * len(options))]
    at = lower.index(heard, 1)
    replaced = said if not text[at].isupper() else said.capitalize()
    return text[:at] + replaced + text[at + len(heard) :]


def yo_e(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


def whitespace(rnd: Uniform, text: str) -> str:
    kind = rnd()
    if kind < 0.4:
        return text + " "
    if kind < 0.7:
        return " " + text if " " not in text else text.replace(" ", "  ", 1)
    return text.replace(" ", "\u00a0", 1) if " " in text else text + "\u00a0"


def initial(text: str) -> str:
    return text[:1] + "." if text else text


def digit_typo(rnd: Uniform, text: str) -> str:
    spots = [i for i, c in enumerate(text) if c.isdigit()]
    if not spots:
        return text
    i = spots[int(rnd() * len(spots))]
    digit = str((int(text[i]) + 1 + int(rnd() * 9)) % 10)
    return text[:i] + digit + text[i + 1 :]


# Dates, as sources write them.
_UK_MONTHS = (
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
)
_RU_MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


@lru_cache(maxsize=1 << 15)
def dmy(day: date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def written_date(day: date, style: str) -> str:
    """`day` in a source's `style`; see `DATE_STYLES`."""
    if style == "dmy":
        return dmy(day)
    if style == "iso":
        return day.isoformat()
    if style == "slash":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    if style == "short":
        return f"{day.day}.{day.month}.{day.year % 100:02d}"
    if style == "text_uk":
        return f"{day.day} {_UK_MONTHS[day.month - 1]} {day.year} р."
    if style == "text_ru":
        return f"{day.day} {_RU_MONTHS[day.month - 1]} {day.year} г."
    if style == "year":
        return str(day.year)
    if style == "placeholder_0101":
        return f"01.01.{day.year}"
    if style == "placeholder_0000":
        return f"00.00.{day.year}"
    if style == "swap":
        if day.day > 12 or day.day == day.month:
            return dmy(day)
        return f"{day.month:02d}.{day.day:02d}.{day.year}"
    raise ValueError(f"unknown date style {style!r}")


DATE_STYLE_LABELS = {
    "dmy": "",
    "iso": "date_format",
    "slash": "date_format",
    "short": "date_format",
    "text_uk": "date_format",
    "text_ru": "date_format",
    "year": "year_only",
    "placeholder_0101": "placeholder_0101",
    "placeholder_0000": "placeholder_0000",
    "swap": "day_month_swap",
}
