"""Quote requests per second and latency through uvicorn, beside a bare FastAPI endpoint with the same
request model, in the same run; and orders ingested per second.

    .venv/bin/python bench/api.py [--seconds 8] [--concurrency 16]

Both servers run as uvicorn subprocesses on loopback (one worker each) on a fresh SQLite file; the load
comes from an httpx async client in this process, bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
QUOTE = {"items": [{"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90", "quantity": 1},
                   {"sku": "LIP", "category": "cosmetics", "price": "99.00", "quantity": 2},
                   {"sku": "SHOE", "category": "shoes", "price": "459.00", "quantity": 1}]}
KEY = "xpk_bench_benchmarkkeybenchmarkkey"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", *args], cwd=ROOT, env={**os.environ, **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


async def wait_ready(url: str, proc: subprocess.Popen[bytes]) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(200):
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
            try:
                await client.get(url)
                return
            except httpx.TransportError:
                await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} never answered")


async def load(make_request: Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]], seconds: float,
               concurrency: int) -> tuple[int, list[float], int]:
    """Run requests for `seconds` with `concurrency` workers; (ok count, latencies in ms, failures)."""
    latencies: list[float] = []
    failures = 0
    counter = iter(range(10**9))
    deadline = time.perf_counter() + seconds

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal failures
        while time.perf_counter() < deadline:
            t0 = time.perf_counter()
            response = await make_request(client, next(counter))
            if response.status_code >= 400:
                failures += 1
            else:
                latencies.append((time.perf_counter() - t0) * 1000)

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return len(latencies), latencies, failures


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="xiaopu-bench-")
    env = {"XIAOPU_DATABASE_URL": f"sqlite://{tmp}/bench.sqlite3", "XIAOPU_DEV_KEYS": f"storefront:{KEY}",
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

        def quote_to(port: int) -> Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]]:
            return lambda c, _: c.post(f"http://127.0.0.1:{port}/v1/commission/quotes", json=QUOTE, headers=headers)

        def order(c: httpx.AsyncClient, i: int) -> Awaitable[httpx.Response]:
            body = {"seller_id": "S-BENCH", "buyer_id": f"b{i}", "paid_at": "2026-11-05T10:00:00+08:00",
                    "items": QUOTE["items"]}
            return c.put(f"http://127.0.0.1:{product_port}/v1/orders/BENCH-{i}", json=body, headers=headers)

        print(f"uvicorn, 1 worker each, {args.concurrency} concurrent clients, {args.seconds:.0f} s per run, "
              f"3-line quotes")
        print(f"{'run':<26}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'failed':>8}")
        rates = {}
        for label, fn in (("bare FastAPI quote", quote_to(bare_port)), ("Xiaopu quote", quote_to(product_port)),
                          ("Xiaopu order ingestion", order)):
            count, latencies, failed = await load(fn, args.seconds, args.concurrency)
            rates[label] = count / args.seconds
            print(f"{label:<26}{rates[label]:>10,.0f}{pct(latencies, 50):>10.1f}{pct(latencies, 99):>10.1f}"
                  f"{failed:>8}")
        print(f"quote throughput ratio bare/Xiaopu: {rates['bare FastAPI quote'] / rates['Xiaopu quote']:.1f}x")
    finally:
        for proc in (product, bare):
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    asyncio.run(main())
