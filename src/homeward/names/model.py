"""The vocabulary of the names package: which part of a name, which language."""

from enum import StrEnum


class NamePart(StrEnum):
    """Which field of a person's name a string is."""

    SURNAME = "surname"
    GIVEN = "given"
    PATRONYMIC = "patronymic"


class Language(StrEnum):
    """The language (or script) a name is written in."""

    UK = "uk"
    RU = "ru"
    LATIN = "latin"
    UNKNOWN = "unknown"
