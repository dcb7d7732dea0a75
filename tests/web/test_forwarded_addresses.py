"""The client's address in the audit log (and in the sign-in throttle's keys) comes from a
forwarded header only when the request came through a configured proxy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.access.throttle import PAIR
from tests.web.live import live_server
from tests.web.test_sign_in_bursts import seed_pair

FORGED = {"X-Forwarded-For": "203.0.113.66"}


def _last_failed_sign_in(engine: Engine, username: str) -> AuditEntry:
    with Session(engine) as session:
        query = (
            select(AuditEntry)
            .where(AuditEntry.action == "sign_in_failed", AuditEntry.object_id == username)
            .order_by(AuditEntry.seq.desc())
        )
        return session.scalars(query).first()  # type: ignore[return-value]


def _fail(base: str, username: str) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        answer = client.post(
            "/api/session", json={"username": username, "password": "x"}, headers=FORGED
        )
        assert answer.status_code == 401


def test_a_forwarded_address_from_anyone_is_not_believed(web_db: Engine) -> None:
    with live_server(web_db) as base:
        _fail(base, "forwarded-nobody")
    assert _last_failed_sign_in(web_db, "forwarded-nobody").client == "127.0.0.1"


def test_a_forwarded_address_from_a_configured_proxy_is_believed(web_db: Engine) -> None:
    with live_server(web_db, trusted_proxies="127.0.0.1") as base:
        _fail(base, "forwarded-somebody")
    assert _last_failed_sign_in(web_db, "forwarded-somebody").client == "203.0.113.66"


def test_the_sign_in_throttle_counts_the_real_address_whatever_is_forwarded(
    web_db: Engine,
) -> None:
    """A guesser from loopback who has used the allowance must wait, whatever address he
    forwards: a forged X-Forwarded-For would otherwise be a fresh counter on every try."""
    seed_pair(web_db, "forwarded-guesser", PAIR.free + 6, datetime.now(UTC) + timedelta(minutes=5))
    with live_server(web_db) as base, httpx.Client(base_url=base, timeout=60) as client:
        answer = client.post(
            "/api/session",
            json={"username": "forwarded-guesser", "password": "x"},
            headers={"X-Forwarded-For": "203.0.113.7"},
        )
    assert answer.status_code == 429
