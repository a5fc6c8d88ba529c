"""PostgreSQL only: several processes on one database is what these tests are about (SQLite is one writer).

    pg_url   a fresh, empty PostgreSQL database (created on the test server, dropped afterwards); the test
             is skipped, saying why, when PostgreSQL does not answer
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import pytest

from tests.conftest import ADMIN_URL, _admin, postgres_answers


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    if not postgres_answers():
        pytest.skip(f"PostgreSQL does not answer at {urlsplit(ADMIN_URL).netloc} (set XIAOPU_TEST_POSTGRES_URL)")
    name = f"xiaopu_s_{secrets.token_hex(6)}"
    await _admin(f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(ADMIN_URL)._replace(path=f"/{name}").geturl()
    finally:
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
