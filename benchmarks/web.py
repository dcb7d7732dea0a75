"""Throughput and latency of the web application under 20 concurrent clients on loopback.

    .venv/bin/python benchmarks/web.py --persons 100000 [--db URL] [--workers 2] [--seconds 20]

Builds the synthetic register (or reuses the one at --db if it holds N persons), starts
`homeward serve` in a subprocess, signs in one user per client, and for each endpoint runs
20 concurrent clients for the given seconds, printing requests per second and p50/p95/p99
latency: the person page (a random person each request: the dossier, its status explanation,
and an audit entry) and search (a random name as a user types it, in another script). Beside
them in the same run, the baseline: `/healthz`, which touches neither the database nor the
session, shows what the server and this load generator cost on this machine by themselves.
The load generator runs on the same two cores as the server: the figures are a lower bound.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.models import User
from homeward.access.roles import Role
from homeward.access.users import add_user
from homeward.db import session_factory, transaction
from homeward.names import transliterate
from homeward.registry.models import Person
from registers import demo_register, percentile

PASSWORD = "benchmark-password-1"
USER = "bench-analyst"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(url: str, persons: int) -> tuple[int, list[str]]:
    """The register's size and search queries typed as users would (Latin, Russian, cases)."""
    engine = demo_register(url, persons)
    with transaction(session_factory(engine)) as session:
        if session.scalar(select(User).where(User.username == USER)) is None:
            add_user(
                session,
                actor=Actor("benchmark", Channel.CLI),
                username=USER,
                role=Role.ANALYST,
                password=PASSWORD,
            )
        queries = _queries(session)
    engine.dispose()
    return persons, queries


def _queries(session: Session) -> list[str]:
    rng = random.Random(7)
    rows = session.execute(
        select(Person.surname, Person.given_name).where(Person.side == "own").limit(2000)
    ).all()
    made = []
    for surname, given in rng.sample(rows, min(300, len(rows))):
        text = f"{given or ''} {surname}".strip()
        style = rng.random()
        if style < 0.5:  # Latin, as a foreign list writes it
            made.append(transliterate(text))
        elif style < 0.75:
            made.append(surname.lower())
        else:
            made.append(f"{surname} {given or ''}".strip())
    return made


async def load(
    base: str, path_of: Callable[[random.Random], str], clients: int, seconds: float
) -> tuple[int, list[float], int]:
    """Every client signs in first; then the clock starts and they request for `seconds`."""
    latencies: list[float] = []
    errors = 0
    sessions = [httpx.AsyncClient(base_url=base, timeout=60) for _ in range(clients)]

    async def sign_in(client: httpx.AsyncClient) -> None:
        response = await client.post("/api/session", json={"username": USER, "password": PASSWORD})
        response.raise_for_status()

    async def client_loop(index: int, client: httpx.AsyncClient, stop_at: float) -> None:
        nonlocal errors
        rng = random.Random(index)
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            try:
                answer = await client.get(path_of(rng))
                failed = answer.status_code != 200
            except httpx.TimeoutException:  # counted, with its time, not fatal
                failed = True
            latencies.append(time.perf_counter() - started)
            errors += failed

    try:
        await asyncio.gather(*(sign_in(client) for client in sessions))
        started = time.perf_counter()
        stop_at = started + seconds
        await asyncio.gather(
            *(client_loop(i, client, stop_at) for i, client in enumerate(sessions))
        )
        elapsed = time.perf_counter() - started
    finally:
        for client in sessions:
            await client.aclose()
    return int(len(latencies) / elapsed), latencies, errors


def pct(values: list[float], share: float) -> float:
    return percentile(values, share) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--db", default="")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'web.sqlite3'}"
    persons, queries = prepare(url, args.persons)
    port = free_port()
    env = {**os.environ, "HOMEWARD_DATABASE_URL": url}
    log_path = Path(tempfile.mkdtemp()) / "server.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "homeward"),
            "serve",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise SystemExit("the server did not start")
        ready_in_a_row, deadline = 0, time.monotonic() + 180
        while ready_in_a_row < 20:  # every worker has built its name tables
            if time.monotonic() > deadline:
                raise SystemExit("the workers did not warm up in 3 minutes")
            ready = httpx.get(f"{base}/readyz", timeout=10).status_code == 200
            ready_in_a_row = ready_in_a_row + 1 if ready else 0
            time.sleep(0.05 if ready else 0.5)
        backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        print(
            f"{backend}, {persons:,} persons, {args.workers} worker(s), {args.clients} "
            f"concurrent clients, {args.seconds:.0f} s each"
        )
        print(
            f"{'endpoint':<28} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}"
        )
        cases: list[tuple[str, Callable[[random.Random], str]]] = [
            ("baseline /healthz", lambda rng: "/healthz"),
            ("person page", lambda rng: f"/persons/{rng.randint(1, persons)}"),
            ("search", lambda rng: f"/search?q={rng.choice(queries)}"),
        ]
        for name, path_of in cases:
            rate, latencies, errors = asyncio.run(load(base, path_of, args.clients, args.seconds))
            print(
                f"{name:<28} {rate:>7} {pct(latencies, 0.5):>8.1f} {pct(latencies, 0.95):>8.1f} "
                f"{pct(latencies, 0.99):>8.1f} {errors:>7}"
            )
    except Exception:
        print(f"the server's log ({log_path}) ends:\n" + log_path.read_text()[-3000:])
        raise
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        log.close()


if __name__ == "__main__":
    main()
