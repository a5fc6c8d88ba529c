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


def tcp_sockets(port: int) -> dict[int, str]:
    """The sockets on local `port` (socket inode -> TCP state, '0A' listening, '01' established), from /proc."""
    found = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port:
                found[int(fields[9])] = fields[3]
    return found


def socket_owners(pids: list[int]) -> dict[int, int]:
    """Socket inode -> the process (of `pids`) holding it."""
    owners = {}
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            target = os.readlink(fd)
            if target.startswith("socket:["):
                owners[int(target[8:-1])] = pid
    return owners


@pytest.mark.postgres
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="each worker's own socket is a Linux feature")
async def test_each_worker_listens_on_its_own_socket_and_keep_alive_connections_spread(pg_url: str,
                                                                                       tmp_path: Path) -> None:
    """With one shared socket a client's 16 keep-alive connections were seen all on one worker of two, which
    served alone: each worker has a socket of its own, and the kernel spreads new connections over them."""
    server = Server(pg_url, {"storefront": SHOP}, tmp_path / "server.log", workers=2)
    await asyncio.to_thread(server.start)
    connections = []
    try:
        async with asyncio.timeout(120):
            while server.log.read_text().count("Application startup complete") < 2:
                await asyncio.sleep(0.1)
        workers = [int(pid) for pid in set(re.findall(r"Started server process \[(\d+)\]", server.log.read_text()))]
        for _ in range(32):  # opened at once and kept open, as a storefront's pool does
            reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
            writer.write(b"GET /healthz HTTP/1.1\r\nhost: xiaopu\r\n\r\n")
            connections.append((reader, writer))
        for reader, _ in connections:
            assert (await reader.readuntil(b"\r\n")).startswith(b"HTTP/1.1 200")
        sockets, owners = tcp_sockets(server.port), socket_owners(workers)
        listening = [owners.get(inode) for inode, state in sockets.items() if state == "0A"]
        assert sorted(listening) == sorted(workers), (sockets, owners)  # one listening socket each, none shared
        served = [owners[inode] for inode, state in sockets.items() if state == "01" and inode in owners]
        assert len(served) == 32
        # by a hash of each connection's addresses: both get a share (fewer than 2 of 32 is a chance of 1 in 10^8)
        assert all(served.count(pid) >= 2 for pid in workers), {pid: served.count(pid) for pid in workers}
    finally:
        for _, writer in connections:
            writer.close()
        await asyncio.to_thread(server.stop)
