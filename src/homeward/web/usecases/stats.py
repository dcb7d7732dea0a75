"""The statistics page: every counted figure as a chart drawn on the server (SVG) with its table
beside it, the estimate of those on no list, and each table as CSV (public: small cells
suppressed). Aggregates only, yet a read of the whole register: each view and each download is
audited."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from time import sleep
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor, Channel
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission, Role
from homeward.errors import InvalidInput
from homeward.imports.export import guard
from homeward.stats import charts
from homeward.stats.charts import Spec
from homeward.stats.histories import CaptureHistories
from homeward.stats.live import LiveFigures
from homeward.stats.series import check_day
from homeward.stats.summary import Figures
from homeward.stats.tables import CountTable
from homeward.stats.words import Words, _

if TYPE_CHECKING:
    from homeward.stats.mse import Estimate

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
    "exchanges_reconciled",
    "status_series_adversary",
    "captures_per_week",
    "prisoners_by_rank_category",
    "prisoners_by_service_route",
    "prisoners_by_age_band",
    "prisoners_by_citizenship",
    "prisoners_by_coercion",
)
DASHBOARD = ("status_series_own", "returned_by_month", "captures_per_week")


@dataclass(frozen=True)
class ChartLink:
    """A chart as its own request: the page names it by a key of its data, and the chart is
    drawn (once per key) when the browser asks for it, so the page itself is figures and
    tables. `narrow` is the same chart laid out for a phone's width."""

    wide: str
    narrow: str


@dataclass(frozen=True)
class Shown:
    """A chart with its table: the table's header and lines in the page's language."""

    name: str
    title: str
    chart: ChartLink
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
    chart: ChartLink | None


@dataclass(frozen=True)
class StratumShown:
    """The estimate of one year of disappearance or one region, or why there is none."""

    by: str  # "year" or "region"
    label: str
    observed: int
    estimate: int | None
    low: int | None
    high: int | None  # None: no finite upper bound (or no estimate)
    reason: str | None


@dataclass(frozen=True)
class StatsPage:
    on: date
    headline: dict[str, Any]
    peaks: list[tuple[str, int]]
    shown: list[Shown]
    estimate: EstimateShown | None
    strata: list[StratumShown] = field(default_factory=list)


def _day(text: str | None, today: date) -> date:
    if not text:
        return today
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput("on", "%(text)s is not a date", text=repr(text)) from None


# The figures of a day, kept up to date with the register (homeward.stats.live): counting them
# afresh on 100,000 persons takes seconds, so after the first view only the persons who changed
# are counted again. A few days at most are kept (today's, and a day asked for).
_LIVE: dict[tuple[str, date, int], LiveFigures] = {}  # by database, day, threshold
LIVE_MOST = 2
_LIVE_LOCK = threading.Lock()
# the estimates of those on no list, by the capture histories they are made from: most changes
# to the register leave them as they were
_ESTIMATED: dict[tuple[Any, ...], Estimate] = {}
_STRATA: dict[tuple[Any, ...], Estimate] = {}  # one stratum's, by its histories
ESTIMATED_MOST = 8
STRATA_MOST = 512
# a year or a region with fewer documented persons gets no estimate (docs/statistics.md)
MIN_DOCUMENTED = 50
FEW = _("fewer than %(least)s documented: too few to estimate from")
# a year or a region whose persons are all on no list (a stratum of the register all the same):
# nothing to estimate from, and "at least 0 documented" would say nothing
ON_NO_LIST = _("no list covers it")


def live_figures(session: Session, day: date, incommunicado_days: int) -> LiveFigures:
    key = (session.connection().engine.url.render_as_string(), day, incommunicado_days)
    with _LIVE_LOCK:
        found = _LIVE.get(key)
        if found is None:
            if len(_LIVE) >= LIVE_MOST:
                _LIVE.pop(next(iter(_LIVE)))  # the oldest
            found = _LIVE[key] = LiveFigures(
                on=day, today=date.today(), incommunicado_days=incommunicado_days
            )
        return found


WARM_UP = Actor("statistics warm-up", Channel.CLI, role=Role.ANALYST)
_log = logging.getLogger(__name__)


def warm_once(sessions: Callable[[], Session], incommunicado_days: int) -> None:
    """Count today's figures and estimates (aggregates: nothing is shown, nothing audited)."""
    with sessions() as session:
        strata_estimates(session, WARM_UP, date.today(), incommunicado_days)  # counts first
        session.rollback()


def keep_warm(sessions: Callable[[], Session], incommunicado_days: int) -> None:
    """Count today's figures now and again a minute after each midnight, for ever (a daemon
    thread's work): the first view of a day then finds them counted, and keeps them up to date
    from there. A failure is logged and tried again the next day."""
    while True:
        try:
            warm_once(sessions, incommunicado_days)
        except Exception:  # a warm-up must never take the worker down
            _log.exception("the day's statistics could not be counted in advance")
        now = datetime.now()
        tomorrow = datetime.combine(now.date() + timedelta(days=1), time(0, 1))
        sleep((tomorrow - now).total_seconds())


def counted(
    session: Session, actor: Actor, on: date, incommunicado_days: int
) -> tuple[Figures, Estimate, tuple[Any, ...]]:
    """Every figure of `on`, the estimate of those on no list, and the state of the register
    they were counted from."""
    from homeward.stats.mse import estimate_population  # statsmodels: slow to load

    check_day(on, today=date.today())
    live = live_figures(session, on, incommunicado_days)
    figures = live.refresh(session, actor=actor)
    assert figures.histories is not None  # the tally finds them
    key = _histories_key(figures.histories)
    found = _ESTIMATED.get(key)
    if found is None:
        found = estimate_population(figures.histories)
        if len(_ESTIMATED) >= ESTIMATED_MOST:
            _ESTIMATED.clear()
        _ESTIMATED[key] = found
    return figures, found, (on, incommunicado_days, id(live), live.generation)


def _histories_key(histories: CaptureHistories) -> tuple[Any, ...]:
    return (histories.lists, tuple(sorted(histories.counts.items())))


def strata_estimates(
    session: Session, actor: Actor, on: date, incommunicado_days: int
) -> dict[str, dict[str, Estimate]]:
    """The estimate of those on no list for each year of disappearance and each region where
    at least MIN_DOCUMENTED are documented (no estimate elsewhere)."""
    from homeward.stats.loglinear import Reason
    from homeward.stats.mse import LEVEL, Estimate, IntervalMethod, estimate_population

    figures, _, _ = counted(session, actor, on, incommunicado_days)
    found: dict[str, dict[str, Estimate]] = {}
    for by, groups in figures.strata.items():
        found[by] = {}
        for label, histories in groups.items():
            # each stratum's by its own histories: a change to the register refits only the
            # strata whose histories it changed
            key = (histories.origin, _histories_key(histories), MIN_DOCUMENTED)
            estimate = _STRATA.get(key)
            if estimate is None:
                if histories.observed >= MIN_DOCUMENTED:
                    estimate = estimate_population(histories)
                else:
                    estimate = Estimate(
                        lists=histories.lists,
                        observed=histories.observed,
                        estimate=None,
                        interval=None,
                        level=LEVEL,
                        method=IntervalMethod.PROFILE,
                        origin=histories.origin,
                        reason=Reason("on_no_list", ON_NO_LIST)
                        if histories.observed == 0
                        else Reason("too_few_documented", FEW, least=MIN_DOCUMENTED),
                    )
                if len(_STRATA) >= STRATA_MOST:
                    _STRATA.clear()
                _STRATA[key] = estimate
            found[by][label] = estimate
    return found


def _strata_shown(estimates: dict[str, dict[str, Estimate]], words: Words) -> list[StratumShown]:
    shown = []
    for by, groups in estimates.items():
        for label, found in groups.items():
            reason = None if found.reason is None else words.translate(found.reason)
            estimate = low = high = None
            if found.estimate is not None and found.interval is not None:
                estimate, low = round(found.estimate), round(found.interval[0])
                high = None if math.isinf(found.interval[1]) else round(found.interval[1])
            shown.append(
                StratumShown(by, words(label), found.observed, estimate, low, high, reason)
            )
    return shown


def figures_on(session: Session, actor: Actor, on: date, incommunicado_days: int) -> Figures:
    actor.require(Permission.EXPORT)
    return counted(session, actor, on, incommunicado_days)[0]


# Charts already drawn, by a key of what they are drawn from (the spec, its data inline, and the
# language): drawing one takes vl-convert a few tenths of a second, holding the interpreter's
# lock all along (so drawing them in threads gains nothing), while the figures take far less.
# The page only links each chart by its key; a chart is drawn when the browser asks for it,
# and a chart whose data did not change is not drawn again after the register changed.
_DRAWN: dict[str, tuple[str, Markup]] = {}  # key -> the chart's name, its drawing
DRAWN_MOST = 256
# the specs the pages named, by key, until drawn: the chart's request then draws without asking
# the database anything (the register's state is a few scans of the persons' table)
_NAMED: dict[str, tuple[str, Spec, str, bool]] = {}
CHARTED = (*SHOWN, "estimate")


def chart_key(name: str, spec: Spec, lang: str, narrow: bool) -> str:
    """The key of one drawing: its chart's name (so that a key answers only under its own name,
    and the permission asked is that name's), spec, language and width."""
    text = json.dumps([name, spec, lang, narrow], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def chart_link(name: str, day: date, lang: str, spec: Spec) -> ChartLink:
    def url(narrow: bool) -> str:
        key = chart_key(name, spec, lang, narrow)
        if key not in _DRAWN:
            if len(_NAMED) >= DRAWN_MOST:
                _NAMED.clear()
            _NAMED[key] = (name, spec, lang, narrow)
        wide_or_narrow = "&narrow=1" if narrow else ""
        return f"/stats/chart/{name}.svg?on={day.isoformat()}&lang={lang}{wide_or_narrow}&k={key}"

    return ChartLink(url(False), url(True))


def drawn(name: str, spec: Spec, lang: str, *, narrow: bool = False) -> tuple[str, Markup]:
    """The chart of `spec` as SVG, drawn once per key; with its key."""
    key = chart_key(name, spec, lang, narrow)
    found = _DRAWN.get(key)
    if found is not None:
        return key, found[1]
    svg = svg_of(charts.for_phone(spec) if narrow else spec, lang)
    if len(_DRAWN) >= DRAWN_MOST:
        _DRAWN.clear()
    _DRAWN[key] = (name, svg)
    return key, svg


def svg_of(spec: Spec, lang: str) -> Markup:
    from homeward.stats import render  # vl-convert: slow to load

    # vl-convert writes the SVG from the spec's data: text it draws is escaped by it
    return Markup(render.to_svg(spec, lang="uk" if lang == "uk" else "en"))  # noqa: S704


def _spec(figures: Figures, found: Estimate, name: str, words: Words) -> Spec | None:
    """The chart of one table, or of the estimate (None: no estimate to draw)."""
    if name != "estimate":
        return charts.chart_of(figures, name, words)
    if found.estimate is None or found.interval is None:
        return None
    spec = charts.estimate_chart(found, title=words.translate("Documented and estimated in total"))
    spec["title"].pop("subtitle", None)  # the page says it in words, in its language
    return charts.relabel(spec, _EstimateWords(words))


@dataclass(frozen=True)
class ChartFile:
    svg: str
    key: str  # the key of what was drawn: the one asked for, unless the register changed since


def chart_svg(
    session: Session,
    actor: Actor,
    incommunicado_days: int,
    *,
    name: str,
    on: str | None,
    lang: str,
    narrow: bool,
    key: str,
) -> ChartFile:
    """One chart of the page (or of the dashboard) as SVG: from those drawn by its key, or
    drawn from the figures of the day. Aggregates only; the page that links it is audited."""
    if name not in CHARTED:
        raise InvalidInput(
            "chart", "%(table)s is not one of %(value)s", table=repr(name), value=", ".join(CHARTED)
        )
    actor.require(Permission.READ if name in DASHBOARD else Permission.EXPORT)
    lang = "uk" if lang == "uk" else "en"
    # a key answers only under the name it was made for (the permission asked is the name's)
    found = _DRAWN.get(key)
    if found is not None and found[0] == name:
        return ChartFile(str(found[1]), key)
    named = _NAMED.get(key)
    if named is not None and named[0] == name and named[2:] == (lang, narrow):
        drawn_key, svg = drawn(name, named[1], lang, narrow=narrow)
        _NAMED.pop(key, None)
        return ChartFile(str(svg), drawn_key)
    day = _day(on, date.today())
    figures, estimate, _ = counted(session, actor, day, incommunicado_days)
    spec = _spec(figures, estimate, name, Words(lang))
    if spec is None:
        raise InvalidInput("chart", "there is no estimate to draw")
    drawn_key, svg = drawn(name, spec, lang, narrow=narrow)
    return ChartFile(str(svg), drawn_key)


def shown_table(
    table: CountTable, words: Words, *, public: bool = False
) -> tuple[list[str], list[list[Any]]]:
    return words.table(table, public=public)


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
    figures, found, _ = counted(session, actor, day, incommunicado_days)
    words = Words(lang)
    shown = []
    for name in names:
        header, lines = shown_table(figures.table(name), words)
        link = chart_link(name, day, words.lang, charts.chart_of(figures, name, words))
        shown.append(Shown(name, words(name), link, header, lines))
    shown_estimate = _estimate(found, figures, words) if estimate else None
    strata = (
        _strata_shown(strata_estimates(session, actor, day, incommunicado_days), words)
        if estimate
        else []
    )
    audit.log(
        session,
        actor,
        AuditAction.VIEW_STATISTICS,
        detail={"on": day.isoformat(), "tables": len(shown)},
    )
    return StatsPage(
        on=day,
        headline=figures.headline.to_json(),
        peaks=[(words(week), count) for week, count in figures.capture_peaks],  # as the table
        shown=shown,
        estimate=shown_estimate,
        strata=strata,
    )


def _estimate(found: Estimate, figures: Figures, words: Words) -> EstimateShown:
    low = high = total = None
    link = None
    spec = _spec(figures, found, "estimate", words)
    if spec is not None and found.estimate is not None and found.interval is not None:
        total = round(found.estimate)
        low = round(found.interval[0])
        high = None if math.isinf(found.interval[1]) else round(found.interval[1])
        link = chart_link("estimate", figures.on, words.lang, spec)
    return EstimateShown(
        observed=found.observed,
        estimate=total,
        low=low,
        high=high,
        lists=[words(name) for name in found.lists],
        interactions=list(found.interactions),
        reason=None if found.reason is None else words.translate(found.reason),
        chart=link,
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
    """A file to download: a table as CSV, or the report as PDF."""

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


def estimate_csv(
    session: Session,
    actor: Actor,
    incommunicado_days: int,
    *,
    on: str | None,
    public: bool,
    lang: str,
) -> CsvFile:
    """The estimate of those on no list, of the whole and of each year and region, as CSV
    (homeward.stats.estimate_table; the reasons in the reader's language; public: small
    numbers documented hidden), cells guarded against formulas; audited as an export."""
    from homeward.stats.estimate_table import estimate_rows

    actor.require(Permission.EXPORT)
    day = _day(on, date.today())
    _figures, whole, _ = counted(session, actor, day, incommunicado_days)
    strata = strata_estimates(session, actor, day, incommunicado_days)
    words = Words(lang)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(
        [guard(cell) for cell in line]
        for line in estimate_rows(whole, strata, translate=words.translate, public=public)
    )
    audit.log(
        session,
        actor,
        AuditAction.EXPORT,
        detail={"statistics": "estimate", "on": day.isoformat(), "public": public},
    )
    suffix = "-public" if public else ""
    return CsvFile(
        f"estimate-{day:%Y%m%d}-{words.lang}{suffix}.csv", out.getvalue().encode("utf-8")
    )


def report_file(
    session: Session,
    actor: Actor,
    incommunicado_days: int,
    *,
    on: str | None,
    public: bool,
    lang: str,
) -> CsvFile:
    """The printable report of one day (homeward.stats.report) as PDF; audited as an export."""
    from homeward.stats.report import report_pdf

    actor.require(Permission.EXPORT)
    day = _day(on, date.today())
    figures, estimate, _ = counted(session, actor, day, incommunicado_days)
    # the page's charts, drawn already when the page was seen, are the report's
    pdf = report_pdf(
        figures,
        estimate,
        lang=lang,
        public=public,
        draw=lambda name, spec, lang: drawn(name, spec, lang)[1],
    )
    audit.log(
        session,
        actor,
        AuditAction.EXPORT,
        detail={"statistics": "report", "on": day.isoformat(), "public": public, "lang": lang},
    )
    suffix = "-public" if public else ""
    return CsvFile(f"statistics-{day:%Y%m%d}-{lang}{suffix}.pdf", pdf)


@dataclass(frozen=True)
class DashboardChart:
    name: str
    title: str
    chart: ChartLink


def dashboard_charts(
    session: Session, actor: Actor, incommunicado_days: int, *, lang: str
) -> list[DashboardChart]:
    """The two or three charts that matter most (DASHBOARD); aggregates only, not audited."""
    actor.require(Permission.READ)
    today = date.today()
    figures, _, _ = counted(session, actor, today, incommunicado_days)
    words = Words(lang)
    return [
        DashboardChart(
            name,
            words(name),
            chart_link(name, today, words.lang, charts.chart_of(figures, name, words)),
        )
        for name in DASHBOARD
    ]
