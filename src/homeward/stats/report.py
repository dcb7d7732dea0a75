"""The printed statistics report (PDF, Ukrainian or English, through homeward.documents): the
figures of one day, each chart with its table and its definition, the estimate of those on no
list with its assumptions, and the caveats. Public: disclosure control on every table and number,
and a chart only where its table hides nothing (a chart would draw the hidden counts)."""

from __future__ import annotations

import base64
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from homeward.documents import render_pdf
from homeward.stats.charts import Spec, chart_of
from homeward.stats.disclosure import SMALL, THRESHOLD, WITHHELD
from homeward.stats.regions import UNKNOWN
from homeward.stats.summary import Figures
from homeward.stats.tables import CountTable
from homeward.stats.words import Words, _

if TYPE_CHECKING:
    from homeward.stats.mse import Estimate

# The tables of the report, in its order, each with its definition (docs/statistics.md in
# short; the document's language is the translator's).
DEFINITIONS: dict[str, str] = {
    "status_series_own": _(
        "Our people by the status the rules derive from the evidence the register had received "
        "by the last day of each month, from February 2022."
    ),
    "returned_by_month": _(
        "Our people returned, by the month of their last return; confirmed captive before it "
        "means an ICRC notification or visit, or the captor's acknowledgment, dated before the "
        "return. The line is the running total."
    ),
    "returned_per_exchange": _(
        "The same per exchange: under its name for those who came back on the roster of an "
        "exchange reconciled in the register, that day; by the day of return for the others "
        "(the returns of one day are one exchange). Returns dated only to a month or a year "
        "are counted apart."
    ),
    "exchanges_reconciled": _(
        "Each exchange whose roster of our returnees was reconciled, as the reconciliation "
        "found them: confirmed captive before the return, or never (an unknown returnee was "
        "never confirmed)."
    ),
    "time_in_captivity": _(
        "From the day of disappearance to the return, or to the day of the figures for those "
        "still held. Partial dates give a range, never a guessed day: a person whose range "
        "spans two bands is shown in the span."
    ),
    "deaths_by_year": _(
        "Our dead by the year of death: in captivity when a sign of captivity is dated no "
        "later than the death."
    ),
    "incommunicado": _(
        "Captives flagged incommunicado (no letter, call or ICRC visit for too long), by how "
        "long they have been silent."
    ),
    "status_by_region": _(
        "Our people by the region their place of disappearance names; a place that names no "
        "region is unknown."
    ),
    "status_by_branch": _("Our people by the branch recorded on them; unknown where none is."),
    "status_by_unit": _(
        "Our people by the unit recorded on them; the chart shows the largest units, the table "
        "all of them."
    ),
    "status_series_adversary": _(
        "The prisoners our side holds, by status at the end of each month."
    ),
    "captures_per_week": _(
        "Prisoners captured or recaptured by our side, by the week of capture (weeks begin on "
        "Monday)."
    ),
    "prisoners_by_rank_category": _(
        "The prisoners we hold and have held, by what they said at their latest interview by "
        "the day; held now is in custody or in hospital. No interview or no answer is unknown."
    ),
    "prisoners_by_service_route": _("The same, by how they came to serve."),
    "prisoners_by_age_band": _(
        "The same, by age on the day, read from the latest day a partial date of birth allows."
    ),
    "prisoners_by_citizenship": _(
        "The same, by citizenship; foreigners are citizens of a state other than the Power "
        "they serve."
    ),
    "prisoners_by_coercion": _(
        "The same, by whether they reported being coerced or deceived into service."
    ),
}


# A chart drawn as SVG from its name, its spec and a language: vl-convert by default; the web
# application passes its own, which keeps what it has drawn.
Draw = Callable[[str, Spec, str], str]
# The report's unit table: the largest units, then the others summed in one line (the page and
# the CSV have every unit; a table of hundreds of lines is unreadable on paper and takes most of
# the time to lay out).
UNITS_PRINTED = 25
OTHER_UNITS = _("other units")


def _draw(name: str, spec: Spec, lang: str) -> str:
    from homeward.stats import render  # vl-convert: slow to load

    return render.to_svg(spec, lang="uk" if lang == "uk" else "en")


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    definition: str
    chart: str | None  # an SVG as a data URI (vector: sharp at any print size); None: left out
    left_out: bool  # public, and the table hides a cell: no chart
    header: list[str]
    lines: list[list[Any]]


def sections(figures: Figures, *, lang: str, public: bool, draw: Draw = _draw) -> list[Section]:
    words = Words(lang)
    found = []
    for name, definition in DEFINITIONS.items():
        table = figures.table(name)
        grid = table.grid(public=public)
        hides = any(cell in (SMALL, WITHHELD) for line in grid for cell in line)
        chart = None
        if not (public and hides):
            svg = draw(name, chart_of(figures, name, words), lang).encode("utf-8")
            chart = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
        labels = [words(label) for label in table.labels()]
        if name == "status_by_unit" and len(grid) > UNITS_PRINTED + 2:
            labels, grid = _largest_units(table, labels, grid, words, public=public)
        header = [words(code) for code in table.header()]
        lines = [[label, *line] for label, line in zip(labels, grid, strict=True)]
        if table.share_code() is not None:  # the share as a percentage, after the counts
            header, lines = words.table(table, public=public)
        found.append(
            Section(
                name=name,
                title=words(name),
                definition=words.translate(definition),
                chart=chart,
                left_out=public and hides,
                header=header,
                lines=lines,
            )
        )
    return found


def _largest_units(
    table: CountTable, labels: list[str], grid: list[list[Any]], words: Words, *, public: bool
) -> tuple[list[str], list[list[Any]]]:
    """The UNITS_PRINTED units with most persons (the table's own order), then one line summing
    the others, then the table's totals. Public, the others' line is withheld whole when the
    table hides any cell (with the totals it could give a hidden count away), and its counts
    from 1 to 4 are "<5" otherwise; the printed cells are those of the full public table."""
    units = len(table.rows)  # the lines after them are the totals
    # unknown is a category of its own, never summed away (it is the table's last unit)
    last = units - 1 if table.rows[-1] == UNKNOWN else units
    rest = table.counts[UNITS_PRINTED:last]
    summed = [sum(column) for column in zip(*rest, strict=True)]
    if table.row_totals:
        summed.append(sum(summed))
    other: list[Any] = [SMALL if public and 0 < n < THRESHOLD else n for n in summed]
    if public and any(cell in (SMALL, WITHHELD) for line in grid for cell in line):
        other = [WITHHELD] * len(summed)
    kept = [*labels[:UNITS_PRINTED], words.translate(OTHER_UNITS), *labels[last:]]
    return kept, [*grid[:UNITS_PRINTED], other, *grid[last:]]


def estimate_context(estimate: Estimate | None, words: Words) -> dict[str, Any] | None:
    """The estimate's numbers for the template, and why there is none (in the report's
    language) when there is none."""
    if estimate is None:
        return None
    if estimate.estimate is None or estimate.interval is None:
        reason = None if estimate.reason is None else words.translate(estimate.reason)
        return {
            "observed": estimate.observed,
            "estimate": None,
            "low": None,
            "high": None,
            "reason": reason,
        }
    high = estimate.interval[1]
    return {
        "observed": estimate.observed,
        "estimate": round(estimate.estimate),
        "low": round(estimate.interval[0]),
        "high": None if math.isinf(high) else round(high),
    }


def report_pdf(
    figures: Figures, estimate: Estimate | None, *, lang: str, public: bool, draw: Draw = _draw
) -> bytes:
    """The report of `figures` (and `estimate`, None to leave it out) as PDF bytes."""
    headline = figures.headline.to_json(public=public)
    context = {
        "on": figures.on,
        "public": public,
        "headline": headline,
        "estimate": estimate_context(estimate, Words(lang)),
        "share": Words(lang).percent(headline["never_confirmed_share"]),
        "lists": [Words(lang)(name) for name in estimate.lists] if estimate else [],
        "sections": sections(figures, lang=lang, public=public, draw=draw),
        # each week as its table's line writes it (the day it begins, day first)
        "peaks": [] if public else [(Words(lang)(w), n) for w, n in figures.capture_peaks],
    }
    return render_pdf("stats/report.html", context, lang=lang, restricted=not public)
