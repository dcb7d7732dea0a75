"""Sign-in throttling: attempts counted before the password is checked, waits that grow, and
no counter that someone else can hold shut for long."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.models import AuditEntry, User
from homeward.access.roles import Role
from homeward.access.throttle import ADDRESS, PAIR, USER
from homeward.access.users import Throttled, add_user, authenticate
from homeward.errors import InvalidInput

CONSOLE = Actor("test-console", Channel.CLI)
PASSWORD = "correct-horse-battery"
T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def _user(session: Session) -> User:
    user, _ = add_user(
        session,
        actor=CONSOLE,
        username=f"throttled-{secrets.token_hex(4)}",
        role=Role.ANALYST,
        password=PASSWORD,
    )
    return user


def _address() -> str:
    return f"192.0.2.{secrets.randbelow(250) + 1}:{secrets.token_hex(3)}"


def _fail(session: Session, username: str, client: str, at: datetime) -> None:
    with pytest.raises(InvalidInput):
        authenticate(session, username=username, password="wrong", client=client, now=at)


def _sign_in(session: Session, username: str, client: str, at: datetime) -> User:
    return authenticate(session, username=username, password=PASSWORD, client=client, now=at)


def test_the_waits_double_and_stop_growing_at_their_longest() -> None:
    assert PAIR.wait_after(PAIR.free) == timedelta(0)
    waits = [PAIR.wait_after(PAIR.free + n).total_seconds() for n in range(1, 6)]
    assert waits == [1, 2, 4, 8, 16]
    assert PAIR.wait_after(1000) == timedelta(minutes=15)
    assert USER.wait_after(1000) == ADDRESS.wait_after(1000) == timedelta(minutes=1)


def test_after_the_free_failures_the_next_attempt_waits_even_with_the_right_password(
    session: Session,
) -> None:
    user, client = _user(session), _address()
    for _ in range(PAIR.free):
        _fail(session, user.username, client, T0)
    _fail(session, user.username, client, T0)  # counted: the first wait starts
    with pytest.raises(Throttled) as throttled:
        _sign_in(session, user.username, client, T0)
    assert throttled.value.values["seconds"] == 1
    assert _sign_in(session, user.username, client, T0 + timedelta(seconds=1)) is not None


def test_a_throttled_attempt_is_audited_and_not_counted(session: Session) -> None:
    user, client = _user(session), _address()
    for _ in range(PAIR.free + 1):
        _fail(session, user.username, client, T0)
    for _ in range(10):
        with pytest.raises(Throttled):
            _sign_in(session, user.username, client, T0)
    actions = session.scalars(
        select(AuditEntry.action).where(AuditEntry.object_id == user.username)
    ).all()
    assert actions.count("sign_in_throttled") == 10
    # the wait is the one the counted failures earned (1 s), not one grown by the refusals
    assert _sign_in(session, user.username, client, T0 + timedelta(seconds=1)) is not None


def test_a_guesser_cannot_lock_a_known_user_out_for_more_than_a_minute(
    session: Session,
) -> None:
    user = _user(session)
    refused = 0
    for n in range(600):  # from many addresses, as a botnet would, ten a second
        try:
            _fail(session, user.username, _address(), T0 + timedelta(milliseconds=100 * n))
        except Throttled:
            refused += 1
    assert refused > 500  # the user name's own counter slowed the guessing down
    office, last = _address(), T0 + timedelta(seconds=60)
    with pytest.raises(Throttled):
        _sign_in(session, user.username, office, last)
    assert _sign_in(session, user.username, office, last + timedelta(minutes=1)) is not None


def test_an_office_behind_one_address_is_not_locked_out_by_typos_on_made_up_names(
    session: Session,
) -> None:
    office = _address()
    for n in range(20):
        _fail(session, f"nobody-{n}-{secrets.token_hex(3)}", office, T0)
    user = _user(session)
    assert _sign_in(session, user.username, office, T0) is not None


def test_a_right_password_clears_the_users_count(session: Session) -> None:
    user, client = _user(session), _address()
    for _ in range(PAIR.free - 1):
        _fail(session, user.username, client, T0)
    _sign_in(session, user.username, client, T0)
    for _ in range(PAIR.free):
        _fail(session, user.username, client, T0)
    assert _sign_in(session, user.username, client, T0) is not None


def test_right_passwords_from_one_office_never_use_up_its_address(session: Session) -> None:
    """An office behind one address (a proxy) signs in all day: each right password gives back
    the attempt it cost, so the address's allowance is left for mistakes."""
    office, user = _address(), _user(session)
    for _ in range(ADDRESS.free * 2):
        assert _sign_in(session, user.username, office, T0) is not None
    for n in range(ADDRESS.free - 1):
        _fail(session, f"typo-{n}-{secrets.token_hex(3)}", office, T0)
    assert _sign_in(session, user.username, office, T0) is not None


def test_a_right_password_gives_back_only_its_own_attempt_on_the_address(
    session: Session,
) -> None:
    """A guesser with an account of his own cannot clear the address's failures with it."""
    guesser, user = _address(), _user(session)
    for n in range(ADDRESS.free + 1):
        _fail(session, f"victim-{n}-{secrets.token_hex(3)}", guesser, T0)
    with pytest.raises(Throttled):
        _sign_in(session, user.username, guesser, T0)
