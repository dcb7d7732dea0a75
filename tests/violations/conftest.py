"""The violations' tests: service tests on the rolled-back `session`; web tests on the web
application of tests/web/conftest.py (its users, one per role)."""

from __future__ import annotations

from tests.web.conftest import client_as, web_db  # noqa: F401 (fixtures)
