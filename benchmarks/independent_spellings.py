"""How the independent population's sources write a name (independent_population.py).

Russian and Ukrainian forms by rule, six Latin traditions (Ukraine's 2010 system, ICAO 9303,
German, Polish, French, ad-hoc English), look-alike letters of the other script, keyboard slips,
optical misreadings and names as heard. Written apart from `homeward.demo` and `homeward.names`,
whose output it is meant to test.
"""

from __future__ import annotations

import random

# Ukrainian → Russian spelling of a surname or a place, by rule (Лисенко → Лысенко).
_UK_TO_RU = {"і": "и", "и": "ы", "є": "е", "ї": "и", "ґ": "г", "'": "", "ʼ": "", "’": ""}
_RU_TO_UK = {"ы": "и", "и": "і", "э": "е", "ё": "ьо", "ъ": "'", "е": "е"}


def russian_form(word: str) -> str:
    ending = ""
    for uk, ru in (("ський", "ский"), ("цький", "цкий"), ("ій", "ий"), ("ий", "ый")):
        if word.endswith(uk):
            word, ending = word[: -len(uk)], ru
            break
    out = []
    for index, letter in enumerate(word):
        lower = letter.lower()
        mapped = _UK_TO_RU.get(lower, lower)
        # и after ж, ш, ч, щ, ц stays и in Russian
        if lower == "и" and index and word[index - 1].lower() in "жшчщцк":
            mapped = "и"
        out.append(mapped.upper() if letter.isupper() and mapped else mapped)
    return "".join(out) + ending


def ukrainian_form(word: str) -> str:
    if word.endswith("ский"):
        word = word[:-4] + "ський"
    word = word.replace("ьё", "ьо")
    out = []
    for letter in word:
        lower = letter.lower()
        mapped = _RU_TO_UK.get(lower, lower)
        out.append(mapped.capitalize() if letter.isupper() else mapped)
    return "".join(out)


# Latin traditions: letter → (at the start of a word, elsewhere). Missing letters drop.
_COMMON = {
    "а": "a", "б": "b", "д": "d", "е": "e", "з": "z", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "ь": "", "ъ": "",
    "'": "", "ʼ": "", "’": "", "-": "-", " ": " ",
}  # fmt: skip
TRADITIONS: dict[str, dict[str, tuple[str, str]]] = {}


def _tradition(name: str, table: str) -> None:
    letters = {key: (value, value) for key, value in _COMMON.items()}
    for item in table.split():
        letter, forms = item.split("=")
        start, _, rest = forms.partition("/")
        letters[letter] = (start, rest or start)
    TRADITIONS[name] = letters


_tradition("kmu", "в=v г=h ґ=g е=e є=ye/ie ж=zh и=y і=i ї=yi/i й=y/i х=kh ц=ts ч=ch ш=sh "
                  "щ=shch ю=yu/iu я=ya/ia ё=yo/io ы=y э=e")  # fmt: skip
_tradition("icao", "в=v г=g ґ=g е=e є=ie ж=zh и=i і=i ї=i й=i х=kh ц=ts ч=ch ш=sh щ=shch "
                   "ю=iu я=ia ё=e ы=y э=e ъ=ie")  # fmt: skip
_tradition("german", "в=w г=h ґ=g е=je/e є=je ж=sch и=y і=i ї=ji й=j х=ch ц=z ч=tsch ш=sch "
                     "щ=schtsch ю=ju я=ja ё=jo ы=y э=e с=s з=s")  # fmt: skip
_tradition("polish", "в=w г=h ґ=g е=je/e є=je ж=ż и=y і=i ї=ji й=j х=ch ц=c ч=cz ш=sz "
                     "щ=szcz ю=ju/iu я=ja/ia ё=jo ы=y э=e л=ł")  # fmt: skip
_tradition("french", "в=v г=h ґ=g е=ie/e є=ie ж=j и=y і=i ї=ï й=ï х=kh ц=ts ч=tch ш=ch "
                     "щ=chtch ю=iou я=ia ё=io ы=y э=e у=ou")  # fmt: skip
_tradition("english", "в=v г=h ґ=g е=e є=ye ж=zh и=y і=i ї=yi й=y х=kh ц=ts ч=ch ш=sh "
                      "щ=shch ю=yu я=ya ё=yo ы=y э=e")  # fmt: skip
# Russian names in the German, French and Polish traditions read г as g, и as i.
_RUSSIAN_READING = {"german": {"г": "g", "и": "i"}, "polish": {"г": "g", "и": "i"},
                    "french": {"г": "g", "и": "i"}, "english": {"г": "g", "и": "i"},
                    "kmu": {}, "icao": {}}  # fmt: skip
_VOWELS = set("аеєиіїоуюяыэё")
_WORD_START = set(" -'ʼ’ьъ")


def latin(text: str, tradition: str, *, russian: bool = False) -> str:
    """The name in Latin letters as a clerk of `tradition` writes it."""
    table = TRADITIONS[tradition]
    reading = _RUSSIAN_READING[tradition] if russian else {}
    out: list[str] = []
    previous = " "
    for index, letter in enumerate(text):
        lower = letter.lower()
        following = text[index + 1 : index + 2].lower()
        if lower in reading:
            form = reading[lower]
        elif lower in table:
            start, rest = table[lower]
            form = start if previous in _WORD_START else rest
        elif letter.isascii():
            form = lower
        else:
            form = ""
        if (
            tradition in ("german", "french")
            and lower == "с"
            and previous in _VOWELS
            and following in _VOWELS
        ):
            form = "ss"
        if letter.isupper() and form:
            form = form.upper() if text.isupper() else form.capitalize()
        out.append(form)
        previous = lower
    return "".join(out)


def english_ending(text: str, rnd: random.Random) -> str:
    """-ій written -iy, -ii, -yi or -y (Serhiy, Serhii, Serhyi, Serhy)."""
    for ending in ("iy", "ii", "yi"):
        if text.lower().endswith(ending):
            return text[:-2] + rnd.choice(("iy", "ii", "yi", "y", "ij"))
    return text


_CYR_LOOKALIKES = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
                   "і": "i", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H",
                   "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "І": "I"}  # fmt: skip
_LAT_LOOKALIKES = {latin_letter: cyrillic for cyrillic, latin_letter in _CYR_LOOKALIKES.items()}


def lookalikes(text: str, rnd: random.Random) -> str:
    """One to three letters replaced by their look-alikes in the other script: Latin letters
    in a Cyrillic word, or Cyrillic ones in a Latin word."""
    cyrillic = sum(1 for letter in text if "\u0400" <= letter <= "\u04ff")
    table = _CYR_LOOKALIKES if cyrillic * 2 >= len(text) else _LAT_LOOKALIKES
    spots = [i for i, letter in enumerate(text) if letter in table]
    if not spots:
        return text
    chosen = set(rnd.sample(spots, min(len(spots), rnd.choice((1, 1, 2, 3)))))
    return "".join(table[c] if i in chosen else c for i, c in enumerate(text))


_KEYBOARDS = ("йцукенгшщзхї фівапролджє ячсмитьбю", "qwertyuiop asdfghjkl zxcvbnm")


def _near(letter: str) -> str:
    for keyboard in _KEYBOARDS:
        rows = keyboard.split()
        for r, row in enumerate(rows):
            c = row.find(letter)
            if c >= 0:
                found = row[max(c - 1, 0) : c + 2].replace(letter, "")
                for other in rows[max(r - 1, 0) : r + 2]:
                    if other is not row:
                        found += other[max(c - 1, 0) : c + 1]
                return found
    return ""


def typo(text: str, rnd: random.Random) -> str:
    """A slip of the hand: a neighbour key, a letter left out, doubled or two exchanged."""
    if len(text) < 4:
        return text
    i = rnd.randrange(1, len(text) - 1)
    kind = rnd.random()
    if kind < 0.4:
        near = _near(text[i].lower())
        if not near:
            return text
        letter = rnd.choice(near)
        return text[:i] + (letter.upper() if text[i].isupper() else letter) + text[i + 1 :]
    if kind < 0.65:
        return text[:i] + text[i + 1 :]
    if kind < 0.8:
        return text[:i] + text[i] + text[i:]
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


_MISREAD = (("ш", "щ"), ("и", "н"), ("п", "н"), ("л", "п"), ("rn", "m"), ("cl", "d"),
            ("ц", "щ"), ("в", "з"), ("і", "l"), ("о", "с"))  # fmt: skip


def misread(text: str, rnd: random.Random) -> str:
    """A scanned list read by a machine: letters of similar shape confused."""
    spots = [(a, b) for a, b in _MISREAD if a in text.lower()]
    if not spots:
        return text
    a, b = rnd.choice(spots)
    i = text.lower().find(a)
    replaced = b.upper() if text[i].isupper() else b
    return text[:i] + replaced + text[i + len(a) :]


# What a listener hears: voiced and voiceless, unstressed vowels, soft signs lost.
_HEARD = (("д", "т"), ("т", "д"), ("з", "с"), ("б", "п"), ("г", "х"), ("о", "а"), ("е", "и"),
          ("и", "е"), ("і", "и"), ("ь", ""), ("нн", "н"), ("є", "е"), ("ю", "у"), ("ц", "ч"),
          ("в", "ф"), ("ж", "ш"), ("я", "а"), ("ук", "юк"), ("енко", "єнко"))  # fmt: skip


def heard(text: str, rnd: random.Random) -> str:
    """A name written down as it was heard: one or two sounds changed."""
    for _ in range(rnd.choice((1, 1, 2))):
        spots = [(a, b) for a, b in _HEARD if a in text[1:].lower()]
        if not spots:
            break
        a, b = rnd.choice(spots)
        i = text.lower().find(a, 1)
        text = text[:i] + b + text[i + len(a) :]
    return text
