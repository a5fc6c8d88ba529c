"""PostgreSQL only: several processes on one database is what these tests are about (SQLite is one writer).

    pg_url   a fresh, empty PostgreSQL database (created on the test server, dropped afterwards); the test
             is skipped, saying why, when PostgreSQL does not answer
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.conftest import fresh_postgres_database


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    async with fresh_postgres_database("xiaopu_s") as url:
        yield url
