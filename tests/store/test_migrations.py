"""Migrations: applied on both databases, idempotent, and in step with the models."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest
from aerich.models import Aerich
from tortoise.context import TortoiseContext

from store.api_keys import ApiKey, create_key
from store.db import MIGRATIONS_LOCATION, connected, migrate
from store.errors import StoreUnavailable

ROOT = Path(__file__).resolve().parents[2]
MIGRATION_FILES = sorted((p.name for p in (MIGRATIONS_LOCATION / "models").glob("*.py")),
                         key=lambda name: int(name.split("_")[0]))  # applied by number: 10 after 9


def test_there_is_a_migration() -> None:
    assert MIGRATION_FILES and MIGRATION_FILES[0].startswith("0_")


async def test_migrations_apply_once_and_are_idempotent(empty_database_url: str) -> None:
    database_url = empty_database_url
    assert await migrate(database_url) == MIGRATION_FILES
    assert await migrate(database_url) == []
    async with connected(database_url):
        assert sorted(await Aerich.all().values_list("version", flat=True)) == sorted(MIGRATION_FILES)
        await create_key("storefront", party="default")
        assert await ApiKey.all().count() == 1


async def test_migrating_keeps_existing_rows(empty_database_url: str) -> None:
    database_url = empty_database_url
    await migrate(database_url)
    async with connected(database_url):
        record, _ = await create_key("reviewer", label="kept", person="Li Mei <li.mei@xiaopu.test>")
    await migrate(database_url)
    async with connected(database_url):
        assert (await ApiKey.get(key_id=record.key_id)).label == "kept"


async def test_migrate_leaves_the_callers_orm_alone(db: TortoiseContext, database_url: str) -> None:
    await migrate(database_url)
    assert await ApiKey.all().count() == 0  # the test's own context still works


@pytest.mark.parametrize("url", [
    pytest.param("sqlite:///nonexistent-xiaopu-dir/x.sqlite3", id="sqlite-missing-folder"),
    pytest.param("postgres://postgres@127.0.0.1:1/xiaopu", id="postgres-refused"),
])
async def test_unreachable_database_is_store_unavailable_not_a_hang(url: str) -> None:
    with pytest.raises(StoreUnavailable):
        await asyncio.wait_for(migrate(url), timeout=30)


def test_committed_migrations_match_the_models() -> None:
    """Fails when a model changed without `python -m store.make_migration NAME`."""
    result = subprocess.run([sys.executable, "-m", "store.make_migration", "--check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
