"""The names package is pure: no database library, no file opened once its data is read."""

import builtins
import subprocess
import sys

import pytest

from homeward.names import (
    NamePart,
    clean_name,
    detect_language,
    equivalents,
    match_key,
    phonetic_key,
    split_full_name,
    transliterate,
)


def test_it_imports_no_database_or_web_library() -> None:
    code = (
        "import sys, homeward.names; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'sqlalchemy', 'fastapi', 'psycopg', 'alembic', 'requests', 'httpx'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.fixture
def no_file_opens(monkeypatch: pytest.MonkeyPatch) -> None:
    for part in NamePart:  # the dictionaries are read once, before
        match_key("Коваленко", part)
        equivalents("Коваленко", part)
    detect_language("Коваленко")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"names opened a file at call time: {args!r}")

    monkeypatch.setattr(builtins, "open", refuse)


@pytest.mark.usefixtures("no_file_opens")
def test_it_opens_no_file_once_its_dictionaries_are_read() -> None:
    text = "ПЕТРЕНКО Мар'ян Ілліч"
    clean_name(text)
    detect_language(text)
    transliterate(text)
    split_full_name(text)
    for part in NamePart:
        match_key("Schewtschenko Юліанівна", part)
        phonetic_key("Szewczenko", part)
        equivalents("Ковальова", part)
