"""Fixtures shared by every database test: each runs on SQLite and, when it answers, on PostgreSQL.

    database_url   a migrated database holding no rows, one per test: a copy of a SQLite file migrated once per
                   test process, or on PostgreSQL one database per test process (`xiaopu_w_<random>`), migrated
                   once and emptied before each test (`Emptier`: rows deleted, sequences set back), dropped at the end
    empty_database_url  a fresh database with no tables at all, for the tests of migrating itself
    db             `database_url` with the ORM set up for the test (store tests)
    app            the API for `database_url`, not started (override it to add routes or state)
    client         an httpx.AsyncClient talking to `app`, with its lifespan running
    make_key       `await make_key("storefront")` -> a new API key's plaintext (needs `client`)

PostgreSQL is reached as XIAOPU_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test).
"""

from __future__ import annotations

import asyncio
import functools
import gc
import os
import secrets
import shutil
import socket
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from tortoise.context import TortoiseContext

from api.app import create_app
from engine import load_policy_set
from store import clock
from store.api_keys import DEFAULT_CHANNEL, create_key
from store.db import connected, migrate
from tests.clock import WORLD_START, parsed_time, start_world

ADMIN_URL = os.environ.get("XIAOPU_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
# The supplier of the test applications (credit code 91330100MA2AXXXX07): test supplier keys speak for it.
TEST_SUPPLIER = "SUP-91330100MA2AXXXX07"
SHIPPED_POLICY_VERSION = load_policy_set(Path(__file__).resolve().parents[1]).label
MakeKey = Callable[..., Awaitable[str]]


@functools.cache
def postgres_answers() -> bool:
    parts = urlsplit(ADMIN_URL)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), timeout=1):
            return True
    except OSError:
        return False


def pytest_collection_finish(session: pytest.Session) -> None:
    """What is imported and collected by now lives as long as the test process: the cyclic garbage collector
    stops walking it (gc.freeze) and looks at new objects every 10,000 allocations instead of 700. It had
    taken ~10% of a test process's CPU (measured with gc.callbacks over tests/commerce: 2.7 s of 27 s; 0.5 s
    after)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)


@pytest.fixture(autouse=True)
def _world_clock(request: pytest.FixtureRequest) -> Iterator[None]:
    """Each test's world starts on the same day, WORLD_START (or where its `world_starts` mark says), and its clock
    runs from there at the real clock's pace; tests move it with tests/clock.py's advance_to."""
    mark = request.node.get_closest_marker("world_starts")
    start_world(parsed_time(mark.args[0]) if mark else WORLD_START)
    yield
    clock.freeze(None)
    clock.use_source(None)


@pytest.fixture(autouse=True)
def _hermetic_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own XIAOPU_* settings never leak into tests."""
    for name in ("XIAOPU_DATABASE_URL", "XIAOPU_DEV_KEYS", "XIAOPU_SECURE_COOKIES", "XIAOPU_PAGE_SESSION_HOURS"):
        monkeypatch.delenv(name, raising=False)


@asynccontextmanager
async def fresh_postgres_database(prefix: str) -> AsyncIterator[str]:
    """A new, empty database on the test server, dropped afterwards; skips the test when PostgreSQL
    does not answer."""
    if not postgres_answers():
        pytest.skip(f"PostgreSQL does not answer at {urlsplit(ADMIN_URL).netloc} (set XIAOPU_TEST_POSTGRES_URL)")
    name = f"{prefix}_{secrets.token_hex(6)}"
    await create_test_database(name)
    try:
        yield urlsplit(ADMIN_URL)._replace(path=f"/{name}").geturl()
    finally:
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(ADMIN_URL)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def create_test_database(name: str) -> None:
    """A new database for tests. Its commits do not wait for the WAL to reach the disk (`synchronous_commit`
    off: ~0.1 ms a commit instead of 1-2 ms here): what a test checks is what was committed, which a crash of
    PostgreSQL itself, the only thing this gives up, never takes part in."""
    await _admin(f'CREATE DATABASE "{name}"')
    await _admin(f'ALTER DATABASE "{name}" SET synchronous_commit = off')


BACKENDS = [pytest.param("sqlite", id="sqlite"), pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
async def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite://{tmp_path / 'xiaopu.sqlite3'}"
        return
    async with fresh_postgres_database("xiaopu_t") as url:
        yield url


def run_apart(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine to its end in a thread of its own (session fixtures are first asked for inside a test's
    event loop, where asyncio.run cannot start another)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="session")
def migrated_sqlite_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once for this test process; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "migrated.sqlite3"
    run_apart(migrate(f"sqlite://{path}"))
    return path


class Emptier:
    """Empties this test process's PostgreSQL database before each test: every table but the migration record, and
    each sequence a test used set back to its start, as freshly migrated. DELETE, not TRUNCATE (on tables this small
    TRUNCATE's new files cost ~70 ms a test), and setval, not ALTER SEQUENCE (a catalog change: ~1 ms a sequence);
    one statement on one connection kept for the whole session, on a thread of its own (each test runs its own event
    loop). The audit log's guard against deleting is a trigger, which replica mode (the test server's superuser)
    skips."""

    def __init__(self, url: str) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="postgres-emptier", daemon=True)
        self._thread.start()
        dsn = urlsplit(url)._replace(scheme="postgresql").geturl()
        self._conn: asyncpg.Connection = self._run(asyncpg.connect(dsn))
        tables = [row[0] for row in self._run(self._conn.fetch(
            "SELECT format('%I', tablename) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'aerich'"))]
        self._sql = ";".join([
            "SET session_replication_role = replica", *(f"DELETE FROM {table}" for table in tables),
            "SELECT setval(format('%I', sequencename)::regclass, start_value, false) FROM pg_sequences"
            " WHERE schemaname = 'public' AND sequencename NOT LIKE 'aerich%' AND last_value IS NOT NULL"])

    def _run(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def empty(self) -> None:
        self._run(self._conn.execute(self._sql))

    def close(self) -> None:
        self._run(self._conn.close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()


@pytest.fixture(scope="session")
def migrated_postgres() -> Iterator[tuple[str, Emptier] | None]:
    """One PostgreSQL database for this test process, migrated once, and its emptier (None when PostgreSQL does not
    answer)."""
    if not postgres_answers():
        yield None
        return
    name = f"xiaopu_w_{secrets.token_hex(6)}"
    run_apart(create_test_database(name))
    url = urlsplit(ADMIN_URL)._replace(path=f"/{name}").geturl()
    try:
        run_apart(migrate(url))
        emptier = Emptier(url)
        try:
            yield url, emptier
        finally:
            emptier.close()
    finally:
        run_apart(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=BACKENDS)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        path = tmp_path / "xiaopu.sqlite3"
        shutil.copyfile(request.getfixturevalue("migrated_sqlite_file"), path)
        yield f"sqlite://{path}"
        return
    migrated = request.getfixturevalue("migrated_postgres")
    if migrated is None:
        pytest.skip(f"PostgreSQL does not answer at {urlsplit(ADMIN_URL).netloc} (set XIAOPU_TEST_POSTGRES_URL)")
    url, emptier = migrated
    emptier.empty()
    yield url


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[TortoiseContext]:
    async with connected(database_url) as ctx:
        yield ctx


@pytest.fixture
def app(database_url: str) -> FastAPI:
    return create_app(database_url=database_url, tick_seconds=0, run_migrations=False)  # migrated once


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://xiaopu.test") as c:
            yield c


@pytest.fixture
def make_key(client: httpx.AsyncClient) -> MakeKey:
    async def make(role: str, **options: Any) -> str:
        """A key of `role`; a supplier key speaks for TEST_SUPPLIER and a storefront key for DEFAULT_CHANNEL unless
        `party` says otherwise, a reviewer or policy admin key for a new person unless `person` says otherwise."""
        if role == "supplier":
            options.setdefault("party", TEST_SUPPLIER)
        if role == "storefront":  # the development keys' channel, unless told
            options.setdefault("party", DEFAULT_CHANNEL)
        if role in ("reviewer", "policy_admin"):  # a person's key names the person: one per key unless told
            options.setdefault("person", f"Tester {secrets.token_hex(4)} <{role}@xiaopu.test>")
        _, plaintext = await create_key(role, **options)
        return plaintext

    return make
