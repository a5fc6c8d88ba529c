"""Quote requests per second and latency through uvicorn, beside a bare FastAPI endpoint with the same
request model, in the same run; and orders ingested per second.

    .venv/bin/python bench/api.py [--seconds 8] [--concurrency 16] [--rounds 2] [--postgres [ADMIN_URL]]

Both servers run as uvicorn subprocesses on loopback (one worker each) on a fresh SQLite file, or with
`--postgres` on a fresh PostgreSQL database created on ADMIN_URL (default XIAOPU_BENCH_POSTGRES_URL, else
postgres://postgres@127.0.0.1:5432/test) and dropped afterwards; the load comes from bench/loadgen.py (raw
keep-alive HTTP/1.1 on asyncio) in this process, bounded in time. The bare endpoint's and Xiaopu's quote runs
alternate `--rounds` times, so that neither meets a busier machine more than the other; each run shows the
server's CPU time per request (from /proc).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.cpu import cpu_seconds  # noqa: E402
from bench.loadgen import run_load  # noqa: E402
from bench.supply import dev_keys, list_the_goods, listed  # noqa: E402
from engine.fields import format_yuan, parse_yuan  # noqa: E402

QUOTE = {"items": [{"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90", "quantity": 1},
                   {"sku": "LIP", "category": "cosmetics", "price": "99.00", "quantity": 2},
                   {"sku": "SHOE", "category": "shoes", "price": "459.00", "quantity": 1}]}
# an order's lines name the supplier that listed them (bench/supply.py lists them first)
ORDER_ITEMS = listed(QUOTE["items"])
KEY = "xpk_bench_benchmarkkeybenchmarkkey"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    """The server's log goes to a temporary file, never to a pipe: a pipe nobody reads fills up with the
    per-request log lines and stalls the server mid-run."""
    log = tempfile.TemporaryFile()  # noqa: SIM115 (kept open for the server; read when it dies)
    proc = subprocess.Popen([sys.executable, "-m", *args], cwd=ROOT, env={**os.environ, **env},
                            stdout=subprocess.DEVNULL, stderr=log)
    SERVER_LOGS[proc.pid] = log
    return proc


SERVER_LOGS: dict[int, IO[bytes]] = {}


def _log_tail(proc: subprocess.Popen[bytes]) -> str:
    log = SERVER_LOGS[proc.pid]
    log.seek(0)
    return log.read().decode(errors="replace")[-2000:]


async def wait_ready(url: str, proc: subprocess.Popen[bytes]) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(200):
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {_log_tail(proc)}")
            try:
                await client.get(url)
                return
            except httpx.TransportError:
                await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} never answered")


@asynccontextmanager
async def scratch_postgres(admin_url: str, query: str = "") -> AsyncIterator[str]:
    """A fresh PostgreSQL database for one run (its URL, with `query` such as `maxsize=20`), dropped after."""
    import asyncpg

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(admin_url)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    name = f"xiaopu_bench_{secrets.token_hex(4)}"
    await admin(f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(admin_url)._replace(path=f"/{name}", query=query).geturl()
    finally:
        await admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=2, help="the bare endpoint then Xiaopu's quotes, this many times")
    parser.add_argument("--smoke", action="store_true", help="a second or two at tiny sizes: does it still run?")
    parser.add_argument("--postgres", nargs="?", metavar="ADMIN_URL", const=os.environ.get(
        "XIAOPU_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test"),
        help="serve Xiaopu on a fresh PostgreSQL database created there instead of a SQLite file")
    args = parser.parse_args()
    if args.smoke:
        args.seconds, args.concurrency, args.rounds = 0.25, 2, 1
    if args.postgres:
        async with scratch_postgres(args.postgres) as url:
            await measure(args, url, "PostgreSQL")
    else:
        await measure(args, f"sqlite://{tempfile.mkdtemp(prefix='xiaopu-bench-')}/bench.sqlite3", "SQLite")


async def measure(args: argparse.Namespace, database_url: str, database: str) -> None:
    env = {"XIAOPU_DATABASE_URL": database_url, "XIAOPU_DEV_KEYS": dev_keys(f"storefront:{KEY}"),
           "XIAOPU_TICK_SECONDS": "0"}
    product_port, bare_port = free_port(), free_port()
    product = start(["cli.main", "serve", "--port", str(product_port)], env)
    bare = start(["uvicorn", "bench.bare_app:app", "--port", str(bare_port), "--log-level", "warning"], env)
    headers = {"Authorization": f"Bearer {KEY}"}
    try:
        await wait_ready(f"http://127.0.0.1:{product_port}/healthz", product)
        await wait_ready(f"http://127.0.0.1:{bare_port}/docs", bare)
        async with httpx.AsyncClient() as c:
            r = await c.post(f"http://127.0.0.1:{product_port}/v1/sellers", json={"seller_id": "S-BENCH"},
                             headers=headers)
            assert r.status_code in (200, 201), r.text
        await list_the_goods(f"http://127.0.0.1:{product_port}", QUOTE["items"])
        paid_at = dt.datetime.now(dt.UTC).isoformat()  # after the store opened (an order never precedes its store)

        def quote(_: int) -> tuple[str, str, Any]:
            return "POST", "/v1/commission/quotes", QUOTE

        def new_quote(i: int) -> tuple[str, str, Any]:
            """A basket no one asked before: every line's price moves by i fen, so neither memo has it."""
            return "POST", "/v1/commission/quotes", {"items": [
                {**item, "price": format_yuan(parse_yuan(item["price"]) + i)} for item in QUOTE["items"]]}

        def order(i: int) -> tuple[str, str, Any]:
            return "PUT", f"/v1/orders/BENCH-{i}", {"seller_id": "S-BENCH", "buyer_id": f"b{i}",
                                                   "paid_at": paid_at, "items": ORDER_ITEMS}

        print(f"uvicorn, 1 worker each, {args.concurrency} keep-alive connections, {args.seconds:g} s per run, "
              f"3-line quotes, Xiaopu on {database}; load average {os.getloadavg()[0]:.1f} before the runs; "
              f"{args.rounds} round(s) of the bare endpoint then Xiaopu's quotes, then new baskets and orders")
        print(f"{'run':<28}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'failed':>8}{'server CPU us/request':>24}")
        pair = [("bare FastAPI quote", bare_port, quote), ("Xiaopu quote", product_port, quote)]
        runs = pair * args.rounds + [("Xiaopu quote, new baskets", product_port, new_quote),
                                     ("Xiaopu order ingestion", product_port, order)]
        done: dict[str, int] = {}
        failures = 0
        for label, port, make in runs:
            server = bare if port == bare_port else product
            before = cpu_seconds([server.pid])
            result = await run_load(port, make, headers, args.seconds, args.concurrency)
            lat = result.latencies_ms
            done[label] = done.get(label, 0) + len(lat)
            failures += result.failures
            per_request = 1e6 * (cpu_seconds([server.pid]) - before) / max(1, len(lat))
            print(f"{label:<28}{len(lat) / args.seconds:>10,.0f}{pct(lat, 50):>10.1f}{pct(lat, 99):>10.1f}"
                  f"{result.failures:>8}{per_request:>24,.0f}")
        bare_done = done["bare FastAPI quote"] / args.rounds
        print(f"quote throughput: Xiaopu serves {done['Xiaopu quote'] / args.rounds / bare_done:.0%} of the bare "
              f"endpoint's rate asked one basket again and again (a product page's views), "
              f"{done['Xiaopu quote, new baskets'] / bare_done:.0%} asked a new basket each time")
        if failures:
            raise SystemExit(f"{failures} requests failed")
    finally:
        for proc in (product, bare):
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    asyncio.run(main())
