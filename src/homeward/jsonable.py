"""Values as JSON columns store them (history, audit): dates as ISO text, models as objects."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from homeward.dates import PartialDate


def jsonable(value: Any) -> Any:
    """A value as history stores it: dates and partial dates as ISO text, models as objects."""
    if isinstance(value, BaseModel):
        return {name: jsonable(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, PartialDate | date):
        return value.isoformat() if isinstance(value, date) else value.iso()
    if isinstance(value, tuple | list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if hasattr(value, "value") and isinstance(value.value, str):  # enums
        return value.value
    return value
