"""The families' controlled vocabularies. Pure."""

from __future__ import annotations

from enum import StrEnum


class ContactChannel(StrEnum):
    """How a family prefers to be reached."""

    PHONE = "phone"
    EMAIL = "email"
    LETTER = "letter"
    IN_PERSON = "in_person"


class LogKind(StrEnum):
    """What a contact with a family was."""

    CALL = "call"
    LETTER = "letter"
    MEETING = "meeting"  # in person: the only way a death is told
    MESSAGE = "message"  # a text message or a messenger
    EMAIL = "email"


class MessageOutcome(StrEnum):
    """What became of a relative's message sent through the family page."""

    TAKEN_IN = "taken_in"  # its report linked to the person
    SET_ASIDE = "set_aside"  # read, nothing for the register


# The languages a family's letters and messages are written in (those of the application).
LANGUAGES = ("uk", "en")
