"""Time to make a document: the sample card (one page, 150 × 105 mm, two languages, a QR code)
and the sample list (70 persons, three A4 pages).

    .venv/bin/python benchmarks/documents.py [--repeat 20]

Prints p50/p95 milliseconds per PDF and the PDF's size. Beside it, in the same run, the
baseline: the same HTML laid out by WeasyPrint alone, with the system's fonts (no @font-face)
and WeasyPrint's default URL fetcher — what the vendored fonts and the package-only fetcher
cost. The first rendering of a process (imports, font loading) is timed apart.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from functools import partial

from weasyprint import HTML

from homeward.documents import TEMPLATES_DIR, render_html, render_pdf
from homeward.documents.samples import card_context, list_context
from registers import percentile

SAMPLES: dict[str, tuple[str, Callable[[], dict[str, object]], str]] = {
    "card (1 page)": ("samples/card.html", card_context, "card"),
    "list (3 pages)": ("samples/list.html", list_context, "a4"),
}


def system_fonts_html(html: str) -> str:
    """The document's HTML with documents.css inlined, less its @font-face rules."""
    css = (TEMPLATES_DIR / "documents.css").read_text()
    css = re.sub(r"@font-face\s*\{[^}]*\}", "", css)
    link = '<link rel="stylesheet" href="documents.css">'
    return html.replace(link, f"<style>{css}</style>")


def weasyprint_alone(html: str) -> bytes:
    pdf: bytes = HTML(string=html, base_url=TEMPLATES_DIR.as_uri() + "/").write_pdf()
    return pdf


def ways_to_make(
    template: str, context: dict[str, object], page: str
) -> dict[str, Callable[[], bytes]]:
    """Homeward's way, and WeasyPrint alone on the same HTML with the system's fonts."""
    html = system_fonts_html(render_html(template, context, lang="uk", second_lang="en", page=page))
    return {
        "render_pdf (vendored fonts)": partial(
            render_pdf, template, context, lang="uk", second_lang="en", page=page
        ),
        "baseline: WeasyPrint, system fonts": partial(weasyprint_alone, html),
    }


def timed(make: Callable[[], bytes], repeat: int) -> tuple[list[float], int]:
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(make())
        times.append((time.perf_counter() - start) * 1000)
    return times, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    start = time.perf_counter()
    render_pdf("samples/card.html", card_context(), lang="uk", page="card")
    print(f"first document of the process: {(time.perf_counter() - start) * 1000:.0f} ms")

    print(f"{'document':<16} {'how':<36} {'p50 ms':>8} {'p95 ms':>8} {'bytes':>8}")
    for label, (template, context, page) in SAMPLES.items():
        for how, make in ways_to_make(template, context(), page).items():
            times, size = timed(make, args.repeat)
            p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
            print(f"{label:<16} {how:<36} {p50:>8.0f} {p95:>8.0f} {size:>8,}")


if __name__ == "__main__":
    main()
