"""Users and their web sessions: add, change a password, disable, sign in, revoke."""

from __future__ import annotations

import hashlib
import math
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from homeward.access import throttle
from homeward.access.actor import Actor, Channel
from homeward.access.audit import AuditAction, log
from homeward.access.models import User, WebSession
from homeward.access.passwords import (
    generate_password,
    hash_password,
    needs_rehash,
    verify_password,
)
from homeward.access.roles import Permission, Role
from homeward.db import outside_transaction, side_write, utcnow
from homeward.errors import Conflict, HomewardError, InvalidInput, NotFound

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
SESSION_IDLE = timedelta(hours=2)
SESSION_MAX = timedelta(hours=12)
_TOUCH_EVERY = timedelta(minutes=1)


class Throttled(HomewardError):
    """Too many failed sign-ins: the next attempt must wait `values["seconds"]`."""


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def user_actor(user: User, *, client: str | None = None) -> Actor:
    return Actor(user.username, Channel.WEB, Role(user.role), client)


def get_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound("no user %(username)s", username=repr(username))
    return user


def add_user(
    session: Session,
    *,
    actor: Actor,
    username: str,
    role: Role,
    display_name: str | None = None,
    password: str | None = None,
) -> tuple[User, str]:
    """A new active user; returns the user and the password (generated when none is given)."""
    actor.require(Permission.USERS)
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise InvalidInput(
            "username", "use 2–64 lower-case letters, digits, dots, dashes or underscores"
        )
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise Conflict("a user %(username)s already exists", username=repr(username))
    password = password or generate_password()
    user = User(
        username=username,
        display_name=(display_name or username).strip(),
        role=role.value,
        password_hash=hash_password(password),
        active=True,
    )
    session.add(user)
    session.flush()
    log(
        session,
        actor,
        AuditAction.USER_ADD,
        object_type="user",
        object_id=username,
        detail={"role": role.value},
    )
    return user, password


def set_password(
    session: Session, *, actor: Actor, username: str, password: str | None = None
) -> str:
    """A new password (generated when none is given); every session of the user ends."""
    actor.require(Permission.USERS)
    user = get_user(session, username)
    password = password or generate_password()
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    log(session, actor, AuditAction.USER_PASSWORD, object_type="user", object_id=username)
    revoke_sessions(session, actor=actor, username=username)
    return password


def change_own_password(
    session: Session,
    *,
    username: str,
    current: str,
    new: str,
    again: str,
    client: str | None,
    now: datetime | None = None,
) -> str:
    """A signed-in user changes their own password: the current one is checked first (every
    attempt counted as a sign-in's is, so that a left-open session cannot be used to guess it),
    the new one given twice and held to the same rules as any other. Every session of the user
    ends; the one returned (its token) replaces the session the change was made in."""
    if not current:
        raise InvalidInput("current_password", "is required")
    wait = throttle.claim(session, username=username, client=client, now=now or utcnow())
    with outside_transaction(session) as reader:  # argon2 runs before any lock is taken
        stored = reader.scalar(
            select(User.password_hash).where(User.username == username, User.active)
        )
    right = wait <= timedelta(0) and verify_password(stored, current)
    if right:  # in a transaction of its own, before this request's takes any lock (SQLite)
        throttle.succeeded(session, username=username, client=client)
    user = session.scalar(select(User).where(User.username == username, User.active))
    if user is None:
        raise NotFound("no user %(username)s", username=repr(username))
    actor = user_actor(user, client=client)
    if wait > timedelta(0):
        log(session, actor, AuditAction.OWN_PASSWORD_FAILED, object_type="user",
            object_id=username, detail={"throttled": True})  # fmt: skip
        seconds = max(1, math.ceil(wait.total_seconds()))
        raise Throttled(
            "too many wrong passwords: wait %(seconds)s s and try again", seconds=seconds
        )
    if not right or user.password_hash != stored:
        log(session, actor, AuditAction.OWN_PASSWORD_FAILED, object_type="user",
            object_id=username)  # fmt: skip
        raise InvalidInput("current_password", "is wrong")
    if new != again:
        raise InvalidInput("password", "the two new passwords differ")
    if new == current:
        raise InvalidInput("password", "must differ from the current one")
    user.password_hash = hash_password(new)  # the strength rules of every password
    user.password_changed_at = utcnow()
    log(session, actor, AuditAction.USER_PASSWORD, object_type="user", object_id=username,
        detail={"own": True})  # fmt: skip
    ended = session.execute(
        update(WebSession)
        .where(WebSession.user_id == user.id, WebSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    count = int(getattr(ended, "rowcount", 0) or 0)
    log(session, actor, AuditAction.SESSIONS_REVOKED, object_type="user", object_id=username,
        detail={"sessions": count, "own_password": True})  # fmt: skip
    return start_session(session, user, client=client)


def disable_user(session: Session, *, actor: Actor, username: str) -> None:
    actor.require(Permission.USERS)
    user = get_user(session, username)
    user.active = False
    log(session, actor, AuditAction.USER_DISABLE, object_type="user", object_id=username)
    revoke_sessions(session, actor=actor, username=username)


def revoke_sessions(session: Session, *, actor: Actor, username: str) -> int:
    """End every open session of the user at once; returns how many were open."""
    actor.require(Permission.USERS)
    user = get_user(session, username)
    result = session.execute(
        update(WebSession)
        .where(WebSession.user_id == user.id, WebSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    count = int(getattr(result, "rowcount", 0) or 0)
    log(
        session,
        actor,
        AuditAction.SESSIONS_REVOKED,
        object_type="user",
        object_id=username,
        detail={"sessions": count},
    )
    return count


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def authenticate(
    session: Session,
    *,
    username: str,
    password: str,
    client: str | None,
    now: datetime | None = None,
) -> User:
    """The user if the password is right and the account active. Every attempt is audited and
    counted before the password is checked; failures make the next attempts wait, longer and
    longer (`access.throttle`)."""
    username = username.strip().lower()[:100]
    attempt = Actor(username or "(empty)", Channel.WEB, None, client)
    wait = throttle.claim(session, username=username, client=client, now=now or utcnow())
    if wait > timedelta(0):
        seconds = max(1, math.ceil(wait.total_seconds()))
        log(session, attempt, AuditAction.SIGN_IN_THROTTLED, object_type="user", object_id=username)
        raise Throttled(
            "too many failed sign-ins: wait %(seconds)s s and try again", seconds=seconds
        )
    # Read and check the password outside the transaction: argon2 takes a tenth of a second
    # by design, and a sign-in must not hold the database's write lock while it runs.
    with outside_transaction(session) as reader:
        stored = reader.scalar(
            select(User.password_hash).where(User.username == username, User.active)
        )
    right = verify_password(stored, password)
    if right:  # in a transaction of its own, before this request's takes any lock
        throttle.succeeded(session, username=username, client=client)
    user = session.scalar(select(User).where(User.username == username)) if right else None
    if user is None or not user.active or user.password_hash != stored:
        log(session, attempt, AuditAction.SIGN_IN_FAILED, object_type="user", object_id=username)
        raise InvalidInput("password", "the user name or the password is wrong")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    log(
        session,
        user_actor(user, client=client),
        AuditAction.SIGN_IN,
        object_type="user",
        object_id=username,
    )
    return user


@dataclass(frozen=True)
class SignedIn:
    user: User
    web_session: WebSession


def start_session(session: Session, user: User, *, client: str | None) -> str:
    """A new web session for the user; returns the token for the cookie (stored hashed)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        WebSession(
            token_hash=_token_hash(token),
            user_id=user.id,
            csrf_token=secrets.token_urlsafe(32),
            client=client,
            created_at=now,
            last_seen_at=now,
            expires_at=now + SESSION_MAX,
        )
    )
    session.flush()
    return token


def session_for(session: Session, token: str | None) -> SignedIn | None:
    """The signed-in user of a cookie's token, or None if it is unknown, expired or revoked."""
    if not token or len(token) > 100:
        return None
    row = session.execute(
        select(WebSession, User)
        .join(User, User.id == WebSession.user_id)
        .where(WebSession.token_hash == _token_hash(token))
    ).first()
    if row is None:
        return None
    web_session, user = row
    now = utcnow()
    if (
        web_session.revoked_at is not None
        or not user.active
        or web_session.expires_at <= now
        or web_session.last_seen_at + SESSION_IDLE <= now
    ):
        return None
    if now - web_session.last_seen_at > _TOUCH_EVERY:
        with side_write(session) as writer:
            writer.execute(
                update(WebSession).where(WebSession.id == web_session.id).values(last_seen_at=now)
            )
        set_committed_value(web_session, "last_seen_at", now)
    return SignedIn(user, web_session)


def end_session(session: Session, signed_in: SignedIn, *, client: str | None) -> None:
    signed_in.web_session.revoked_at = utcnow()
    log(
        session,
        user_actor(signed_in.user, client=client),
        AuditAction.SIGN_OUT,
        object_type="user",
        object_id=signed_in.user.username,
    )


# the names the demo's users are shown by (a family reads "your liaison: …"): their roles, in
# the demo's language, never a person's name
_DEMO_NAMES: dict[Role, str] = {
    Role.ADMIN: "Адміністратор (демо)",
    Role.OPERATOR: "Оператор (демо)",
    Role.ANALYST: "Аналітик (демо)",
    Role.LIAISON: "Служба зв'язку з родинами (демо)",
    Role.AUDITOR: "Аудитор (демо)",
    Role.CUSTODIAN: "Бюро у справах військовополонених (демо)",
    Role.NEGOTIATOR: "Переговорник (демо)",
    Role.INVESTIGATOR: "Слідчий (демо)",
}


def add_demo_users(session: Session, *, actor: Actor) -> list[tuple[str, Role, str]]:
    """One user per role, named after it, with a generated password: for a demo register."""
    made = []
    for role in Role:
        _user, password = add_user(
            session,
            actor=actor,
            username=role.value,
            role=role,
            display_name=_DEMO_NAMES[role],
        )
        made.append((role.value, role, password))
    return made
