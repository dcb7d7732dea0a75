"""Throughput and latency of the web application under 20 concurrent clients on loopback, and
of the family page under 50 concurrent relatives.

    .venv/bin/python benchmarks/web.py --persons 100000 [--db URL] [--workers 2] [--seconds 20]
        [--relatives 50]

Builds the synthetic register (or reuses the one at --db if it holds N persons), starts
`homeward serve` in a subprocess, signs in one user per client, and for each endpoint runs
20 concurrent clients for the given seconds, printing requests per second and p50/p95/p99
latency: the person page (a random person each request: the dossier, its status explanation,
and an audit entry) and search (a random name as a user types it, in another script). Beside
them in the same run, the baseline: `/healthz`, which touches neither the database nor the
session, shows what the server and this load generator cost on this machine by themselves.
The family page is measured the same way under 50 relatives, each with a code of their own
(issued before the clock starts, entered at /family like a relative does), each reading their
person's page (status, latest evidence, an audit entry): beside it, `/healthz` again under the
same 50 clients, in the same run; then once more with each relative reading the page for
1 to 3 s before looking again (the others measure a crowd that reloads without pause).
The load generator runs on the same two cores as the server: the figures are a lower bound.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.models import User
from homeward.access.roles import Role
from homeward.access.users import add_user
from homeward.db import session_factory, transaction
from homeward.families.access import issue_code
from homeward.names import transliterate
from homeward.registry.models import Contact, Person
from registers import demo_register, percentile

PASSWORD = "benchmark-password-1"
USER = "bench-analyst"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(url: str, persons: int, relatives: int) -> tuple[int, list[str], list[str]]:
    """The register's size, search queries typed as users would (Latin, Russian, cases), and
    an access code for each relative (issued now: a code is shown once)."""
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
        codes = _family_codes(session, relatives)
    engine.dispose()
    return persons, queries, codes


def _family_codes(session: Session, count: int) -> list[str]:
    """A code for each of `count` random families of our own persons."""
    rng = random.Random(11)
    contacts = session.scalars(
        select(Contact.id)
        .join(Person, Person.id == Contact.person_id)
        .where(Person.side == "own", Person.merged_into_id.is_(None))
        .limit(20_000)
    ).all()
    actor = Actor("benchmark", Channel.CLI)
    chosen = rng.sample(list(contacts), min(count, len(contacts)))
    return [issue_code(session, actor=actor, contact_id=c, valid_days=2).code for c in chosen]


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


SignIn = Callable[[int, httpx.AsyncClient], Awaitable[None]]


async def no_sign_in(_index: int, _client: httpx.AsyncClient) -> None:
    """`/healthz` needs no session."""


def staff_sign_in() -> SignIn:
    """One sign-in, its session shared by every client: sign-in is throttled per address (the
    load generator is one address), and what is measured is the page, not argon2."""
    cookies: list[httpx.Cookies] = []

    async def sign_in(_index: int, client: httpx.AsyncClient) -> None:
        if not cookies:
            response = await client.post(
                "/api/session", json={"username": USER, "password": PASSWORD}
            )
            response.raise_for_status()
            cookies.append(client.cookies)
        client.cookies.update(cookies[0])

    return sign_in


def relatives_sign_in(codes: list[str]) -> SignIn:
    """Each relative opens /family and types their own code, as the page asks."""

    async def enter(index: int, client: httpx.AsyncClient) -> None:
        form = await client.get("/family")
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
        assert token, "no form on /family"
        entered = await client.post(
            "/family", data={"code": codes[index % len(codes)], "csrf_token": token.group(1)}
        )
        if entered.status_code != 303:
            raise SystemExit(f"a relative's code was refused: {entered.status_code}")

    return enter


async def load(
    base: str,
    path_of: Callable[[random.Random], str],
    clients: int,
    seconds: float,
    sign_in: SignIn | None = None,
    pause: tuple[float, float] = (0.0, 0.0),
) -> tuple[int, list[float], int]:
    """Every client signs in first; then the clock starts and they request for `seconds`."""
    latencies: list[float] = []
    errors = 0
    # idle connections are dropped before the server (keep-alive 5 s) closes them under us
    limits = httpx.Limits(keepalive_expiry=2)
    sessions = [httpx.AsyncClient(base_url=base, timeout=60, limits=limits) for _ in range(clients)]

    async def client_loop(index: int, client: httpx.AsyncClient, stop_at: float) -> None:
        nonlocal errors
        rng = random.Random(index)
        if pause[1]:  # relatives arrive at their own moments, not all in the same instant
            await asyncio.sleep(rng.uniform(0.0, pause[1]))
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            try:
                answer = await client.get(path_of(rng))
                failed = answer.status_code != 200
            except httpx.TransportError:  # a timeout, a dropped connection: counted, not fatal
                failed = True
            latencies.append(time.perf_counter() - started)
            errors += failed
            if pause[1]:  # a relative reads the page before looking again
                await asyncio.sleep(rng.uniform(*pause))

    try:
        signing_in = sign_in or staff_sign_in()
        for index, client in enumerate(sessions):
            await signing_in(index, client)
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


def always(path: str) -> Callable[[random.Random], str]:
    return lambda _rng: path


def pct(values: list[float], share: float) -> float:
    return percentile(values, share) * 1000


def report(name: str, rate: int, latencies: list[float], errors: int) -> None:
    print(
        f"{name:<28} {rate:>7} {pct(latencies, 0.5):>8.1f} {pct(latencies, 0.95):>8.1f} "
        f"{pct(latencies, 0.99):>8.1f} {errors:>7}"
    )


def measure_relatives(base: str, codes: list[str], relatives: int, seconds: float) -> None:
    """The family page under `relatives` concurrent relatives, each with their own code, beside
    /healthz under as many clients; then with each relative reading for 1 to 3 s."""
    print(f"The family page, {relatives} concurrent relatives, each with their own code")
    family: list[tuple[str, str, SignIn, tuple[float, float]]] = [
        ("baseline /healthz", "/healthz", no_sign_in, (0.0, 0.0)),
        ("family page", "/family", relatives_sign_in(codes), (0.0, 0.0)),
        ("baseline /healthz, 1-3 s", "/healthz", no_sign_in, (1.0, 3.0)),
        ("family page, reading 1-3 s", "/family", relatives_sign_in(codes), (1.0, 3.0)),
    ]
    for name, path, sign_in, pause in family:
        report(name, *asyncio.run(load(base, always(path), relatives, seconds, sign_in, pause)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--db", default="")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--relatives", type=int, default=50)
    parser.add_argument("--family-only", action="store_true", help="only the family page")
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'web.sqlite3'}"
    persons, queries, codes = prepare(url, args.persons, args.relatives)
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
        for name, path_of in [] if args.family_only else cases:
            rate, latencies, errors = asyncio.run(load(base, path_of, args.clients, args.seconds))
            report(name, rate, latencies, errors)
        measure_relatives(base, codes, args.relatives, args.seconds)
    except Exception:
        print(f"the server's log ({log_path}) ends:\n" + log_path.read_text()[-3000:])
        raise
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        log.close()


if __name__ == "__main__":
    main()
