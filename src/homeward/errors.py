"""Domain errors: each says what is wrong in words a user can act on, naming the field."""

from __future__ import annotations


class HomewardError(Exception):
    """The base of every error Homeward reports to a user instead of a traceback."""


class InvalidInput(HomewardError):
    """A value that cannot be accepted; `field` names where it was given."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class NotFound(HomewardError):
    """A person, report, place or other record that does not exist."""


class Conflict(HomewardError):
    """Someone else changed the record since it was read: nothing was overwritten."""
