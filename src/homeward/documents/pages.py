"""The page sizes a document may ask for, by name. Pure: no WeasyPrint, no I/O.

A document is set on one named page (`render_pdf(..., page="card")`); a part of it may be set
on another through CSS named pages (`section { page: a4-landscape }`), since every size below
is also declared as a named `@page` rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from homeward.errors import InvalidInput


@dataclass(frozen=True)
class PageSize:
    name: str
    width_mm: float
    height_mm: float
    # top, right, bottom, left: the top and bottom margins hold the running header and footer
    margins_mm: tuple[float, float, float, float]

    def css(self, *, named: bool) -> str:
        """The `@page` rule of this size: the document's default, or the named page."""
        selector = f"@page {self.name}" if named else "@page"
        margins = " ".join(f"{value:g}mm" for value in self.margins_mm)
        return (
            f"{selector} {{ size: {self.width_mm:g}mm {self.height_mm:g}mm; margin: {margins}; }}"
        )


PAGE_SIZES: dict[str, PageSize] = {
    size.name: size
    for size in (
        PageSize("a4", 210, 297, (20, 15, 20, 25)),
        PageSize("a4-landscape", 297, 210, (20, 20, 18, 20)),
        # GC III capture card (Art. 70): a card of 15 × 10.5 cm, as the bureau prints it
        PageSize("card", 150, 105, (9, 7, 8, 7)),
    )
}


def page_size(name: str) -> PageSize:
    try:
        return PAGE_SIZES[name]
    except KeyError:
        known = ", ".join(PAGE_SIZES)
        raise InvalidInput(
            "page", "unknown page size %(name)s (known: %(known)s)", name=repr(name), known=known
        ) from None


def page_rules(default: PageSize, *, counter: str) -> str:
    """The default `@page` rule, every size as a named page a template may switch to, and the
    page counter (a CSS `content` value, `formats.page_counter_content`) at the bottom right."""
    named = (size.css(named=True) for size in PAGE_SIZES.values())
    bottom_right = f"@page {{ @bottom-right {{ content: {counter} }} }}"
    return "\n".join((default.css(named=False), *named, bottom_right))
