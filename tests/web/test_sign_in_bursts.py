"""Wrong passwords sent in parallel through a real server are counted as they arrive: a burst
gets no more tries than one attempt after another would, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import httpx
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.models import SignInThrottle
from homeward.access.roles import Role
from homeward.access.throttle import PAIR
from tests.web.conftest import PASSWORD, username_of
from tests.web.live import live_server


def test_a_burst_of_wrong_passwords_gets_no_more_tries_than_the_allowance(web_db: Engine) -> None:
    name = username_of(Role.LIAISON)
    with live_server(web_db) as base:
        start = threading.Barrier(30)

        def guess(n: int) -> httpx.Response:
            with httpx.Client(base_url=base, timeout=60) as client:
                start.wait()
                body = {"username": name, "password": f"guess-{n}"}
                return client.post("/api/session", json=body)

        with ThreadPoolExecutor(max_workers=30) as pool:
            answers = list(pool.map(guess, range(30)))
        statuses = [answer.status_code for answer in answers]
        # the allowance, and the few more that waits of 1, 2, 4… seconds let through while
        # the server checks passwords one after another (a tenth of a second each)
        assert statuses.count(401) <= PAIR.free + 5
        assert statuses.count(429) >= 20
        waits = [int(a.headers["retry-after"]) for a in answers if a.status_code == 429]
        assert min(waits) >= 1


def seed_pair(engine: Engine, name: str, failures: int, next_at: datetime) -> None:
    """The (name, loopback) counter as a guesser left it: so many failures, the next try at."""
    with Session(engine) as session, session.begin():
        session.add(
            SignInThrottle(
                scope=PAIR.scope, key=f"{name}|127.0.0.1", failures=failures, next_at=next_at
            )
        )


def test_the_right_password_inside_a_burst_is_one_attempt_among_the_others(
    web_db: Engine,
) -> None:
    """The burst that once let the right password in (every attempt's count read before any
    was written, so all twenty-one were checked). A guesser has used the allowance; one more
    try is due now, the one after it in 64 s: of twenty wrong passwords and the right one sent
    at once, exactly one is checked — the right one only if it happens to be that one."""
    name = username_of(Role.ANALYST)
    seed_pair(web_db, name, PAIR.free + 6, datetime.now(UTC))
    with live_server(web_db) as base:
        start = threading.Barrier(21)

        def attempt(n: int) -> httpx.Response:
            with httpx.Client(base_url=base, timeout=120) as client:
                start.wait()
                password = PASSWORD if n == 20 else f"guess-{n}"
                return client.post("/api/session", json={"username": name, "password": password})

        with ThreadPoolExecutor(max_workers=21) as pool:
            answers = list(pool.map(attempt, range(21)))
    statuses = [answer.status_code for answer in answers]
    assert statuses.count(401) + statuses.count(200) == 1
    assert statuses.count(429) == 20
    assert statuses[20] in (200, 429)
