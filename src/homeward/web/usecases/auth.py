"""Signing in: the password checked, the attempt audited, a session started."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from homeward.access.users import Throttled, authenticate, start_session
from homeward.errors import InvalidInput


@dataclass(frozen=True)
class SignInOutcome:
    token: str | None
    error: str | None = None
    status: int = 200


def sign_in(session: Session, *, username: str, password: str, client: str | None) -> SignInOutcome:
    try:
        user = authenticate(session, username=username, password=password, client=client)
    except Throttled as error:
        return SignInOutcome(None, str(error), 429)
    except InvalidInput:
        return SignInOutcome(None, "The user name or the password is wrong.", 401)
    return SignInOutcome(start_session(session, user, client=client))
