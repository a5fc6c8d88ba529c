"""The Tortoise configuration and the migration step every entry point runs before serving.

Migrations are aerich files in store/migrations/models/; see store/README.md to add one.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import asyncpg
from aerich import Command
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.context import TortoiseContext

from store.errors import StoreUnavailable
from store.settings import redacted

APP = "models"
# Every module holding Tortoise models. Add yours here, then run `python -m store.make_migration NAME`.
MODEL_MODULES: tuple[str, ...] = (
    "store.api_keys", "store.decisions", "store.sellers", "store.orders", "store.commission", "store.suppliers",
    "store.disputes", "store.policy_versions", "store.badges", "store.campaigns", "store.audit", "store.page_sessions",
    "store.seals", "store.policy_drafts",
)
# The folder aerich reads: it holds one sub-folder per app (`models/`).
MIGRATIONS_LOCATION = Path(__file__).resolve().parent / "migrations"

log = logging.getLogger("xiaopu.store")


def connection_name(url: str) -> str:
    """The connection is named after its dialect, never `default`.

    Tortoise 1.1.9 caches each model's INSERT/DELETE SQL by connection name (EXECUTOR_CACHE), not by
    dialect: a process that used a SQLite `default` and then a PostgreSQL `default` (the test suite, which
    runs on both) would send SQLite SQL to PostgreSQL. Use `in_transaction()` without a name.
    """
    return "postgres" if urlsplit(url).scheme in ("postgres", "postgresql", "asyncpg") else "sqlite"


def is_postgres(url: str) -> bool:
    return connection_name(url) == "postgres"


# The key of the PostgreSQL advisory lock held while migrating (any constant bigint; this is "xiaopu" in ASCII).
MIGRATION_LOCK_KEY = 0x7869616F7075


@asynccontextmanager
async def migration_lock(url: str) -> AsyncIterator[None]:
    """On PostgreSQL, hold a session-level advisory lock for the block, so that servers and workers starting
    at once migrate one after the other (the later ones find nothing to do). SQLite needs none: its
    writers are serialized by the file lock, and several workers on SQLite are refused by `xiaopu serve`."""
    if not is_postgres(url):
        yield
        return
    parts = urlsplit(url)
    dsn = parts._replace(scheme="postgresql", query="").geturl()
    try:
        conn = await asyncpg.connect(dsn)
    except (OSError, asyncpg.PostgresError) as exc:
        raise StoreUnavailable(f"cannot migrate {redacted(url)}: {exc}") from exc
    try:
        await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK_KEY)
        yield  # the lock is the session's: closing the connection (or the process dying) releases it
    finally:
        await conn.close()


def tortoise_config(url: str, modules: tuple[str, ...] = MODEL_MODULES) -> dict[str, Any]:
    """The Tortoise config for a database URL (already resolved, see store.settings.resolve_database_url)."""
    name = connection_name(url)
    connection: str | dict[str, Any] = url
    if name == "sqlite":
        path, _, query = url.removeprefix("sqlite://").partition("?")
        params = dict(item.partition("=")[::2] for item in query.split("&") if item)
        connection = {"engine": "store.sqlite_backend", "credentials": {"file_path": path, **params}}
    else:  # the pool's size and its connections' release: store/postgres_backend.py
        connection = {**expand_db_url(url), "engine": "store.postgres_backend"}
    return {
        "connections": {name: connection},
        "apps": {APP: {"models": [*modules, "aerich.models"], "default_connection": name}},
        "use_tz": True,
        "timezone": "UTC",
    }


def _check_sqlite_file(url: str) -> None:
    """Fail fast: tortoise + aiosqlite hang (instead of raising) when the SQLite file cannot be opened."""
    path_text = url.removeprefix("sqlite://").partition("?")[0]
    if not url.startswith("sqlite://") or path_text == ":memory:":
        return
    path = Path(path_text)
    target = path if path.exists() else path.parent
    if not target.exists() or not os.access(target, os.R_OK | os.W_OK):
        raise StoreUnavailable(f"cannot open the SQLite database {path}: {target} is missing or not writable")


@asynccontextmanager
async def connected(url: str) -> AsyncIterator[TortoiseContext]:
    """Models work inside the block (in this task and the tasks it starts); connections close after."""
    _check_sqlite_file(url)
    async with TortoiseContext() as ctx:
        await ctx.init(config=tortoise_config(url))
        yield ctx


async def migrate(url: str, location: Path = MIGRATIONS_LOCATION) -> list[str]:
    """Apply every migration the database has not seen yet, each in its own transaction.

    Returns the names of the migrations applied (empty when the database is up to date). Runs in its own
    Tortoise context, so it neither needs nor disturbs an ORM the caller has set up. Processes may run it at
    once (on PostgreSQL under `migration_lock`); not safe to run concurrently in one process: aerich keeps its
    state on the `Migrate` class.
    """
    try:
        async with migration_lock(url), connected(url):
            command = Command(tortoise_config=tortoise_config(url), app=APP, location=str(location))
            await command.init()
            applied = await command.upgrade(run_in_transaction=True)
    except OSError as exc:  # refused connection, unknown database (tortoise's DBConnectionError is an OSError)
        raise StoreUnavailable(f"cannot migrate {redacted(url)}: {exc}") from exc
    for name in applied:
        log.info("applied migration %s", name)
    return applied
