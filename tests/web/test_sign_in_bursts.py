"""Wrong passwords sent in parallel through a real server are counted as they arrive: a burst
gets no more tries than one attempt after another would, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlalchemy import Engine

from homeward.access.roles import Role
from homeward.access.throttle import PAIR
from tests.web.conftest import username_of
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
