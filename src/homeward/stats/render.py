"""Charts rendered on the server: a Vega-Lite spec to SVG (for pages) or PNG (for reports).

vl-convert runs Vega-Lite inside the Python process; no JavaScript reaches a browser and nothing
is fetched from anywhere (the specs carry their data, and remote data is refused).
"""

from __future__ import annotations

from typing import Literal

import vl_convert

from homeward.stats.charts import Spec

VEGA_LITE = "5.21"  # the Vega-Lite the specs are written for (bundled in vl-convert)
Lang = Literal["en", "uk"]


def _locale(lang: Lang) -> Literal["en-US", "uk-UA"]:
    return "uk-UA" if lang == "uk" else "en-US"


def to_svg(spec: Spec, *, lang: Lang = "en") -> str:
    return vl_convert.vegalite_to_svg(
        spec,
        vl_version=VEGA_LITE,
        allowed_base_urls=[],
        format_locale=_locale(lang),
        time_format_locale=_locale(lang),
    )


def to_png(spec: Spec, *, lang: Lang = "en", scale: float = 2.0) -> bytes:
    return vl_convert.vegalite_to_png(
        spec,
        vl_version=VEGA_LITE,
        scale=scale,
        allowed_base_urls=[],
        format_locale=_locale(lang),
        time_format_locale=_locale(lang),
    )
