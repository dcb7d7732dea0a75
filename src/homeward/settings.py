"""The one configuration object: every setting comes from a `HOMEWARD_` environment variable."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_database_url() -> str:
    """A SQLite file in the user's data directory: the embedded default."""
    data_dir = Path(platformdirs.user_data_dir("homeward", appauthor=False))
    return f"sqlite:///{data_dir / 'homeward.sqlite3'}"


def default_audit_key_file() -> Path:
    """Outside the database, in the user's configuration directory: whoever can change the
    database's files should not find the key beside them."""
    return Path(platformdirs.user_config_dir("homeward", appauthor=False)) / "audit.key"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HOMEWARD_", extra="ignore")

    database_url: str = Field(default_factory=default_database_url)
    # A captive with no sign of life (letter, call, ICRC visit) for longer than this is flagged
    # incommunicado.
    incommunicado_days: int = Field(default=90, ge=1)
    # What a list may hold before it is refused unread (homeward.imports.limits): its workbook's
    # parts unpacked (or its CSV file), its rows, and its rows × columns.
    import_max_unpacked_mb: int = Field(default=200, ge=1)
    import_max_rows: int = Field(default=200_000, ge=1)
    import_max_cells: int = Field(default=5_000_000, ge=1)
    # The reverse proxies (addresses, comma-separated) whose X-Forwarded-For and
    # X-Forwarded-Proto are believed: the client's address in the audit log and the sign-in
    # throttle, and https for Secure cookies. Empty: no header is believed, from anyone.
    trusted_proxies: str = Field(default="", max_length=1000)
    # The secret that signs the audit log's entries (`homeward init` keeps one in a file of its
    # own when this is not set): an edited entry cannot be signed again without it.
    audit_key: str | None = Field(default=None, min_length=32)
    audit_key_file: Path = Field(default_factory=lambda: default_audit_key_file())
    echo_sql: bool = False
    # Families (homeward.families). The address of this site as families and the readers of an
    # extract reach it (the QR code of an extract, the letter with a family's access code);
    # None: the address a page was asked at, or http://127.0.0.1:8000 from the command line.
    public_url: str | None = Field(default=None, max_length=200)
    # The number a family's page gives to call (the hotline), beside the liaison's name.
    family_hotline: str = Field(default="", max_length=100)
    # How long a family's access code works, in days, unless the liaison says otherwise.
    family_code_days: int = Field(default=365, ge=1, le=3660)
    # Messages to families, sent over SMTP once a liaison approves them; no host: not sent
    # (they wait in the outbox with the error).
    smtp_host: str | None = Field(default=None, max_length=200)
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_username: str | None = Field(default=None, max_length=200)
    smtp_password: str | None = Field(default=None, max_length=500)
    smtp_from: str = Field(default="homeward@localhost", max_length=200)
    # "starttls" (port 587), "tls" (implicit, port 465) or "none" (a relay on this machine)
    smtp_security: Literal["starttls", "tls", "none"] = "starttls"
    smtp_timeout: float = Field(default=20, gt=0, le=300)
    # Violations (homeward.violations). The content-addressed store of evidence files; None: a
    # folder `homeward-files` beside the SQLite database (or in the user's data directory for
    # a server database). Files larger than `files_max_mb` are refused.
    files_dir: Path | None = None
    files_max_mb: int = Field(default=2048, ge=1, le=1_000_000)

    def proxies(self) -> list[str]:
        return [address.strip() for address in self.trusted_proxies.split(",") if address.strip()]
