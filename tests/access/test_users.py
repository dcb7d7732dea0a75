"""Users: added, given a new password, disabled (their sessions end), signing in, and throttled
after repeated failures. Every act is in the audit log."""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.models import AuditEntry, User, WebSession
from homeward.access.roles import Forbidden, Role
from homeward.access.users import (
    add_user,
    authenticate,
    disable_user,
    revoke_sessions,
    session_for,
    set_password,
    start_session,
)
from homeward.errors import Conflict, InvalidInput, NotFound

CONSOLE = Actor("test-console", Channel.CLI)  # no role: the server's operator
PASSWORD = "correct-horse-battery"


def _name() -> str:
    return f"user-{secrets.token_hex(4)}"


def _address() -> str:
    return f"198.51.100.{secrets.randbelow(250) + 1}:{secrets.token_hex(2)}"


def _add(session: Session, role: Role = Role.OPERATOR, password: str = PASSWORD) -> User:
    user, _ = add_user(session, actor=CONSOLE, username=_name(), role=role, password=password)
    return user


def _actions(session: Session, object_id: str) -> list[str]:
    query = select(AuditEntry.action).where(AuditEntry.object_id == object_id)
    return list(session.scalars(query.order_by(AuditEntry.seq)))


def test_a_user_is_added_with_a_hashed_password_and_audited(session: Session) -> None:
    name = _name()
    user, password = add_user(
        session, actor=CONSOLE, username=f"  {name.upper()} ", role=Role.ANALYST
    )
    assert user.username == user.display_name == name
    assert user.active and user.role == "analyst"
    assert user.password_hash.startswith("$argon2id$") and password not in user.password_hash
    assert _actions(session, name) == ["user_add"]


@pytest.mark.parametrize("bad", ["a", "has space", "кирилиця", "x" * 65, "-dash-first"])
def test_a_bad_user_name_is_refused(session: Session, bad: str) -> None:
    with pytest.raises(InvalidInput) as error:
        add_user(session, actor=CONSOLE, username=bad, role=Role.OPERATOR)
    assert error.value.field == "username"


def test_a_user_name_is_taken_once(session: Session) -> None:
    user = _add(session)
    with pytest.raises(Conflict):
        add_user(session, actor=CONSOLE, username=user.username, role=Role.ADMIN)


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN])
def test_only_an_admin_or_the_console_manages_users(session: Session, role: Role) -> None:
    target = _add(session)
    actor = Actor(f"test-{role.value}", Channel.WEB, role)
    with pytest.raises(Forbidden):
        add_user(session, actor=actor, username=_name(), role=Role.ADMIN)
    with pytest.raises(Forbidden):
        set_password(session, actor=actor, username=target.username, password="x" * 5 + PASSWORD)
    with pytest.raises(Forbidden):
        disable_user(session, actor=actor, username=target.username)
    admin = Actor("test-admin", Channel.WEB, Role.ADMIN)
    add_user(session, actor=admin, username=_name(), role=Role.AUDITOR)


def test_a_new_password_ends_every_session(session: Session) -> None:
    user = _add(session)
    tokens = [start_session(session, user, client="192.0.2.1") for _ in range(2)]
    new = set_password(session, actor=CONSOLE, username=user.username)
    assert all(session_for(session, token) is None for token in tokens)
    client = _address()
    with pytest.raises(InvalidInput):
        authenticate(session, username=user.username, password=PASSWORD, client=client)
    assert authenticate(session, username=user.username, password=new, client=client) is user
    actions = _actions(session, user.username)
    assert actions[1:3] == ["user_password", "sessions_revoked"]


def test_disabling_a_user_ends_their_sessions_and_sign_ins(session: Session) -> None:
    user = _add(session)
    token = start_session(session, user, client="192.0.2.1")
    assert session_for(session, token) is not None
    disable_user(session, actor=CONSOLE, username=user.username)
    assert session_for(session, token) is None
    stored = session.scalars(select(WebSession).where(WebSession.user_id == user.id)).one()
    assert stored.revoked_at is not None
    with pytest.raises(InvalidInput):
        authenticate(session, username=user.username, password=PASSWORD, client=_address())
    assert _actions(session, user.username)[-3:] == [
        "user_disable",
        "sessions_revoked",
        "sign_in_failed",
    ]


def test_revoking_ends_only_open_sessions_and_counts_them(session: Session) -> None:
    user = _add(session)
    for _ in range(3):
        start_session(session, user, client=None)
    assert revoke_sessions(session, actor=CONSOLE, username=user.username) == 3
    assert revoke_sessions(session, actor=CONSOLE, username=user.username) == 0
    with pytest.raises(NotFound):
        revoke_sessions(session, actor=CONSOLE, username="nobody-here")


def test_signing_in_checks_the_password_and_audits_each_attempt(session: Session) -> None:
    user = _add(session)
    client = _address()
    assert authenticate(session, username=user.username.upper(), password=PASSWORD, client=client)
    with pytest.raises(InvalidInput) as error:
        authenticate(session, username=user.username, password="wrong-" + PASSWORD, client=client)
    assert "wrong" in str(error.value)
    unknown = _name()
    with pytest.raises(InvalidInput):
        authenticate(session, username=unknown, password=PASSWORD, client=client)
    assert _actions(session, user.username)[-2:] == ["sign_in", "sign_in_failed"]
    assert _actions(session, unknown) == ["sign_in_failed"]


def test_an_expired_or_idle_session_is_not_honoured(session: Session) -> None:
    user = _add(session)
    token = start_session(session, user, client=None)
    stored = session.scalars(select(WebSession).where(WebSession.user_id == user.id)).one()
    stored.last_seen_at -= timedelta(hours=3)
    assert session_for(session, token) is None
    stored.last_seen_at += timedelta(hours=3)
    stored.expires_at -= timedelta(hours=13)
    assert session_for(session, token) is None
    assert session_for(session, "x" * 101) is None
    assert session_for(session, None) is None
