"""Every message the application shows has its Ukrainian translation (Ukrainian is the default)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir

from homeward.i18n import LOCALE_DIR, catalogue, translator
from homeward.web.labels import LABELS

WEB = Path(__file__).resolve().parents[2] / "src" / "homeward" / "web"
METHODS = [("templates/**.html", "jinja2.ext:babel_extract"), ("**.py", "python")]


def extracted() -> dict[str, str]:
    found: dict[str, str] = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
        str(WEB), METHODS, keywords={"_": None}
    ):
        if isinstance(message, str):
            found[message] = filename
    return found


def test_the_extractor_sees_the_templates() -> None:
    assert "Sign in" in extracted()


def test_every_message_has_a_ukrainian_translation() -> None:
    uk = catalogue("uk")
    wanted = {**extracted(), **dict.fromkeys(LABELS.values(), "labels.py")}
    missing = sorted(
        f"{where}: {message}" for message, where in wanted.items() if message not in uk
    )
    assert not missing, "untranslated:\n" + "\n".join(missing)


def test_catalogues_are_split_by_area_and_parse() -> None:
    assert len(list((LOCALE_DIR / "uk").glob("*.po"))) >= 1
    assert translator("uk")("Sign in") == "Увійти"
    assert translator("en")("Sign in") == "Sign in"
    assert translator("uk")("Found %(n)s", n=3) == "Found 3"
