"""What the families' services accept: checked input naming the bad field."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, field_validator, model_validator

from homeward.families.vocab import LANGUAGES, ContactChannel, LogKind
from homeward.registry.schemas import OptionalText, Schema
from homeward.text import NOTE_MAX, REASON_MAX

_PHONE = re.compile(r"^[0-9+()\-.\s/]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_TOLD = 1000  # evidence ids an informing may name


def _phone(value: str | None) -> str | None:
    if value and (not _PHONE.match(value) or sum(ch.isdigit() for ch in value) < 5):
        raise ValueError("is not a phone number")
    return value


def _email(value: str | None) -> str | None:
    if value and not _EMAIL.match(value):
        raise ValueError("is not an e-mail address")
    return value


def _language(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() not in LANGUAGES:
        raise ValueError("is not one of: uk, en")
    return value.strip().lower() if isinstance(value, str) else value


Language = Annotated[str, BeforeValidator(_language)]


class ContactDetails(Schema):
    """A contact as the liaison's form gives it, whole (an edit sends every field)."""

    name: str = Field(min_length=1, max_length=300)
    relation: str = Field(min_length=1, max_length=50)
    phone: OptionalText = Field(default=None, max_length=50)
    email: OptionalText = Field(default=None, max_length=200)
    address: OptionalText = Field(default=None, max_length=500)
    language: Language = "uk"
    channel: ContactChannel = ContactChannel.PHONE

    @field_validator("name", "relation", mode="before")
    @classmethod
    def _trimmed(cls, value: Any) -> Any:
        return " ".join(value.split()) if isinstance(value, str) else value

    @field_validator("phone", mode="after")
    @classmethod
    def _a_phone(cls, value: str | None) -> str | None:
        return _phone(value)

    @field_validator("email", mode="after")
    @classmethod
    def _an_email(cls, value: str | None) -> str | None:
        return _email(value)

    @model_validator(mode="after")
    def _reachable(self) -> ContactDetails:
        if not (self.phone or self.email or self.address):
            raise ValueError("phone: give a phone, an e-mail or an address")
        if self.channel is ContactChannel.EMAIL and not self.email:
            raise ValueError("email: give the e-mail address to write to")
        if self.channel is ContactChannel.PHONE and not self.phone:
            raise ValueError("phone: give the phone number to call")
        if self.channel is ContactChannel.LETTER and not self.address:
            raise ValueError("address: give the address to write to")
        return self


def _when(value: Any) -> Any:
    """A moment as a form gives it: `2026-03-01T14:05` (datetime-local), `01.03.2026 14:05`
    or `01.03.2026`, read as UTC (the time every record of the register is kept in)."""
    if value is None or isinstance(value, datetime):
        return value
    text = " ".join(str(value).split())
    if not text:
        return None
    for pattern in ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise ValueError("is not a date and time: write dd.mm.yyyy hh:mm")


class LogEntryIn(Schema):
    """A contact with a family, as it happened."""

    kind: LogKind
    occurred_at: Annotated[datetime | None, BeforeValidator(_when)] = None
    summary: str = Field(min_length=1, max_length=NOTE_MAX)

    @field_validator("occurred_at", mode="after")
    @classmethod
    def _not_ahead(cls, value: datetime | None) -> datetime | None:
        if value is not None and value > datetime.now(UTC) + timedelta(minutes=5):
            raise ValueError("is in the future")
        return value


class InformedIn(Schema):
    """A family told of the news the queue showed: how, what was said, and the evidence the
    queue's item stood on (so that what came in meanwhile stays news)."""

    kind: LogKind
    summary: OptionalText = Field(default=None, max_length=NOTE_MAX)
    told: tuple[int, ...] = Field(default=(), max_length=MAX_TOLD)


class CodeIn(Schema):
    valid_days: int = Field(default=365, ge=1, le=3660)


class OutboxIn(Schema):
    subject: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=NOTE_MAX)

    @field_validator("subject", mode="before")
    @classmethod
    def _one_line(cls, value: Any) -> Any:
        """A subject is one line: a line break typed or pasted into it is a space (in a mail
        header it would be refused at sending, or read as the start of another header)."""
        return " ".join(value.split()) if isinstance(value, str) else value


class RevokeIn(Schema):
    reason: str = Field(min_length=1, max_length=REASON_MAX)
