"""Domain errors: each says what is wrong in words a user can act on, naming the field.

An error carries its message as a template in English with named values (`"'%(text)s' is not a
real date"`, `text="31.02.1999"`), so that an interface translates the template from the
catalogue and fills in the values afterwards: `error.translated(_)`. `str(error)` is the English
text, for the command line and the logs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Translate = Callable[..., str]


def _filled(template: str, values: dict[str, Any]) -> str:
    return template % values if values else template


class Message(str):
    """Text in English that remembers its template and values, so that an interface can say it
    in the user's language: `_(message)` translates the template, then fills in the values
    (themselves translated when they are messages: "%(where)s: %(problem)s"). As a `str` it is
    the English text, wherever text is expected (the command line, JSON, logs)."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, /, **values: Any) -> Message:
        made = super().__new__(cls, _filled(template, values))
        made.template = template
        made.values = values
        return made

    def translated(self, translate: Translate) -> str:
        return translate(self.template, **self.values)


class HomewardError(Exception):
    """The base of every error Homeward reports to a user instead of a traceback."""

    def __init__(self, message: str = "", /, **values: Any) -> None:
        super().__init__(_filled(message, values))
        self.message = message
        self.values = values

    def translated(self, translate: Translate) -> str:
        return translate(self.message, **self.values)

    def as_message(self) -> Message:
        """This error's message, to be a value of another message."""
        return Message(self.message, **self.values)


class InvalidInput(HomewardError):
    """A value that cannot be accepted; `field` names where it was given, `problem` says what
    is wrong with it (in English; `translated` gives the user's language)."""

    def __init__(self, field: str, problem: str, /, **values: Any) -> None:
        super().__init__(problem, **values)
        self.args = (f"{field}: {_filled(problem, values)}",)
        self.field = field
        self.problem = _filled(problem, values)

    def as_message(self) -> Message:
        return Message(self.message, **self.values)

    def __str__(self) -> str:
        return str(self.args[0])


class NotFound(HomewardError):
    """A person, report, place or other record that does not exist."""


class Conflict(HomewardError):
    """Someone else changed the record since it was read: nothing was overwritten."""
