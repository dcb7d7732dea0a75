"""The statistics page: every counted figure as a chart drawn on the server (SVG) with its table
beside it, the estimate of those on no list, and each table as CSV (public: small cells
suppressed). Aggregates only, yet a read of the whole register: each view and each download is
audited."""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.errors import InvalidInput
from homeward.i18n import translator
from homeward.imports.export import guard
from homeward.stats import charts
from homeward.stats.charts import Spec
from homeward.stats.service import (
    read_register,
    register_capture_histories,
)
from homeward.stats.summary import Figures, count_figures
from homeward.stats.tables import TOTAL, CountTable
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
# the tables shown, in the page's order, each with its chart
SHOWN = (
    "status_series_own",
    "returned_by_month",
    "time_in_captivity",
    "deaths_by_year",
    "incommunicado",
    "status_by_region",
    "status_by_branch",
    "status_by_unit",
    "returned_per_exchange",
    "status_series_adversary",
    "captures_per_week",
    "prisoners_by_rank_category",
    "prisoners_by_service_route",
    "prisoners_by_age_band",
    "prisoners_by_citizenship",
    "prisoners_by_coercion",
)
DASHBOARD = ("status_series_own", "returned_by_month", "captures_per_week")


class Words:
    """The words of one language for the figures' codes."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.translate = translator(lang)

    def __call__(self, code: str) -> str:
        if code in WORDS:
            return self.translate(WORDS[code])
        if code in LABELS:
            return self.translate(LABELS[code])
        for pattern, template in SPANS:
            found = pattern.match(code)
            if found:
                return self.translate(
                    template, **{k: self(v) for k, v in found.groupdict().items()}
                )
        return code  # a month, a week, a region's or a unit's own name

    def names(self, table: CountTable) -> dict[str, str]:
        return {code: self(code) for code in (*table.columns, *table.rows, TOTAL)}


@dataclass(frozen=True)
class Shown:
    """A chart with its table: the table's header and lines in the page's language."""

    name: str
    title: str
    svg: Markup
    header: list[str]
    lines: list[list[Any]]  # a label, then numbers (or "<5"/"x" when public)


@dataclass(frozen=True)
class EstimateShown:
    observed: int
    estimate: int | None
    low: int | None
    high: int | None  # None: no finite upper bound
    lists: list[str]
    interactions: list[tuple[str, str]]
    reason: str | None
    svg: Markup | None


@dataclass(frozen=True)
class StatsPage:
    on: date
    headline: dict[str, Any]
    peaks: list[tuple[str, int]]
    shown: list[Shown]
    estimate: EstimateShown | None


def _day(text: str | None, today: date) -> date:
    if not text:
        return today
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput("on", "%(text)s is not a date", text=repr(text)) from None


def figures_on(session: Session, actor: Actor, on: date, incommunicado_days: int) -> Figures:
    actor.require(Permission.EXPORT)
    rows = read_register(session, actor=actor)
    return count_figures(rows, on=on, today=date.today(), incommunicado_days=incommunicado_days)


def chart_of(figures: Figures, name: str, words: Words) -> Spec:
    """The chart of one table, its words in the page's language."""
    table = figures.table(name)
    names = words.names(table)
    title = words(name)
    if name == "status_series_own":
        spec = charts.status_series_chart(figures.series, title=title, names=names)
    elif name == "status_series_adversary":
        spec = charts.status_series_chart(figures.custody_series, title=title, names=names)
    elif name in ("returned_by_month", "returned_per_exchange"):
        spec = charts.returned_chart(table, title=title, names=names)
    elif name == "captures_per_week":
        spec = charts.weekly_bars(table, title=title)
    else:
        horizontal = name.startswith(("status_by_", "prisoners_by_")) or name == "time_in_captivity"
        top = charts.UNITS_SHOWN if name == "status_by_unit" else None
        spec = charts.stacked_bars(table, title=title, names=names, horizontal=horizontal, top=top)
    return charts.relabel(spec, words)


def svg_of(spec: Spec, lang: str) -> Markup:
    from homeward.stats import render  # vl-convert: slow to load

    # vl-convert writes the SVG from the spec's data: text it draws is escaped by it
    return Markup(render.to_svg(spec, lang="uk" if lang == "uk" else "en"))  # noqa: S704


def shown_table(
    table: CountTable, words: Words, *, public: bool = False
) -> tuple[list[str], list[list[Any]]]:
    header = [words(code) for code in table.header()]
    lines = [
        [words(label), *line]
        for label, line in zip(table.labels(), table.grid(public=public), strict=True)
    ]
    return header, lines


def statistics_page(
    session: Session,
    actor: Actor,
    incommunicado_days: int,
    *,
    on: str | None,
    lang: str,
    names: tuple[str, ...] = SHOWN,
    estimate: bool = True,
) -> StatsPage:
    """The figures of one day, each chart with its table; audited as a view of the statistics."""
    actor.require(Permission.EXPORT)
    day = _day(on, date.today())
    figures = figures_on(session, actor, day, incommunicado_days)
    words = Words(lang)
    shown = []
    for name in names:
        header, lines = shown_table(figures.table(name), words)
        svg = svg_of(chart_of(figures, name, words), lang)
        shown.append(Shown(name, words(name), svg, header, lines))
    found = _estimate(session, actor, day, lang) if estimate else None
    audit.log(
        session,
        actor,
        AuditAction.VIEW_STATISTICS,
        detail={"on": day.isoformat(), "tables": len(shown)},
    )
    return StatsPage(
        on=day,
        headline=figures.headline.to_json(),
        peaks=list(figures.capture_peaks),
        shown=shown,
        estimate=found,
    )


def _estimate(session: Session, actor: Actor, day: date, lang: str) -> EstimateShown:
    from homeward.stats.mse import estimate_population  # statsmodels: slow to load

    histories = register_capture_histories(session, actor=actor, on=day, today=date.today())
    found = estimate_population(histories["all"])
    svg = None
    low = high = total = None
    words = Words(lang)
    if found.estimate is not None and found.interval is not None:
        total = round(found.estimate)
        low = round(found.interval[0])
        high = None if math.isinf(found.interval[1]) else round(found.interval[1])
        spec = charts.estimate_chart(
            found, title=words.translate("Documented and estimated in total")
        )
        spec["title"].pop("subtitle", None)  # the page says it in words, in its language
        svg = svg_of(charts.relabel(spec, _EstimateWords(words)), lang)
    return EstimateShown(
        observed=found.observed,
        estimate=total,
        low=low,
        high=high,
        lists=[words(name) for name in found.lists],
        interactions=list(found.interactions),
        reason=found.reason,
        svg=svg,
    )


class _EstimateWords:
    def __init__(self, words: Words) -> None:
        self.words = words

    def __call__(self, code: str) -> str:
        known = {
            "documented": _("documented"),
            "estimated in total": _("estimated in total"),
        }
        return self.words.translate(known[code]) if code in known else self.words(code)


@dataclass(frozen=True)
class CsvFile:
    name: str
    content: bytes


def table_csv(
    session: Session,
    actor: Actor,
    incommunicado_days: int,
    *,
    name: str,
    on: str | None,
    public: bool,
) -> CsvFile:
    """One table as CSV (codes as in docs/statistics.md; public: small cells suppressed), cells
    guarded against formulas; audited as an export."""
    actor.require(Permission.EXPORT)
    day = _day(on, date.today())
    figures = figures_on(session, actor, day, incommunicado_days)
    names = [t.name for t in figures.all_tables()]
    if name not in names:
        raise InvalidInput(
            "table", "%(table)s is not one of %(value)s", table=repr(name), value=", ".join(names)
        )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(
        [guard(cell) for cell in line] for line in figures.table(name).csv_rows(public=public)
    )
    audit.log(
        session,
        actor,
        AuditAction.EXPORT,
        detail={"statistics": name, "on": day.isoformat(), "public": public},
    )
    suffix = "-public" if public else ""
    return CsvFile(f"{name}-{day:%Y%m%d}{suffix}.csv", out.getvalue().encode("utf-8"))
