"""Several clients at once, each on its own connection, as under `homeward serve --workers N`:
sign-ins and page views that all append to the audit log's chain. Nothing fails and the chain
stays whole (on SQLite every transaction queues for the write lock; on PostgreSQL an advisory
lock serialises the appends)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.roles import Role
from homeward.settings import Settings
from homeward.web.app import create_app
from tests.web.conftest import PASSWORD, fresh_client, username_of


def test_concurrent_sign_ins_and_views_never_fail_nor_fork_the_chain(web_db: Engine) -> None:
    url = web_db.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url))  # its own engine, as a worker has

    def work(index: int) -> list[int]:
        client = fresh_client(app)
        role = list(Role)[index % len(Role)]
        statuses = []
        signed = client.post(
            "/api/session", json={"username": username_of(role), "password": PASSWORD}
        )
        statuses.append(signed.status_code)
        for _ in range(4):
            statuses.append(client.get("/api/me").status_code)
            statuses.append(client.get("/").status_code)
        return statuses

    try:
        with ThreadPoolExecutor(max_workers=10) as pool:
            results = [status for batch in pool.map(work, range(20)) for status in batch]
    finally:
        app.state.engine.dispose()
    assert set(results) == {200}, sorted(set(results))
    with Session(web_db) as session:
        assert audit.verify(session).intact
