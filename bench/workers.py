"""Quotes and order ingestion on PostgreSQL through `xiaopu serve --workers N`, with 1 and then 2 workers, in
one run: requests per second, p50 and p99 of each.

    .venv/bin/python bench/workers.py [--seconds 8] [--connections 16] [--workers 1,2] [--admin-url URL]

Each server runs on a fresh PostgreSQL database it creates and drops (on the server of --admin-url, default
XIAOPU_BENCH_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/test); the load comes from bench/loadgen.py
(raw keep-alive HTTP/1.1 on asyncio) in this process, bounded in time. The load generator shares the machine's
cores with the workers: on a small machine it caps what more workers can show. Each run shows how busy the
machine's cores were and how many of them the load generator took (from /proc): whether a core was left free;
and the machine's CPU per request (all its cores' busy time over the run, divided by the requests): when that
stays the same with more workers, throughput is bounded by the cores, not by the workers.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.api import ORDER_ITEMS, QUOTE, free_port, pct, scratch_postgres, start, wait_ready  # noqa: E402
from bench.cpu import busy_share, cpu_seconds, machine_ticks  # noqa: E402
from bench.loadgen import run_load  # noqa: E402
from bench.supply import dev_keys, list_the_goods  # noqa: E402

SHOP = "xpk_bench_workersshopworkersshop"
SELLERS = [f"S-W{i}" for i in range(16)]


async def warm(port: int, headers: dict[str, str], seconds: float = 3.0) -> None:
    """Quotes on new connections for a few seconds, 8 at a time: every worker (the kernel hands each connection
    to one) has started, opened its database pool and run its first evaluations before anything is timed."""
    deadline = asyncio.get_running_loop().time() + seconds

    async def one() -> None:
        while asyncio.get_running_loop().time() < deadline:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=headers) as fresh:
                await fresh.post("/v1/commission/quotes", json=QUOTE)

    await asyncio.gather(*(one() for _ in range(8)))


async def measure(admin_url: str, workers: int, seconds: float, connections: int, warm_seconds: float = 3.0
                  ) -> list[tuple[str, Any, float, float]]:
    """Each run's label, its result, the share of the machine's cores busy during it and the cores the load
    generator used."""
    async with scratch_postgres(admin_url) as database_url:
        port = free_port()
        env = {"XIAOPU_DATABASE_URL": database_url,
               "XIAOPU_DEV_KEYS": dev_keys(f"storefront:{SHOP}"), "XIAOPU_TICK_SECONDS": "0"}
        proc = start(["cli.main", "serve", "--port", str(port), "--workers", str(workers)], env)
        headers = {"Authorization": f"Bearer {SHOP}"}
        try:
            await wait_ready(f"http://127.0.0.1:{port}/healthz", proc)
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=headers) as client:
                for seller in SELLERS:
                    r = await client.post("/v1/sellers", json={"seller_id": seller})
                    assert r.status_code in (200, 201), r.text
            await list_the_goods(f"http://127.0.0.1:{port}", QUOTE["items"])
            paid_at = dt.datetime.now(dt.UTC).isoformat()  # after the stores opened (an order never precedes its store)
            await warm(port, headers, warm_seconds)

            def quote(_: int) -> tuple[str, str, Any]:
                return "POST", "/v1/commission/quotes", QUOTE

            def order(i: int) -> tuple[str, str, Any]:  # orders spread over sellers, as a marketplace's are
                return "PUT", f"/v1/orders/W{workers}-{i}", {
                    "seller_id": SELLERS[i % len(SELLERS)], "buyer_id": f"b{i}", "paid_at": paid_at,
                    "items": ORDER_ITEMS}

            results = []
            for label, make in (("quotes", quote), ("order ingestion", order)):
                ticks, own = machine_ticks(), cpu_seconds([os.getpid()])
                result = await run_load(port, make, headers, seconds, connections)
                results.append((label, result, busy_share(ticks, machine_ticks()),
                                (cpu_seconds([os.getpid()]) - own) / seconds))
            return results
        finally:
            proc.terminate()
            proc.wait(timeout=30)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", default="1,2", help="worker counts to run, in order (default 1,2)")
    parser.add_argument("--admin-url", default=os.environ.get("XIAOPU_BENCH_POSTGRES_URL",
                                                              "postgres://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--smoke", action="store_true", help="a second or two at tiny sizes: does it still run?")
    args = parser.parse_args()
    warm_seconds = 3.0
    if args.smoke:  # every step, each as short as it can be
        args.seconds, args.connections, args.workers, warm_seconds = 0.25, 2, "1", 0.2
    counts = [int(n) for n in args.workers.split(",")]
    print(f"xiaopu serve --workers N on PostgreSQL ({urlsplit(args.admin_url).netloc}), {args.connections} keep-alive "
          f"connections, {args.seconds:g} s per run, 3-line quotes and 3-line orders; {os.cpu_count()} CPUs")
    print(f"{'workers':>8}  {'run':<18}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'failed':>8}{'cores busy':>12}"
          f"{'load generator':>16}{'machine CPU ms/req':>20}")
    cores = os.cpu_count() or 1
    rates: dict[tuple[int, str], float] = {}
    cpu_per_request: dict[tuple[int, str], float] = {}
    failures = 0
    for workers in counts:
        for label, result, busy, loading in await measure(args.admin_url, workers, args.seconds, args.connections,
                                                          warm_seconds):
            lat = result.latencies_ms
            rates[workers, label] = len(lat) / args.seconds
            cpu_per_request[workers, label] = busy * cores * args.seconds * 1000 / max(1, len(lat))
            failures += result.failures
            print(f"{workers:>8}  {label:<18}{rates[workers, label]:>10,.0f}{pct(lat, 50):>10.1f}"
                  f"{pct(lat, 99):>10.1f}{result.failures:>8}{busy:>12.0%}{loading:>16.2f}"
                  f"{cpu_per_request[workers, label]:>20.2f}")
    if failures:
        raise SystemExit(f"{failures} requests failed")
    if len(counts) > 1:
        first, last = counts[0], counts[-1]
        print(" ".join(f"{label}: {rates[last, label] / rates[first, label]:.2f}x with {last} workers vs {first};"
                       for label in ("quotes", "order ingestion")))
        print(" ".join(f"the machine's CPU per {noun}: {cpu_per_request[first, label]:.2f} ms with {first} "
                       f"worker(s), {cpu_per_request[last, label]:.2f} ms with {last};"
                       for noun, label in (("quote", "quotes"), ("order", "order ingestion"))))


if __name__ == "__main__":
    asyncio.run(main())
