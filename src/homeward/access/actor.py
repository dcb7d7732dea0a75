"""Who acts, and through what: every change and every audit entry names its actor."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from homeward.access.roles import Permission, Role, require


class Channel(StrEnum):
    """Through what a change came: the history says so for every change."""

    CLI = "cli"
    WEB = "web"
    IMPORT = "import"
    DEMO = "demo"


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
        require(self.role, permission)
