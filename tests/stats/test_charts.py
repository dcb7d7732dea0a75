"""Charts: Vega-Lite specs carrying their data, rendered to SVG and PNG on the server."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy.orm import Session

from homeward.stats import charts, render
from homeward.stats.histories import CaptureHistories
from homeward.stats.mse import estimate_population
from homeward.stats.service import register_figures
from tests.factories import ANALYST
from tests.stats.register import ON, build


@pytest.fixture
def specs(session: Session) -> dict[str, charts.Spec]:
    build(session)
    figures = register_figures(session, actor=ANALYST, on=ON, today=date.today())
    return charts.figure_charts(figures)


def test_every_spec_carries_its_data_and_fetches_nothing(specs: dict[str, charts.Spec]) -> None:
    assert {"status_series_own", "returned_by_month", "captures_per_week"} <= set(specs)
    for name, spec in specs.items():
        text = json.dumps({k: v for k, v in spec.items() if k != "$schema"})
        assert "http" not in text and '"url"' not in text, name
        assert spec["data"]["values"], name


def test_the_series_chart_draws_every_status_in_its_colour(specs: dict[str, charts.Spec]) -> None:
    colour = specs["status_series_own"]["encoding"]["color"]["scale"]
    assert colour["domain"][0] == "no information"
    assert colour["range"][colour["domain"].index("returned")] == charts.STATUS_COLOURS["returned"]


def test_a_chart_renders_to_svg_and_png(specs: dict[str, charts.Spec]) -> None:
    svg = render.to_svg(specs["returned_by_month"])
    assert svg.lstrip().startswith("<svg") and "2023-01" in svg
    assert render.to_png(specs["captures_per_week"], scale=1).startswith(b"\x89PNG")


def test_ukrainian_labels_render_in_cyrillic(specs: dict[str, charts.Spec]) -> None:
    svg = render.to_svg(specs["status_by_region"], lang="uk")
    assert "Донецька обл." in svg


def test_the_estimate_chart_shows_the_interval() -> None:
    histories = CaptureHistories(
        ("A", "B", "C"), {(1, 0, 0): 60, (0, 1, 0): 50, (0, 0, 1): 40, (1, 1, 0): 20, (0, 1, 1): 10}
    )
    spec = charts.estimate_chart(estimate_population(histories))
    assert spec["data"]["values"][1]["low"] < spec["data"]["values"][1]["value"]
    assert "<svg" in render.to_svg(spec)


def test_text_from_the_register_is_escaped_in_the_svg() -> None:
    """A unit's name is typed by an operator; the page puts the SVG into its HTML as it is."""
    from homeward.stats.tables import CountTable

    table = CountTable(
        name="status_by_unit",
        title="<img src=x onerror=alert(1)>",
        row_header="unit",
        rows=("<script>alert(1)</script>",),
        columns=("missing",),
        counts=((3,),),
    )
    svg = render.to_svg(charts.stacked_bars(table, horizontal=True))
    assert "<script" not in svg and "<img" not in svg
    assert "&lt;script&gt;alert(1)" in svg


def test_relabel_puts_the_words_of_a_language_in_titles_rows_and_their_order() -> None:
    from homeward.stats.words import Words

    spec = charts.relabel(
        {"title": "x", "data": {"values": [{"row": "unknown", "count": 1}]},
         "encoding": {"y": {"title": "persons", "sort": ["unknown"]}}},
        Words("uk"),
    )  # fmt: skip
    assert spec["data"]["values"][0]["row"] == "невідома"
    assert spec["encoding"]["y"] == {"title": "осіб", "sort": ["невідома"]}


def test_for_a_phone_a_chart_is_narrow_its_legend_below_its_title_wrapped() -> None:
    from homeward.stats.charts import PHONE_WIDTH, for_phone, stacked_bars
    from homeward.stats.tables import CountTable

    table = CountTable(
        name="prisoners_by_service_route",
        title="The prisoners we hold and have held, by how they came to serve in the army",
        row_header="route",
        rows=("contract", "mobilised"),
        columns=("held_now", "no_longer_held"),
        counts=((3, 4), (5, 6)),
    )
    wide = stacked_bars(table, horizontal=True)
    narrow = for_phone(wide)
    assert wide["width"] > PHONE_WIDTH >= narrow["width"]
    assert narrow["config"]["legend"]["orient"] == "bottom"
    assert all(len(line) <= 40 for line in narrow["title"]["text"])
    assert " ".join(narrow["title"]["text"]) == table.title
    assert narrow["data"] == wide["data"]  # the same figures
    svg = render.to_svg(narrow)
    assert 'width="' in svg and "mobilised" in svg
