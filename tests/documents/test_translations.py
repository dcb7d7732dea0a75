"""Every fixed word of a document has its Ukrainian translation, in the application's one
catalogue; the documents' file adds words and changes none the pages already translate."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from homeward.documents import TEMPLATES_DIR
from homeward.i18n import LOCALE_DIR, catalogue

DOCUMENTS = TEMPLATES_DIR.parent
METHODS = [("templates/**.html", "jinja2.ext:babel_extract"), ("**.py", "python")]
# `both("Surname")` prints a word in the document's language and then in the second one
KEYWORDS: dict[str, None] = {"_": None, "both": None}


def extracted() -> dict[str, str]:
    found: dict[str, str] = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
        str(DOCUMENTS), METHODS, keywords=KEYWORDS
    ):
        if isinstance(message, str):
            found[message] = filename
    return found


def messages_of(po_file: Path) -> dict[str, str]:
    with po_file.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle, locale="uk") if m.id}


def test_the_extractor_sees_both_kinds_of_call() -> None:
    found = extracted()
    assert "Restricted distribution" in found  # both(...)
    assert "Page %(page)s of %(pages)s" in found  # _(...) in rendering.py


def test_every_fixed_word_has_a_ukrainian_translation() -> None:
    uk = catalogue("uk")
    missing = sorted(
        f"{where}: {message}" for message, where in extracted().items() if message not in uk
    )
    assert not missing, "untranslated:\n" + "\n".join(missing)


def test_the_documents_catalogue_changes_no_translation_of_the_pages() -> None:
    ours = messages_of(LOCALE_DIR / "uk" / "documents.po")
    for po_file in sorted((LOCALE_DIR / "uk").glob("*.po")):
        if po_file.name == "documents.po":
            continue
        theirs = messages_of(po_file)
        clashes = {m for m in ours.keys() & theirs.keys() if ours[m] != theirs[m]}
        assert not clashes, f"{po_file.name} translates these otherwise: {sorted(clashes)}"
