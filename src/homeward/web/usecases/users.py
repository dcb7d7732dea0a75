"""The users of the web application, for an administrator: add one, reset a password, end a
user's sessions, disable an account. The services audit every change (`access.users`); a
password is shown once, to the administrator who made it, and never stored in clear."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access import users
from homeward.access.actor import Actor
from homeward.access.models import User, WebSession
from homeward.access.roles import Permission, Role
from homeward.db import utcnow
from homeward.errors import InvalidInput


@dataclass(frozen=True)
class Account:
    username: str
    name: str
    role: str
    active: bool
    open_sessions: int
    last_sign_in: datetime | None


def accounts(session: Session, actor: Actor) -> list[Account]:
    actor.require(Permission.USERS)
    now = utcnow()
    open_sessions = dict(
        session.execute(
            select(WebSession.user_id, func.count())
            .where(WebSession.revoked_at.is_(None), WebSession.expires_at > now)
            .group_by(WebSession.user_id)
        ).all()
    )
    last = dict(
        session.execute(
            select(WebSession.user_id, func.max(WebSession.created_at)).group_by(WebSession.user_id)
        ).all()
    )
    return [
        Account(
            u.username,
            u.display_name,
            u.role,
            u.active,
            int(open_sessions.get(u.id, 0)),
            last.get(u.id),
        )
        for u in users.list_users(session)
    ]


def add_account(
    session: Session, actor: Actor, *, username: str, role: str, name: str
) -> tuple[User, str]:
    """A new user with a generated password (returned, to be shown once)."""
    if role not in {r.value for r in Role}:
        raise InvalidInput("role", "%(value)s is not one of %(known)s", value=repr(role),
                           known=", ".join(r.value for r in Role))  # fmt: skip
    return users.add_user(
        session,
        actor=actor,
        username=username,
        role=Role(role),
        display_name=name.strip()[:200] or None,
    )


def reset_password(session: Session, actor: Actor, username: str) -> str:
    """A new generated password (returned, to be shown once); the user's sessions end."""
    return users.set_password(session, actor=actor, username=username)


def end_sessions(session: Session, actor: Actor, username: str) -> int:
    return users.revoke_sessions(session, actor=actor, username=username)


def disable(session: Session, actor: Actor, username: str) -> None:
    if username == actor.name:
        raise InvalidInput("username", "an administrator cannot disable their own account")
    users.disable_user(session, actor=actor, username=username)
