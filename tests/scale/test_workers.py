"""`xiaopu serve --workers N`: several uvicorn workers on PostgreSQL, refused on SQLite."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.browser import ROOT
from tests.scale.servers import Server

SHOP = "xpk_workers_shopshopshopshopshop"


def serve(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XIAOPU_DATABASE_URL": database_url}
    return subprocess.run([sys.executable, "-m", "cli.main", "serve", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args", [pytest.param(["--workers", "2"], id="two-workers"),
                                  pytest.param(["--workers", "0"], id="no-worker")])
def test_several_workers_on_sqlite_are_refused_before_anything_starts(tmp_path: Path, args: list[str]) -> None:
    result = serve(f"sqlite://{tmp_path / 'x.sqlite3'}", *args)
    assert result.returncode == 2
    assert ("needs PostgreSQL" if args[1] == "2" else "at least 1") in result.stderr
    assert not (tmp_path / "x.sqlite3").exists()  # refused before migrating


@pytest.mark.postgres
async def test_every_worker_starts_and_the_server_answers_through_them(pg_url: str, tmp_path: Path) -> None:
    server = Server(pg_url, {"storefront": SHOP}, tmp_path / "server.log", workers=3)
    await asyncio.to_thread(server.start)
    try:
        async with asyncio.timeout(120):  # every worker's start-up (migrations, keys, policy) completes
            while server.log.read_text().count("Application startup complete") < 3:
                await asyncio.sleep(0.1)
        log = server.log.read_text()
        assert len(set(re.findall(r"Started server process \[(\d+)\]", log))) == 3, log

        async def quote(i: int) -> int:
            async with httpx.AsyncClient(base_url=server.url, timeout=60) as fresh:  # a connection each
                return (await fresh.post("/v1/commission/quotes", headers={"Authorization": f"Bearer {SHOP}"},
                                         json={"items": [{"sku": f"A{i}", "category": "fresh_fruit",
                                                          "price": "28.90"}]})).status_code

        assert set(await asyncio.gather(*(quote(i) for i in range(30)))) == {200}
        assert "Traceback" not in server.log.read_text()
    finally:
        await asyncio.to_thread(server.stop)
