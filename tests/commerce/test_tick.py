"""`xiaopu tick` applies what is due from the database, in another process: state survives restarts."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from store.api_keys import create_key
from tests.cli_run import xiaopu_here
from tests.clock import advance_to, world_env
from tests.commerce.helpers import Storefront, ok, running_app

ROOT = Path(__file__).resolve().parents[2]


def xiaopu(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The command in this process (tests/cli_run.py)."""
    return xiaopu_here(args, {"XIAOPU_DATABASE_URL": database_url})


def xiaopu_process(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as a shell runs it: a process of its own."""
    env = {**os.environ, "XIAOPU_DATABASE_URL": database_url, **world_env()}
    return subprocess.run([sys.executable, "-m", "cli.main", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


async def test_tick_locks_due_lines_across_a_restart(database_url: str) -> None:
    async with running_app(database_url) as client:
        _, key = await create_key("storefront", party="default")
        shop = Storefront(client, key)
        await shop.open_store("S-TICK")
        await ok(await shop.order("O-TICK", "S-TICK", "buyer-1",
                                  items=[{"sku": "DRESS", "category": "womens_clothing", "price": "200.00"}]), 201)
        await ok(await shop.event("O-TICK", "RC", "receipt_confirmed", "2026-11-08T10:00:00+08:00"))
    # the server is gone; the deadline passes while nothing runs; a separate process applies it
    advance_to("2026-11-15T02:00:00Z")
    early = await asyncio.to_thread(xiaopu, database_url, "tick", "--as-of", "2026-11-15T01:59:59Z")
    assert early.returncode == 0, early.stderr
    assert json.loads(early.stdout)["locked_lines"] == 0
    due = await asyncio.to_thread(xiaopu_process, database_url, "tick", "--as-of", "2026-11-15T10:00:00+08:00")
    assert json.loads(due.stdout) == {"as_of": "2026-11-15T02:00:00Z", "locked_lines": 1, "dispute_deadlines": 0,
                                       "restricted_suppliers": 0, "judged_listings": 0}
    advance_to("2026-11-16T00:00:00Z")
    again = await asyncio.to_thread(xiaopu, database_url, "tick", "--as-of", "2026-11-16T00:00:00Z")
    assert json.loads(again.stdout)["locked_lines"] == 0  # exactly once

    async with running_app(database_url) as client:
        lines: list[dict[str, Any]] = await Storefront(client, key).lines("S-TICK")
        assert [(x["status"], x["amount"], x["locked_at"]) for x in lines] == [
            ("locked", "20.00", "2026-11-15T02:00:00Z")]


def test_tick_refuses_a_time_without_offset(tmp_path: Path) -> None:
    result = xiaopu(f"sqlite://{tmp_path / 'x.sqlite3'}", "tick", "--as-of", "2026-11-15T10:00:00")
    assert result.returncode == 2 and "UTC offset" in result.stdout


async def test_the_server_applies_due_work_by_itself(database_url: str) -> None:
    async with running_app(database_url, tick_seconds=0.05) as client:
        _, key = await create_key("storefront", party="default")
        shop = Storefront(client, key)
        await shop.open_store("S-BG")
        await ok(await shop.order("O-BG", "S-BG", "buyer-1"), 201)
        await ok(await shop.event("O-BG", "RC", "receipt_confirmed", "2026-11-08T10:00:00+08:00"))  # due at once
        for _ in range(100):
            if (await shop.lines("S-BG"))[0]["status"] == "locked":
                break
            await asyncio.sleep(0.05)
        assert (await shop.lines("S-BG"))[0]["status"] == "locked"
