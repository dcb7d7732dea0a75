"""Signing in: the password checked, the attempt audited, a session started."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from homeward.access.users import Throttled, authenticate, start_session
from homeward.errors import InvalidInput, Message


@dataclass(frozen=True)
class SignInOutcome:
    token: str | None
    error: Message | None = None
    status: int = 200
    retry_after: int | None = None  # seconds, when throttled


def sign_in(session: Session, *, username: str, password: str, client: str | None) -> SignInOutcome:
    try:
        user = authenticate(session, username=username, password=password, client=client)
    except Throttled as error:
        return SignInOutcome(None, error.as_message(), 429, int(error.values["seconds"]))
    except InvalidInput:
        return SignInOutcome(None, Message("The user name or the password is wrong."), 401)
    return SignInOutcome(start_session(session, user, client=client))
