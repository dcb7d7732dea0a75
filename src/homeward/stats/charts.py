"""Vega-Lite specifications of the figures' charts. Pure: dicts in, dicts out, data inline.

The specs carry their data with them (no URL to fetch) and are rendered on the server
(render.py); no JavaScript reaches a browser. Labels are English by default; the caller passes
`names` (category -> label) and `title` in the user's language.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from homeward.stats.series import StatusSeries
from homeward.stats.summary import Figures
from homeward.stats.tables import CountTable
from homeward.stats.words import Words

if TYPE_CHECKING:
    from homeward.stats.mse import Estimate

Spec = dict[str, Any]
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"  # an identifier; never fetched
WIDTH, HEIGHT = 640, 280
UNITS_SHOWN = 15  # the units with most persons; the table beside the chart has them all

# One colour per status, the same in every chart (colour-blind safe, Okabe-Ito).
STATUS_COLOURS: dict[str, str] = {
    "no_information": "#bbbbbb",
    "missing": "#e69f00",
    "captivity_possible": "#f0e442",
    "captivity_confirmed": "#d55e00",
    "returned": "#009e73",
    "deceased": "#000000",
    "in_custody": "#0072b2",
    "hospitalised": "#56b4e9",
    "transferred": "#cc79a7",
    "repatriated": "#009e73",
    "released": "#999933",
    "escaped": "#882255",
}
PAIR = ("#0072b2", "#e69f00")
NAMES: dict[str, str] = {
    "no_information": "no information",
    "missing": "missing",
    "captivity_possible": "captivity possible",
    "captivity_confirmed": "captivity confirmed",
    "returned": "returned",
    "deceased": "deceased",
    "in_custody": "in custody",
    "hospitalised": "in hospital",
    "transferred": "transferred",
    "repatriated": "repatriated",
    "released": "released",
    "escaped": "escaped",
    "confirmed_before_return": "confirmed captive before return",
    "never_confirmed_before_return": "never confirmed before return",
    "in_captivity": "died in captivity",
    "not_known_captive": "not known to have been captive",
    "still_held": "still held",
    "captures": "captures",
}


def _base(title: str, data: list[dict[str, Any]]) -> Spec:
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "anchor": "start"},
        "width": WIDTH,
        "height": HEIGHT,
        "data": {"values": data},
        "config": {
            "font": "DejaVu Sans, Arial, sans-serif",
            "view": {"stroke": None},
            "legend": {"labelLimit": 320},  # long category names in full
            # a label that would overlap the one before, or come within 6 px of it, is left out
            # (a month or an exchange of every few, not a block of ink; "1 000" and "1 100" apart
            # in Ukrainian); a long exchange's name cut short
            "axisX": {"labelOverlap": "parity", "labelSeparation": 6, "labelLimit": 160},
            # the categories of bars across in full where the drawing is wide ("at least 3
            # months (start unknown)" was cut at 180 px)
            "axisY": {"labelLimit": 260},
        },
    }


def _colour_scale(categories: list[str], names: Mapping[str, str]) -> dict[str, Any]:
    """Statuses keep their colour everywhere; two other categories get the pair; more get
    Vega-Lite's own scheme."""
    scale: dict[str, Any] = {"domain": [names.get(c, c) for c in categories]}
    if all(c in STATUS_COLOURS for c in categories):
        scale["range"] = [STATUS_COLOURS[c] for c in categories]
    elif len(categories) <= len(PAIR):
        scale["range"] = list(PAIR[: len(categories)])
    return scale


def _records(
    table: CountTable, names: Mapping[str, str], rows: tuple[str, ...]
) -> list[dict[str, Any]]:
    return [
        {
            "row": row,
            "category": names.get(column, column),
            "count": table.count(row, column),
            "order": i,
        }
        for row in rows
        for i, column in enumerate(table.columns)
    ]


def status_series_chart(
    series: StatusSeries, *, title: str | None = None, names: Mapping[str, str] = NAMES
) -> Spec:
    """Persons by status at the end of each month: stacked areas, the ladder bottom to top."""
    statuses = [s.value for s in series.statuses]
    data = [
        {
            "month": day.isoformat(),
            "category": names.get(s, s),
            "count": series.counts[i][d],
            "order": i,
        }
        for d, day in enumerate(series.days)
        for i, s in enumerate(statuses)
    ]
    spec = _base(title or "Persons by status at the end of each month", data)
    spec["mark"] = {"type": "area"}
    spec["encoding"] = {
        "x": {"field": "month", "type": "temporal", "title": None, "axis": {"format": "%m.%Y"}},
        "y": {"field": "count", "type": "quantitative", "stack": "zero", "title": "persons"},
        "color": {
            "field": "category",
            "type": "nominal",
            "scale": _colour_scale(statuses, names),
            "title": None,
            "sort": [names.get(s, s) for s in statuses],
        },
        "order": {"field": "order", "type": "quantitative"},
        "tooltip": [
            {"field": "month", "type": "temporal"},
            {"field": "category"},
            {"field": "count"},
        ],
    }
    return spec


def stacked_bars(
    table: CountTable,
    *,
    title: str | None = None,
    names: Mapping[str, str] = NAMES,
    horizontal: bool = False,
    top: int | None = None,
) -> Spec:
    """A table as stacked bars: one bar per row (the `top` largest, in the table's order), one
    colour per column."""
    rows = table.rows
    if top is not None and len(rows) > top:
        rows = tuple(sorted(rows, key=lambda r: -sum(table.counts[table.rows.index(r)]))[:top])
    spec = _base(title or table.title, _records(table, names, rows))
    category_axis = {"field": "row", "type": "nominal", "title": None, "sort": list(rows)}
    count_axis = {"field": "count", "type": "quantitative", "stack": "zero", "title": "persons"}
    spec["mark"] = {"type": "bar"}
    spec["encoding"] = {
        "x": count_axis if horizontal else category_axis,
        "y": category_axis if horizontal else count_axis,
        "color": {
            "field": "category",
            "type": "nominal",
            "scale": _colour_scale(list(table.columns), names),
            "title": None,
            "sort": [names.get(c, c) for c in table.columns],
        },
        "order": {"field": "order", "type": "quantitative"},
        "tooltip": [{"field": "row"}, {"field": "category"}, {"field": "count"}],
    }
    if horizontal:
        spec["height"] = max(HEIGHT, 18 * len(rows))
    return spec


def returned_chart(
    table: CountTable, *, title: str | None = None, names: Mapping[str, str] = NAMES
) -> Spec:
    """Returned per month (stacked: confirmed before return or never) and cumulatively (line)."""
    bars = stacked_bars(table, title=title or "Returned, per month and in all", names=names)
    totals = [sum(line) for line in table.counts]
    cumulative, running = [], 0
    for month, total in zip(table.rows, totals, strict=True):
        running += total
        cumulative.append({"row": month, "cumulative": running})
    layer_bars = {"mark": bars.pop("mark"), "encoding": bars.pop("encoding")}
    line = {
        "data": {"values": cumulative},
        "mark": {"type": "line", "point": True, "color": "#444444"},
        "encoding": {
            "x": {"field": "row", "type": "nominal", "sort": list(table.rows)},
            "y": {"field": "cumulative", "type": "quantitative", "title": "returned in all"},
        },
    }
    bars["layer"] = [layer_bars, line]
    bars["resolve"] = {"scale": {"y": "independent"}}
    return bars


def weekly_bars(table: CountTable, *, title: str | None = None) -> Spec:
    """Captures per week (dated weeks only)."""
    data = [
        {"week": row, "count": line[0]}
        for row, line in zip(table.rows, table.counts, strict=True)
        if row[:1].isdigit()
    ]
    spec = _base(title or table.title, data)
    spec["mark"] = {"type": "bar", "color": PAIR[0]}
    spec["encoding"] = {
        "x": {
            "field": "week",
            "type": "temporal",
            "timeUnit": "yearmonthdate",
            "title": None,
            "axis": {"format": "%m.%Y"},
        },
        "y": {"field": "count", "type": "quantitative", "title": "captures"},
        "tooltip": [{"field": "week", "type": "temporal"}, {"field": "count"}],
    }
    return spec


def estimate_chart(estimate: Estimate, *, title: str | None = None) -> Spec:
    """Documented and estimated in total, with the interval as a rule across the estimate (to
    the chart's edge when it has no finite upper bound)."""
    if estimate.estimate is None or estimate.interval is None:
        raise ValueError(f"no estimate to draw: {estimate.reason}")
    low, high = estimate.interval
    documented, total = estimate.observed, round(estimate.estimate)
    data = [
        {"what": "documented", "value": documented, "low": documented, "high": documented},
        {
            "what": "estimated in total",
            "value": total,
            "low": round(low),
            "high": None if math.isinf(high) else round(high),
        },
    ]
    spec = _base(title or "Documented and estimated in total", data)
    spec["height"] = 120
    spec["title"]["subtitle"] = estimate.sentence()
    axis = {"field": "what", "type": "nominal", "title": None, "sort": [d["what"] for d in data]}
    bar = {"field": "value", "type": "quantitative", "title": "persons"}
    spec["layer"] = [
        {"mark": {"type": "bar", "color": PAIR[0]}, "encoding": {"y": axis, "x": bar}},
        {
            "mark": {"type": "rule", "color": "#000000", "strokeWidth": 2},
            "encoding": {
                "y": axis,
                "x": {"field": "low", "type": "quantitative"},
                "x2": {"field": "high"},
            },
        },
    ]
    return spec


def figure_charts(figures: Figures) -> dict[str, Spec]:
    """The chart of every figure that has one, by the figure's name."""
    return {
        "status_series_own": status_series_chart(figures.series),
        "status_series_adversary": status_series_chart(
            figures.custody_series, title="Prisoners our side holds, by status"
        ),
        "status_by_region": stacked_bars(figures.table("status_by_region"), horizontal=True),
        "status_by_branch": stacked_bars(figures.table("status_by_branch"), horizontal=True),
        "status_by_unit": stacked_bars(
            figures.table("status_by_unit"), horizontal=True, top=UNITS_SHOWN
        ),
        "returned_by_month": returned_chart(figures.table("returned_by_month")),
        "deaths_by_year": stacked_bars(figures.table("deaths_by_year")),
        "incommunicado": stacked_bars(figures.table("incommunicado")),
        "time_in_captivity": stacked_bars(figures.table("time_in_captivity"), horizontal=True),
        "captures_per_week": weekly_bars(figures.table("captures_per_week")),
    }


def relabel(spec: Spec, words: Callable[[str], str]) -> Spec:
    """The spec with its axis titles, its rows' labels and their order in other words (a
    page's language): `words` maps an English word or a code to its label, or returns it."""

    def walk(value: Any, key: str | None = None) -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if isinstance(value, str) and key in ("title", "row", "sort", "what"):
            return words(value)
        return value

    return {k: walk(v, k) for k, v in spec.items()}


def chart_of(figures: Figures, name: str, words: Words) -> Spec:
    """The chart of one table, its words in the page's language."""
    table = figures.table(name)
    names = words.names(table)
    title = words(name)
    if name == "status_series_own":
        spec = status_series_chart(figures.series, title=title, names=names)
    elif name == "status_series_adversary":
        spec = status_series_chart(figures.custody_series, title=title, names=names)
    elif name in ("returned_by_month", "returned_per_exchange"):
        spec = returned_chart(table, title=title, names=names)
    elif name == "captures_per_week":
        spec = weekly_bars(table, title=title)
    else:
        horizontal = name.startswith(("status_by_", "prisoners_by_")) or name == "time_in_captivity"
        top = UNITS_SHOWN if name == "status_by_unit" else None
        spec = stacked_bars(table, title=title, names=names, horizontal=horizontal, top=top)
    return relabel(spec, words)


PHONE_WIDTH = 290  # the plot's width for a phone's screen: 390 px less the page's margins and
# the axes' labels beside the plot
LEGEND_SHORT = 18  # legend labels up to this long go two to a line; longer ones one a line


TITLE_LINE = 40  # characters of a title's line on a phone


def _wrapped(text: str) -> list[str]:
    """A title as lines of whole words (Vega-Lite draws a list as lines)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= TITLE_LINE:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _legend_labels(spec: Spec) -> list[str]:
    found: list[str] = []
    for part in [spec, *spec.get("layer", [])]:
        colour = part.get("encoding", {}).get("color", {})
        found += [str(label) for label in colour.get("scale", {}).get("domain", [])]
    return found


def for_phone(spec: Spec) -> Spec:
    """The same chart laid out for a phone's width: narrower, fewer axis labels (those that
    would overlap are dropped, long ones cut with an ellipsis), the legend below the plot (two
    columns of short labels, or one of long ones, in full), the title wrapped."""
    narrow = dict(spec)
    across = spec.get("encoding", {}).get("y", {}).get("type") == "nominal"  # bars across
    narrow["width"] = PHONE_WIDTH - 80 if across else PHONE_WIDTH  # room for their labels
    title = narrow.get("title")
    if isinstance(title, dict):
        narrow["title"] = {**title, "text": _wrapped(str(title["text"])), "fontSize": 12}
    config = dict(narrow.get("config", {}))
    config["legend"] = {
        **config.get("legend", {}),
        "orient": "bottom",
        "direction": "horizontal",
        "columns": 2 if all(len(x) <= LEGEND_SHORT for x in _legend_labels(spec)) else 1,
        "labelLimit": PHONE_WIDTH,
        "symbolLimit": 0,
    }
    config["axis"] = {**config.get("axis", {}), "labelLimit": 110, "labelFontSize": 10}
    config["axisX"] = {
        **config.get("axisX", {}),
        "labelOverlap": "greedy",
        "labelAngle": -45,
        "tickCount": 5,
    }
    config["axisY"] = {
        **config.get("axisY", {}),
        "labelOverlap": "greedy",
        "tickCount": 5,
        "labelLimit": 140,  # the bars' categories: long ones matter most
    }
    narrow["config"] = config
    return narrow
