"""Rendering pages: one Jinja2 environment, autoescaped, with the translator and the caller."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from babel.core import Locale, get_global
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.responses import Response

from homeward.dates import PartialDate, parse_partial_date
from homeward.errors import InvalidInput
from homeward.i18n import in_context, known_words, plural_translator, translator
from homeward.imports.ranks import RANKS
from homeward.web.deps import Caller, language_of
from homeward.web.labels import PAYLOAD_WORDS, label, relation_word, word

TEMPLATES = Path(__file__).parent / "templates"
templates = Jinja2Templates(directory=TEMPLATES)
env = templates.env
env.autoescape = True
env.trim_blocks = True
env.lstrip_blocks = True


def _number(value: int | float, lang: str = "uk") -> str:
    return format_decimal(value, locale="uk_UA" if lang == "uk" else "en_GB")


def _when(
    value: date | datetime | PartialDate | str | None, lang: str = "uk", *, seconds: bool = False
) -> str:
    """Dates as dd.mm.yyyy in both languages; times of day as HH:MM (or HH:MM:SS)."""
    if value is None or value == "":
        return ""
    locale = "uk_UA" if lang == "uk" else "en_GB"
    if isinstance(value, datetime):
        pattern = "dd.MM.yyyy HH:mm:ss" if seconds else "dd.MM.yyyy HH:mm"
        return format_datetime(value, pattern, locale=locale)
    if isinstance(value, date):
        return format_date(value, "dd.MM.yyyy", locale=locale)
    if isinstance(value, PartialDate):  # 12.03.1999, 03.1999 or 1999, as known
        return (
            ".".join(f"{part:02d}" for part in (value.day, value.month) if part is not None)
            + ("." if value.month is not None else "")
            + f"{value.year:04d}"
        )
    return str(value)


_ISO_DATE = re.compile(
    r"(?<![\w-])(1[89]\d\d|20\d\d)-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?(?![\w-])"
)


def _day_first(text: str, *, months: bool = False) -> str:
    """Dates inside a text (the model's values and explanation, written yyyy-mm-dd) as the
    pages write them: 1978-11-05 as 05.11.1978; with `months` (the values of a date's
    comparison), 1978-11 as 11.1978 too. Elsewhere a year and a month could be a code's
    (a unit named "1978-11"), and a number inside a code (АВ-1978-11) is always left alone."""

    def day_first(match: re.Match[str]) -> str:
        year, month, day = match.groups()
        if day:
            return f"{day}.{month}.{year}"
        return f"{month}.{year}" if months else match.group(0)

    return _ISO_DATE.sub(day_first, text)


_SPACES = re.compile(r"(\s+)")


def _compared_values(text: str, *, months: bool = False) -> Markup:
    """A weight's two compared values ("1978-11-05 ~ 1978") for its table cell, dates day first:
    each value in a span of its own, and within it every word that holds a digit (a date, a
    number, a unit's code) in a span that never breaks inside, so on a phone the line breaks
    between the values or between a spelling's words, never within "05.11.1978"."""
    sides = []
    for side in _day_first(text, months=months).split(" ~ "):
        words = [
            Markup('<span class="nobreak">{}</span>').format(part)
            if any(ch.isdigit() for ch in part)
            else escape(part)
            for part in _SPACES.split(side)
        ]
        sides.append(Markup('<span class="value">{}</span>').format(Markup("").join(words)))
    return Markup(" ~ ").join(sides)


# A report's payload as the page shows it: its dates day first, its codes in words; what a list
# held as written (its "raw" row) stays exactly as written.
PAYLOAD_DATES = frozenset(("on", "birth_date", "missing_date", "event_date"))
PAYLOAD_CODES = frozenset(("kind", "relation", "reliability", "legal_status"))
RANKS_BY_CODE = {rank.code: rank for rank in RANKS.values()}


def _payload_text(key: str, value: object, lang: str = "uk") -> str:
    known = known_words(lang)
    if isinstance(value, Mapping):
        present = [(str(k), v) for k, v in value.items() if v not in (None, "")]
        if key == "raw":
            return "; ".join(f"{k}: {v}" for k, v in present)
        return "; ".join(
            f"{_payload_key(k, lang)}: {_payload_text(k, v, lang)}" for k, v in present
        )
    text = str(value)
    if key in PAYLOAD_DATES:
        try:
            day = parse_partial_date(text, field=key)
        except InvalidInput:
            return text
        return _when(day, lang) if day else text
    if key in PAYLOAD_CODES:
        return known(word(text))
    if key == "sex" and text in ("M", "F", "U"):
        return translator(lang)(label(text))
    if key == "rank_code" and text in RANKS_BY_CODE:  # "private": the rank as the lists say it
        rank = RANKS_BY_CODE[text]
        return rank.en if lang == "en" else rank.uk
    return text


def _payload_key(key: str, lang: str = "uk") -> str:
    return known_words(lang)(word(key)) if key in PAYLOAD_WORDS else key


def _country(code: str | None, lang: str = "uk") -> str:
    """A country's name in the page's language for an ISO 3166 code (alpha-3, as the register
    keeps citizenship, or alpha-2); anything else as it was written."""
    text = (code or "").strip()
    alias = get_global("territory_aliases").get(text.upper(), [text.upper()])
    territory = alias[0] if alias else text.upper()
    names = Locale.parse("uk_UA" if lang == "uk" else "en_GB").territories
    return names.get(territory, text) if len(territory) == 2 else text


env.filters["country"] = _country


def _status_words(code: object, sex: str | None = None, lang: str = "uk") -> str:
    """A status (or an evidence kind) in the page's language, in the feminine where the
    person is a woman and the language says so ("Повернулася"), in the plural for `sex="group"`
    (a count of persons, "Повернулися"): the catalogue keeps those as "<English words> (of a
    woman)" and "(of a group)", which English never shows."""
    english = label(code)
    if sex in ("F", "group") and lang != "en":
        # a woman's ("Повернулася"), or many persons' as a count heads them ("Повернулися")
        form = f"{english} (of a woman)" if sex == "F" else f"{english} (of a group)"
        said = known_words(lang)(form)
        if said != form:
            return said
    return translator(lang)(english)


def _(message: str) -> str:
    """Marks a message for the translation catalogue; the page translates it."""
    return message


# Sources and reasons the system writes with a value in them (homeward.imports,
# homeward.linkage, homeward.exchanges.reconcile), said in the page's language as the
# catalogue's fixed words are. The exchange's roster is named by the side's code in the data
# ("exchange 3, own roster: roster.csv"); the page says the side in words.
_WITH_VALUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^from (?P<origin>.+), row (?P<row>\d+)$"), _("from %(origin)s, row %(row)s")),
    (
        re.compile(r"^automatic link, match probability (?P<probability>[0-9.]+)$"),
        _("automatic link, match probability %(probability)s"),
    ),
    (
        re.compile(r"^exchange (?P<id>\d+), own roster: (?P<file>.+)$", re.DOTALL),
        _("exchange %(id)s, the roster of our people who came back: %(file)s"),
    ),
    (
        re.compile(r"^exchange (?P<id>\d+), adversary roster: (?P<file>.+)$", re.DOTALL),
        _("exchange %(id)s, the roster of the prisoners handed over: %(file)s"),
    ),
    (
        re.compile(r"^returned in exchange (?P<id>\d+) \((?P<name>.*)\)$", re.DOTALL),
        _("returned in exchange %(id)s (%(name)s)"),
    ),
)


def _known(lang: str = "uk") -> Callable[[str | None], str]:
    """Data that may be the system's words: a fixed word of the catalogue (a demo source, a
    reason), or one of _WITH_VALUES with its values, in the page's language; else the text as
    it was written (a source or reason a person typed)."""
    known = known_words(lang)
    translate = translator(lang)

    def said(text: str | None) -> str:
        found = known(text)
        if not text or found != text:
            return found
        for pattern, template in _WITH_VALUES:
            match = pattern.match(text)
            if match:
                values = match.groupdict()
                if "probability" in values and lang != "en":  # a decimal comma
                    values["probability"] = values["probability"].replace(".", ",")
                return translate(template, **values)
        return text

    return said


def _reason_words(text: str | None, lang: str = "uk") -> str:
    """A reason recorded in the history, in the page's language where the catalogue knows it
    (a fixed reason, or one of _WITH_VALUES with its values); else as it was written."""
    return _known(lang)(text)


def _sentence(text: str) -> str:
    """A word that is also a table's column ("whom we ask back") as a heading: its first
    letter a capital, the rest as written (unlike `capitalize`, an "ICRC" stays)."""
    return text[:1].upper() + text[1:]


env.globals["status_words"] = _status_words
env.globals["reason_words"] = _reason_words
env.globals["payload_text"] = _payload_text
env.globals["payload_key"] = _payload_key
env.globals["relation_word"] = relation_word
env.filters["number"] = _number
env.filters["sentence"] = _sentence
env.globals["label"] = label
env.globals["word"] = word
# a word said as its noun's gender asks: _(in_context("feminine", "any")) for a side, "будь-яка"
env.globals["in_context"] = in_context
env.filters["when"] = _when
env.filters["day_first"] = _day_first
env.filters["compared_values"] = _compared_values


def render(
    request: Request,
    template: str,
    caller: Caller | None = None,
    *,
    status_code: int = 200,
    **context: Any,
) -> Response:
    lang = caller.lang if caller else language_of(request)
    return templates.TemplateResponse(
        request,
        template,
        {
            "_": translator(lang),
            "ngettext": plural_translator(lang),
            "known": _known(lang),
            "lang": lang,
            "caller": caller,
            "csrf_token": caller.csrf_token if caller else request.state.anon_csrf,
            "partial": request.headers.get("hx-request") == "true",
            **context,
        },
        status_code=status_code,
    )
