"""Sign-in throttling: growing delays, counted atomically, that nobody can hold shut.

Every attempt is counted as a failure *before* its password is checked, in a short transaction
of its own, so that attempts sent in parallel are counted as they arrive (a count read before
the check and written after it let a burst of thirty through). A right password clears the
count of its user name.

Three counters, each with its own allowance and its own longest wait:

- the user name from one address: the guesser's own counter, growing to 15 minutes;
- the user name from anywhere: it slows guessing from many addresses, but waits at most a minute,
  so that nobody can lock a known user out by failing on purpose;
- the address: it slows one machine trying many names, at most a minute, and allows many
  failures first, so that an office behind one address is not locked out by a few typos.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from homeward.access.models import SignInThrottle
from homeward.db import created_or_found, own_transaction


@dataclass(frozen=True)
class Allowance:
    """`free` failures without waiting, then a wait that doubles from one second up to `most`."""

    scope: str
    free: int
    most: timedelta

    def wait_after(self, failures: int) -> timedelta:
        if failures <= self.free:
            return timedelta(0)
        seconds = 2.0 ** min(failures - self.free - 1, 30)
        return min(timedelta(seconds=seconds), self.most)


PAIR: Final = Allowance("pair", free=5, most=timedelta(minutes=15))
USER: Final = Allowance("user", free=10, most=timedelta(minutes=1))
ADDRESS: Final = Allowance("address", free=30, most=timedelta(minutes=1))
_TRIES: Final = 20  # optimistic counts lost to a concurrent attempt before giving up


def counters(username: str, client: str | None) -> list[tuple[Allowance, str]]:
    address = client or "unknown"
    return [(PAIR, f"{username}|{address}"[:250]), (USER, username[:250]), (ADDRESS, address)]


def claim(session: Session, *, username: str, client: str | None, now: datetime) -> timedelta:
    """Count an attempt on every counter; returns how long it must wait first (zero: go on,
    and it is counted; else nothing is counted)."""
    return claim_counters(session, counters(username, client), now=now)


def claim_counters(
    session: Session, keyed: list[tuple[Allowance, str]], *, now: datetime
) -> timedelta:
    """`claim` on any counters (each an allowance and its key): an attempt counted on all of
    them at once, atomically, or on none when one of them makes it wait (other throttled doors,
    such as the family page's access codes, count here the same way)."""
    with own_transaction(session) as writer:
        rows = [(allowance, _row(writer, allowance.scope, key, now))
                for allowance, key in keyed]  # fmt: skip
        for _ in range(_TRIES):
            wait = max(_wait(allowance, row, now) for allowance, row in rows)
            if wait > timedelta(0):
                return wait
            if _count(writer, rows, now):
                return timedelta(0)
            for _allowance, row in rows:  # another attempt counted first: read again
                writer.refresh(row)
    return timedelta(seconds=1)


def _wait(allowance: Allowance, row: SignInThrottle, now: datetime) -> timedelta:
    if row.failures >= allowance.free and row.next_at > now:
        return row.next_at - now
    return timedelta(0)


def _count(writer: Session, rows: list[tuple[Allowance, SignInThrottle]], now: datetime) -> bool:
    """Count the attempt on every counter, if none was counted by another meanwhile."""
    savepoint = writer.begin_nested()
    for allowance, row in rows:
        counted = writer.execute(
            update(SignInThrottle)
            .where(SignInThrottle.id == row.id, SignInThrottle.failures == row.failures)
            .values(failures=row.failures + 1, next_at=now + allowance.wait_after(row.failures + 1))
            .execution_options(synchronize_session=False)
        )
        if getattr(counted, "rowcount", 0) != 1:
            savepoint.rollback()
            return False
    savepoint.commit()
    return True


def _row(writer: Session, scope: str, key: str, now: datetime) -> SignInThrottle:
    def find() -> SignInThrottle | None:
        return writer.scalar(
            select(SignInThrottle).where(SignInThrottle.scope == scope, SignInThrottle.key == key)
        )

    found = find()
    if found is not None:
        return found
    return created_or_found(
        writer, SignInThrottle(scope=scope, key=key, failures=0, next_at=now), find
    )


def succeeded(session: Session, *, username: str, client: str | None) -> None:
    """A right password: the user name's counters start again. The address's counter only gets
    back the one attempt this sign-in cost — never cleared, or a guesser with one account of
    their own could clear it; but given back, or an office behind one address (a proxy) would
    be slowed down by its colleagues' right passwords."""
    pair, user, address = counters(username, client)
    with own_transaction(session) as writer:
        for allowance, key in (pair, user):
            writer.execute(
                update(SignInThrottle)
                .where(SignInThrottle.scope == allowance.scope, SignInThrottle.key == key)
                .values(failures=0)
                .execution_options(synchronize_session=False)
            )
    refund(session, [address])


def refund(session: Session, keyed: list[tuple[Allowance, str]]) -> None:
    """Take back the one attempt just counted on these counters (never below zero), for a door
    where only failures should count: a right answer gives back exactly what it cost, so a
    guesser who holds one right answer cannot clear the failures of the wrong ones."""
    with own_transaction(session) as writer:
        for allowance, key in keyed:
            writer.execute(
                update(SignInThrottle)
                .where(
                    SignInThrottle.scope == allowance.scope,
                    SignInThrottle.key == key,
                    SignInThrottle.failures > 0,
                )
                .values(failures=SignInThrottle.failures - 1)
                .execution_options(synchronize_session=False)
            )
