"""A real server on loopback, as `homeward serve` runs it: its own engines over the test database
(on SQLite the write transactions queue for the lock), one event loop, real HTTP clients."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn
from sqlalchemy import Engine

from homeward.access.roles import Role
from homeward.cli import proxy_options
from homeward.settings import Settings
from homeward.web.app import create_app
from tests.web.conftest import PASSWORD, username_of


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def live_server(engine: Engine, **settings: object) -> Iterator[str]:
    """The application of a worker (`create_app(settings)`, engines of its own) served by
    uvicorn in a thread; yields its base URL."""
    url = engine.url.render_as_string(hide_password=False)
    configured = Settings(database_url=url, **settings)  # type: ignore[arg-type]
    app = create_app(configured)
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", **proxy_options(configured)
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        app.state.engine.dispose()
        app.state.read_engine.dispose()


def signed_in_client(base: str, role: Role, *, timeout: float = 30) -> httpx.Client:
    """An HTTP client signed in through the API as the test user of `role`, sending its CSRF
    token with every request."""
    client = httpx.Client(base_url=base, timeout=timeout)
    answer = client.post("/api/session", json={"username": username_of(role), "password": PASSWORD})
    answer.raise_for_status()
    client.headers["X-CSRF-Token"] = answer.json()["csrf_token"]
    return client
