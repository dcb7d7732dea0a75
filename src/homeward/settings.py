"""The one configuration object: every setting comes from a `HOMEWARD_` environment variable."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_database_url() -> str:
    """A SQLite file in the user's data directory: the embedded default."""
    data_dir = Path(platformdirs.user_data_dir("homeward", appauthor=False))
    return f"sqlite:///{data_dir / 'homeward.sqlite3'}"


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
    echo_sql: bool = False
