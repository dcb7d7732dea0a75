"""Ukrainian (the default) and English. Messages are written in English in the code and the
templates and translated from the Babel catalogues in `locale/uk/*.po` (one per area of the
application, merged at start); an English user sees the message as written."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.pofile import read_po

from homeward.errors import Message

LANGUAGES = ("uk", "en")
DEFAULT_LANGUAGE = "uk"
LOCALE_DIR = Path(__file__).parent / "locale"

Translate = Callable[..., str]

# Joins a message's context to it, as gettext does: a word said of a woman is
# `in_context("woman", "Good health")`, the catalogue's `msgctxt "woman"` entry. A catalogue
# without that entry gives the message's translation without a context (a word said alike of
# anyone), and English, whose words here have no gender, the message itself.
CONTEXT = "\x04"


def in_context(context: str | None, message: str) -> str:
    """The message as said in `context` (a catalogue's `msgctxt`), or itself without one."""
    return f"{context}{CONTEXT}{message}" if context else message


@cache
def catalogue(lang: str) -> dict[str, str]:
    """msgid (with its context, `in_context`) → msgstr for every translated, non-fuzzy message
    of the language."""
    messages: dict[str, str] = {}
    for message in _messages(lang):
        if isinstance(message.id, str):
            messages[in_context(message.context, message.id)] = str(message.string)
    return messages


@cache
def plural_catalogue(lang: str) -> dict[str, tuple[str, ...]]:
    """The singular msgid → the language's plural forms, in the order of its plural rule."""
    return {
        str(message.id[0]): tuple(str(form) for form in message.string)
        for message in _messages(lang)
        if isinstance(message.id, tuple) and all(message.string)
    }


def _messages(lang: str) -> list[Any]:
    found = []
    for po_file in sorted((LOCALE_DIR / lang).glob("*.po")):
        with po_file.open("rb") as handle:
            found += [m for m in read_po(handle, locale=lang) if m.id and m.string and not m.fuzzy]
    return found


# The CLDR plural categories in the order of the forms a catalogue gives (Ukrainian: one, few,
# many; a fraction is "other", which takes the last form).
_FORM_OF = {"one": 0, "few": 1, "many": 2, "other": 2}


def plural_translator(lang: str) -> Callable[..., str]:
    """`ngettext("%(n)s byte", "%(n)s bytes", 483, n="483")`: the form the number takes in
    the language ("483 байти"), with the named values filled in."""
    forms = plural_catalogue(lang) if lang != "en" else {}
    locale = Locale.parse(lang)

    def ngettext(singular: str, plural: str, count: int, **values: Any) -> str:
        known = forms.get(singular)
        if known:
            text = known[min(_FORM_OF.get(locale.plural_form(count), 0), len(known) - 1)]
        else:
            text = singular if count == 1 else plural
        return text % values if values else text

    return ngettext


# The messages asked for in Ukrainian that its catalogue lacks, since the process started: the
# pages' crawler test reads it (a message missing from the catalogue shows in English).
MISSING: set[str] = set()


def translator(lang: str) -> Translate:
    """`_("Found %(n)s persons", n=3)`: the translation, with named values filled in."""
    table = catalogue(lang) if lang != "en" else {}
    checked = lang == DEFAULT_LANGUAGE

    def translate(message: str, **values: Any) -> str:
        if isinstance(message, Message) and not values:
            return message.translated(translate)
        text = table.get(message)
        if text is None and CONTEXT in message:  # said alike in every context
            text = table.get(message.rpartition(CONTEXT)[2])
        if text is None:
            text = message.rpartition(CONTEXT)[2]
            if checked and message and any(char.isalpha() for char in message):
                MISSING.add(message)
        if not values:
            return text
        return text % {
            name: value.translated(translate) if isinstance(value, Message) else value
            for name, value in values.items()
        }

    return translate


def known_words(lang: str) -> Callable[[str | None], str]:
    """For data that may be a word of the catalogue (a source the system named, a reason it
    gave): its translation when the catalogue has one, else the text as it was written.
    Unlike `translator`, a text the catalogue lacks is no missing message: it is data."""
    table = catalogue(lang) if lang != "en" else {}

    def known(text: str | None) -> str:
        return table.get(text, text) if text else ""

    return known


def choose_language(requested: str | None) -> str:
    return requested if requested in LANGUAGES else DEFAULT_LANGUAGE
