"""Documents: the one way Homeward makes a PDF — a Jinja template and CSS, laid out by WeasyPrint.

    pdf = render_pdf("custody/capture_card.html", {"prisoner": card}, lang="uk",
                     second_lang="en", page="card")

Templates extend `templates/base.html` (named blocks, the shared `documents.css`, running
header and footer, "page X of Y", the restricted distribution mark); fixed words are translated
in Ukrainian and English; the fonts are vendored (`fonts/`, Noto Sans) so paper looks the same
on every machine; nothing is fetched from outside the package. See docs/documents.md.
"""

from homeward.documents.formats import day_month_year
from homeward.documents.pages import PAGE_SIZES, PageSize, page_size
from homeward.documents.qr import qr_svg
from homeward.documents.rendering import TEMPLATES_DIR, render_html, render_pdf

__all__ = [
    "PAGE_SIZES",
    "TEMPLATES_DIR",
    "PageSize",
    "day_month_year",
    "page_size",
    "qr_svg",
    "render_html",
    "render_pdf",
]
