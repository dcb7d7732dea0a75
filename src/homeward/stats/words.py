"""The words of the figures' codes (tables, rows, columns, bands) in the user's language, for the
statistics page and the printed report. Their definitions are in docs/statistics.md."""

from __future__ import annotations

import re
from typing import Any

from babel.numbers import format_decimal

from homeward.i18n import known_words, translator
from homeward.stats.tables import TOTAL, CountTable, Share
from homeward.web.labels import LABELS


def _(message: str) -> str:
    """Marks a word for the translation catalogue; the page translates it."""
    return message


# The words of the figures' tables and charts (their codes are in docs/statistics.md).
WORDS: dict[str, str] = {
    "status_series_own": _("Our people by status at the end of each month"),
    "status_series_adversary": _("Prisoners we hold by status at the end of each month"),
    "status_by_region": _("Our people by region of disappearance and status"),
    "status_by_branch": _("Our people by branch and status"),
    "status_by_unit": _("Our people by unit and status"),
    "returned_by_month": _("Returned, per month and in all"),
    "deaths_by_year": _("Deaths, in captivity or not known to have been captive"),
    "incommunicado": _("Captives without a letter, call or ICRC visit for too long"),
    "time_in_captivity": _("Time in captivity: returned, and still held so far"),
    "captures_per_week": _("Prisoners captured by our side, per week"),
    "status_own": _("Our people by status"),
    "status_adversary": _("Prisoners we hold by status"),
    "returned_per_exchange": _("Returned, per exchange and in all"),
    "exchanges_reconciled": _("Returned per exchange, as its roster was reconciled"),
    "prisoners_by_rank_category": _("Prisoners we hold by rank category"),
    "prisoners_by_service_route": _("Prisoners we hold by how they came to serve"),
    "prisoners_by_age_band": _("Prisoners we hold by age"),
    "prisoners_by_citizenship": _("Prisoners we hold by citizenship"),
    "prisoners_by_coercion": _("Prisoners we hold who reported coercion or deception into service"),
    # row headers and columns
    "month_end": _("month end"),
    "month": _("month"),
    "year": _("year"),
    "week": _("week"),
    "region": _("region"),
    "branch": _("branch"),
    "unit": _("unit"),
    "status": _("status"),
    "persons": _("persons"),
    "captures": _("captures"),
    "without_contact": _("without contact"),
    TOTAL: _("total"),
    "unknown": _("unknown"),
    "week unknown": _("week unknown"),
    "confirmed_before_return": _("confirmed captive before return"),
    "never_confirmed_before_return": _("never confirmed before return"),
    "never_confirmed_before_return_share": _("share never confirmed before return"),
    "in_captivity": _("died in captivity"),
    "not_known_captive": _("not known to have been captive"),
    "still_held": _("still held"),
    "returned in all": _("returned in all"),
    "exchange": _("exchange (day of return)"),
    "day not known": _("day not known"),
    "held_now": _("held now"),
    "no_longer_held": _("no longer held"),
    "rank_category": _("rank category"),
    "service_route": _("how he came to serve"),
    "age_band": _("age"),
    "citizenship": _("citizenship"),
    "coercion": _("coercion or deception"),
    "rank_and_file": _("rank and file"),
    "sergeant": _("sergeants"),
    "officer": _("officers"),
    "contract": _("contract"),
    "contract_prison": _("contract, recruited from a prison"),
    "contract_pmc": _("contract, private military company"),
    "mobilised": _("mobilised"),
    "conscript": _("conscript"),
    "reported": _("reported"),
    "not_reported": _("not reported"),
    "under 18": _("under 18"),
    "18-24": _("18-24"),
    "25-34": _("25-34"),
    "35-44": _("35-44"),
    "45-54": _("45-54"),
    "55 or older": _("55 or older"),
    # the register's lists (homeward.stats.lists)
    "relatives": _("letters and calls from captivity"),
    "icrc": _("ICRC"),
    "captor": _("the captor's lists"),
    "media": _("media and courts"),
    "testimonies": _("returnees' testimonies"),
    "returns": _("exchange rosters and releases"),
    # bands of silence and of time in captivity
    "up to 6 months": _("up to 6 months"),
    "6-12 months": _("6-12 months"),
    "1-2 years": _("1-2 years"),
    "over 2 years": _("over 2 years"),
    "under 3 months": _("under 3 months"),
    "3-6 months": _("3-6 months"),
    "2-3 years": _("2-3 years"),
    "3 years or more": _("3 years or more"),
    "0": _("0"),
    "3 months": _("3 months"),
    "6 months": _("6 months"),
    "1 year": _("1 year"),
    "2 years": _("2 years"),
    "3 years": _("3 years"),
}
# spans of bands (homeward.stats.captivity): the bounds are words of WORDS
SPANS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^at least (?P<low>.+) \(start unknown\)$"),
        _("at least %(low)s (start unknown)"),
    ),
    (re.compile(r"^unknown \(start unknown\)$"), _("unknown (start unknown)")),
    (re.compile(r"^(?P<low>.+) or more$"), _("%(low)s or more")),
    (re.compile(r"^between (?P<low>.+) and (?P<high>.+)$"), _("between %(low)s and %(high)s")),
)


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?", re.ASCII)


class Words:
    """The words of one language for the figures' codes."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.translate = translator(lang)
        self.known = known_words(lang)

    def __call__(self, code: str) -> str:
        if code in WORDS:
            return self.translate(WORDS[code])
        if code in LABELS:
            # a status heads a column or a band of many persons: "Повернулися", not the one
            # person's "Повернувся"; the catalogue keeps those as "<label> (of a group)"
            group = f"{LABELS[code]} (of a group)"
            said = self.known(group)
            return said if said != group else self.translate(LABELS[code])
        for pattern, template in SPANS:
            found = pattern.match(code)
            if found:
                return self.translate(
                    template, **{k: self(v) for k, v in found.groupdict().items()}
                )
        day = _ISO_DAY.fullmatch(code)
        if day:  # a month or a day, written as the pages write dates: day first
            year, month, of_month = day.groups()
            return f"{of_month}.{month}.{year}" if of_month else f"{month}.{year}"
        return code  # a week, a region's or a unit's own name

    def percent(self, share: Share) -> str:
        """A share as a percentage to one decimal ("33,3 %" in Ukrainian); a hidden share as
        it is published ("x"); none (a share of nothing) as empty."""
        if share is None:
            return ""
        if isinstance(share, str):
            return share
        locale = "uk_UA" if self.lang == "uk" else "en_GB"
        return f"{format_decimal(round(share * 100, 1), locale=locale)} %"

    def table(self, table: CountTable, *, public: bool) -> tuple[list[str], list[list[Any]]]:
        """A table's header and lines in this language, its share (if any) as percentages."""
        header, lines = table.exported(public=public)
        shares = table.share_code() is not None
        return [self(code) for code in header], [
            [self(line[0]), *line[1:-1], self.percent(line[-1])]
            if shares
            else [self(line[0]), *line[1:]]
            for line in lines
        ]

    def names(self, table: CountTable) -> dict[str, str]:
        return {code: self(code) for code in (*table.columns, *table.rows, TOTAL)}
