"""QR codes for documents (an extract's verification link): inline SVG, drawn as vectors."""

from __future__ import annotations

import segno
from markupsafe import Markup

from homeward.errors import InvalidInput

# A QR code stays readable with a quiet zone of four modules around it (ISO/IEC 18004).
QUIET_ZONE = 4


def qr_svg(data: str, *, size_mm: float = 25, error: str = "m") -> Markup:
    """An `<svg>` element `size_mm` wide, quiet zone included, for a template to place inline.

    `error` is the error correction level (l, m, q, h); segno raises it further when the data
    leaves room. Always a full QR code, never a Micro QR, which phone readers often ignore.
    """
    if not data:
        raise InvalidInput("qr", "a QR code needs something to encode")
    if size_mm <= 0:
        raise InvalidInput(
            "qr", "a QR code %(size_mm)s mm wide cannot be drawn", size_mm=format(size_mm, "g")
        )
    code = segno.make(data, error=error, micro=False)
    width, _height = code.symbol_size(scale=1, border=QUIET_ZONE)
    svg = code.svg_inline(
        scale=size_mm / width,
        border=QUIET_ZONE,
        unit="mm",
        svgclass="qr",
        lineclass=None,
        dark="#000",
        light="#fff",
    )
    # segno writes only numbers and the class given above: nothing in it comes from `data`
    return Markup(svg)  # noqa: S704
