"""Servers and workers starting at once on one PostgreSQL database migrate it exactly once."""

from __future__ import annotations

import subprocess
import sys

import asyncpg
import pytest

from store.db import MIGRATIONS_LOCATION
from tests.browser import ROOT

pytestmark = pytest.mark.postgres

MIGRATE = "import asyncio, sys; from store.db import migrate; print(len(asyncio.run(migrate(sys.argv[1]))))"


async def test_processes_migrating_at_once_apply_each_migration_once(pg_url: str) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", MIGRATE, pg_url], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * 4, [err[-2000:] for _, err in results]
    files = sorted((p.name for p in (MIGRATIONS_LOCATION / "models").glob("*.py") if p.name[0].isdigit()),
                   key=lambda name: int(name.split("_")[0]))  # applied by number: 10 after 9
    # one process applied them all; the others found the database up to date
    assert sorted(int(out) for out, _ in results) == [0, 0, 0, len(files)]
    conn = await asyncpg.connect(pg_url)
    try:
        recorded = [row["version"] for row in await conn.fetch("SELECT version FROM aerich ORDER BY id")]
    finally:
        await conn.close()
    assert recorded == files
