"""Template + context → HTML → PDF: the one way Homeward makes a document.

Templates live in `templates/` (a folder per domain inside it) and extend `base.html`; their
links (`documents.css`, `../fonts/…`) are relative to `templates/`, whatever folder the
template is in. The fixed words go through the application's translator (`homeward.i18n`,
catalogue `locale/uk/documents.po`), so a word is translated once for pages and paper.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
    UndefinedError,
)
from markupsafe import Markup

from homeward.documents.formats import day_month_year, page_counter_content
from homeward.documents.pages import page_rules, page_size
from homeward.documents.qr import qr_svg
from homeward.errors import HomewardError, InvalidInput
from homeward.i18n import LANGUAGES, translator

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

# What every template is given besides its own context; a context may not hide any of them.
RESERVED = frozenset(
    {"_", "both", "lang", "second_lang", "page", "page_css", "restricted", "qr_svg"}
)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        # a value the caller forgot fails the rendering: an official paper with a blank
        # where a name should be is worse than no paper
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["when"] = day_month_year
    env.globals["qr_svg"] = qr_svg
    return env


def render_html(
    template_name: str,
    context: Mapping[str, Any],
    *,
    lang: str,
    second_lang: str | None = None,
    page: str = "a4",
    restricted: bool = True,
) -> str:
    """The document as HTML, exactly as `render_pdf` lays it out.

    `lang` is the document's language; `second_lang` prints every fixed word a second time,
    in that language, where the template asks for both (`both("Surname")`). `page` names the
    page size (`pages.PAGE_SIZES`); `restricted` prints the restricted distribution mark on
    every page, as every document about a person must.
    """
    frame = _frame(lang, second_lang, page, restricted)
    clashes = sorted(RESERVED & set(context))
    if clashes:
        raise InvalidInput(
            "context", "%(value)s: reserved for the base template", value=", ".join(clashes)
        )
    template = _template(template_name)
    try:
        return template.render({**context, **frame})
    except UndefinedError as error:
        raise InvalidInput(
            "context",
            "%(template_name)s: %(message)s",
            template_name=template_name,
            message=error.message,
        ) from None


def render_pdf(
    template_name: str,
    context: Mapping[str, Any],
    *,
    lang: str,
    second_lang: str | None = None,
    page: str = "a4",
    restricted: bool = True,
) -> bytes:
    """The document as PDF bytes; the arguments are those of `render_html`."""
    html = render_html(
        template_name,
        context,
        lang=lang,
        second_lang=second_lang,
        page=page,
        restricted=restricted,
    )
    return _write_pdf(html, template_name)


def _write_pdf(html: str, template_name: str) -> bytes:
    try:  # imported here: the rest of Homeward runs where pango is not installed
        from weasyprint import HTML
        from weasyprint.urls import FatalURLFetchingError

        from homeward.documents.fetcher import PackageFetcher
    except OSError as error:
        raise HomewardError(
            "WeasyPrint cannot load pango (%(error)s): install libpango-1.0-0 and "
            "libpangoft2-1.0-0 (`make document-packages` does)",
            error=error,
        ) from None
    document = HTML(
        string=html, base_url=TEMPLATES_DIR.as_uri() + "/", url_fetcher=PackageFetcher()
    )
    try:
        pdf: bytes = document.write_pdf()
    except FatalURLFetchingError as error:
        raise InvalidInput(
            "template",
            "%(template_name)s: %(cause)s",
            template_name=template_name,
            cause=error.__cause__,
        ) from None
    return pdf


def _template(name: str) -> Template:
    try:
        return environment().get_template(name)
    except TemplateNotFound:
        raise InvalidInput(
            "template",
            "no document template %(name)s in homeward/documents/templates",
            name=repr(name),
        ) from None


def _frame(lang: str, second_lang: str | None, page: str, restricted: bool) -> dict[str, Any]:
    for field, value in (("lang", lang), ("second_lang", second_lang or lang)):
        if value not in LANGUAGES:
            raise InvalidInput(
                field,
                "unknown language %(value)s (known: %(value2)s)",
                value=repr(value),
                value2=", ".join(LANGUAGES),
            )
    if second_lang == lang:
        second_lang = None
    size = page_size(page)
    _ = translator(lang)
    counter = page_counter_content(_("Page %(page)s of %(pages)s"))
    return {
        "_": _,
        "both": _both(_, second_lang),
        "lang": lang,
        "second_lang": second_lang,
        "page": size,
        # generated CSS: numbers, and words that css_string quoted and escaped
        "page_css": Markup(page_rules(size, counter=counter)),  # noqa: S704
        "restricted": restricted,
    }


def _both(translate: Callable[..., str], second_lang: str | None) -> Callable[..., Markup]:
    second = translator(second_lang) if second_lang else None

    def both(message: str, **values: Any) -> Markup:
        """The words in the document's language, then in the second language when it has one."""
        first = Markup.escape(translate(message, **values))
        if second is None:
            return first
        return Markup('{}<span class="second-lang" lang="{}">{}</span>').format(
            first, second_lang, second(message, **values)
        )

    return both
