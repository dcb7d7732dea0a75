"""Who acts, and through what: every change and every audit entry names its actor."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from homeward.access.roles import Permission, Role, require
from homeward.errors import HomewardError


class Channel(StrEnum):
    """Through what a change came: the history says so for every change."""

    CLI = "cli"
    WEB = "web"
    IMPORT = "import"
    DEMO = "demo"
    FAMILY = "family"  # a relative holding an access code (homeward.families): no role at all


@dataclass(frozen=True)
class Actor:
    """Who acts and through what: the CLI, the web application, an import.

    `role` is the signed-in user's role (None for the console, trusted as the server's operator);
    `client` is the address a web request came from, for the audit log.
    """

    name: str
    channel: Channel
    role: Role | None = None
    client: str | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("an actor needs a name")

    def require(self, permission: Permission) -> None:
        """Raise `Forbidden` unless this actor's role allows `permission`."""
        if self.channel is Channel.FAMILY:  # no role is not the console's trust here
            raise HomewardError("a family's access code allows no work in the register")
        require(self.role, permission)
