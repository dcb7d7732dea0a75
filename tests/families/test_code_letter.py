"""The access-code letter on paper: the widest code a family can be given stays inside its box."""

from __future__ import annotations

import re
import subprocess
from datetime import date

from homeward.documents import render_pdf
from tests.documents.paper import require_poppler

# the widest letters the code alphabet has, in every place of the code
WIDEST = "-".join(["WWWW", "MMMM"] * 3)


def words_with_right_edges(pdf: bytes) -> list[tuple[str, float]]:
    shown = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    found = re.findall(
        r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>', shown
    )
    return [(word, float(right)) for right, word in found]


def test_the_widest_code_is_one_word_within_the_letters_text_width() -> None:
    require_poppler()
    context = {
        "person_name": "Коваленко Олександр Петрович",
        "contact_name": "Коваленко Марія Іванівна",
        "code": WIDEST,
        "expires_on": date(2027, 1, 5),
        "family_url": "http://testserver/family",
        "hotline": "",
    }
    words = words_with_right_edges(render_pdf("families/code_letter.html", context, lang="uk"))
    code = [right for word, right in words if word == WIDEST]
    assert len(code) == 1, [word for word, _ in words]
    text_edge = max(right for word, right in words if word != WIDEST)
    assert code[0] < text_edge
