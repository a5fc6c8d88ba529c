"""What attribution costs: plain orders vs orders through a shared list (the reward decided by four policies and
reserved from a slice of the campaign pool in the order's statement), in the same run on PostgreSQL.

    .venv/bin/python bench/campaigns.py [--seconds 8] [--concurrency 16] [--rounds 2] [--workers 1]

One `xiaopu serve` (one worker unless `--workers` says more, a pool of 20 connections each) on a fresh PostgreSQL
database created on XIAOPU_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test) and dropped
afterwards; the load comes from bench/loadgen.py. Both runs send the same 3-line orders, paid on Dec 8 (in the
window); the server's clock is set to Dec 8 too (the test suite's clock hook, tests/clock_hook), since the platform
refuses orders paid in its future: it starts two minutes before (the lists are shared before the orders paid through
them) and runs at the real clock's pace (XIAOPU_TEST_CLOCK_AT), so that a look at it costs what the real clock's
does. There are enough shared lists for every attributed order to reserve its reward (a sharer's limit would
otherwise refuse the later ones, which costs less); the runs alternate, plain then attributed, `--rounds` times, so
that neither meets a fuller database or a busier machine more than the other; each is shown with the server's (its
workers' included) and PostgreSQL's CPU time per order (from /proc).

Then the pool alone, in this process on the same database: `--concurrency` transactions at once, each reserving RMB
5.00 and holding what it locked for HOLD_MS (the rest of an order's transaction), once as one conditional UPDATE on
the campaign's row (the pool before it was sliced) and once through the sliced pool (store/campaigns.py
reserve_in_pool): what the pool's rows allow, apart from the rest of the order's work.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.api import ORDER_ITEMS, QUOTE, free_port, pct, scratch_postgres, start, wait_ready  # noqa: E402
from bench.cpu import cpu_seconds, postgres_pids, process_tree  # noqa: E402
from bench.loadgen import run_load  # noqa: E402
from bench.supply import dev_keys, list_the_goods  # noqa: E402

KEY = "xpk_bench_campaignkeycampaignkey"
ADMIN_URL = os.environ.get("XIAOPU_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
LISTS = 1000  # a sharer earns at most RMB 500: ~33 orders of RMB 14.76 each; 33,000 orders in all
PAID_AT = "2026-12-08T10:00:00+08:00"
# the server's clock starts two minutes earlier: the lists are shared before the orders paid through them (an order
# paid before its list was shared is refused), and PAID_AT stays within the clock's allowed skew of five minutes
CLOCK_AT = "2026-12-08T09:58:00+08:00"
HOLD_MS = 5


async def pool_rows(url: str, seconds: float, concurrency: int) -> dict[str, float]:
    """Reservations per second: one row for the whole pool against the sliced pool (transactions/s)."""
    import time

    from tortoise.expressions import F
    from tortoise.transactions import in_transaction

    from store.campaigns import Campaign, reserve_in_pool
    from store.db import connected

    cap = 10**12
    rates = {}
    async with connected(url):
        for mode in ("one row", "sliced"):
            campaign_id = f"BENCH-POOL-{mode.replace(' ', '-')}"
            await Campaign.create(campaign_id=campaign_id, budget_fen=cap)
            done = 0
            end = time.monotonic() + seconds

            async def worker(campaign_id: str = campaign_id, mode: str = mode, end: float = end) -> None:
                nonlocal done
                while time.monotonic() < end:
                    async with in_transaction() as conn:
                        if mode == "one row":
                            assert await Campaign.filter(campaign_id=campaign_id, reserved_fen__lte=cap - 500 - F(
                                "committed_fen")).using_db(conn).update(reserved_fen=F("reserved_fen") + 500)
                        else:
                            assert await reserve_in_pool(campaign_id, 500, cap, conn) is not None
                        await asyncio.sleep(HOLD_MS / 1000)
                    done += 1

            await asyncio.gather(*(worker() for _ in range(concurrency)))
            rates[mode] = done / seconds
    return rates


async def prepare(base: str, headers: dict[str, str], lists: int) -> None:
    async with httpx.AsyncClient(base_url=base, headers=headers) as c:
        assert (await c.post("/v1/sellers", json={"seller_id": "S-BENCH"})).status_code in (200, 201)
        await list_the_goods(base, QUOTE["items"])
        skus = [item["sku"] for item in QUOTE["items"]]

        async def share(n: int) -> None:
            r = await c.post("/v1/share-lists", json={"share_list_id": f"L-{n}", "consumer_id": f"C-{n}",
                                                      "seller_id": "S-BENCH", "skus": skus})
            assert r.status_code in (200, 201), r.text

        for first in range(0, lists, 16):
            await asyncio.gather(*(share(n) for n in range(first, min(lists, first + 16))))


def order(prefix: str, attributed: bool, lists: int) -> Any:
    def make(i: int) -> tuple[str, str, Any]:
        body: dict[str, Any] = {"seller_id": "S-BENCH", "buyer_id": f"b{i}", "paid_at": PAID_AT,
                                "items": ORDER_ITEMS}
        if attributed:
            body["share_list_id"] = f"L-{i % lists}"
        return "PUT", f"/v1/orders/{prefix}-{i}", body
    return make


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=2, help="plain then attributed, this many times")
    parser.add_argument("--workers", type=int, default=1, help="`xiaopu serve --workers N`")
    parser.add_argument("--smoke", action="store_true", help="a second or two at tiny sizes: does it still run?")
    args = parser.parse_args()
    lists = LISTS
    if args.smoke:  # every step, each as short as it can be
        args.seconds, args.concurrency, lists, args.rounds = 0.25, 2, 4, 1
    async with scratch_postgres(ADMIN_URL, query="maxsize=20") as url:
        port = free_port()
        server = start(["cli.main", "serve", "--port", str(port), "--workers", str(args.workers)], {
            "XIAOPU_DATABASE_URL": url, "XIAOPU_DEV_KEYS": dev_keys(f"storefront:{KEY}"), "XIAOPU_TICK_SECONDS": "0",
            "XIAOPU_TEST_CLOCK_AT": CLOCK_AT,
            # this tree first: the clock hook imports `store` before the server's own path is set
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests" / "clock_hook")])})
        headers = {"Authorization": f"Bearer {KEY}"}
        base = f"http://127.0.0.1:{port}"
        try:
            await wait_ready(f"{base}/healthz", server)
            await prepare(base, headers, lists)
            print(f"xiaopu serve, {args.workers} worker(s), {args.concurrency} keep-alive connections, "
                  f"{args.seconds:g} s per run, 3-line orders, PostgreSQL, "
                  f"{args.rounds} round(s) of plain then attributed")
            print(f"{'run':<30}{'orders/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'failed':>8}"
                  f"{'server CPU us/order':>22}{'PostgreSQL':>12}")
            done: dict[bool, int] = {False: 0, True: 0}
            failures = 0
            for round_no in range(args.rounds):
                for attributed in (False, True):
                    label = "attributed order (reward)" if attributed else "plain order"
                    prefix = f"{'SHARED' if attributed else 'PLAIN'}-{round_no}"
                    pg = postgres_pids()
                    servers = process_tree(server.pid)  # the workers too
                    server_cpu, pg_cpu = cpu_seconds(servers), cpu_seconds(pg)
                    result = await run_load(port, order(prefix, attributed, lists), headers, args.seconds,
                                            args.concurrency)
                    lat = result.latencies_ms
                    done[attributed] += len(lat)
                    failures += result.failures
                    us_per_order = 1e6 / max(1, len(lat))
                    print(f"{label:<30}{len(lat) / args.seconds:>10,.1f}{pct(lat, 50):>10.1f}{pct(lat, 99):>10.1f}"
                          f"{result.failures:>8}{(cpu_seconds(servers) - server_cpu) * us_per_order:>22,.0f}"
                          f"{(cpu_seconds(pg) - pg_cpu) * us_per_order:>12,.0f}")
            async with httpx.AsyncClient(base_url=base, headers=headers) as c:
                pool = (await c.get("/v1/campaigns/share_to_earn_1212")).json()
            print(f"attributed orders run at {done[True] / done[False]:.0%} of the plain rate "
                  f"({done[True]:,} and {done[False]:,} orders in {args.rounds * args.seconds:g} s each); "
                  f"{pool['orders']['reserved']:,} of the {done[True]:,} attributed orders reserved a reward "
                  f"(RMB {pool['reserved']}), remaining RMB {Decimal(pool['remaining']):,}")
            pool = await pool_rows(url, min(args.seconds, 4.0), args.concurrency)
            print(f"the pool alone, {args.concurrency} transactions at once each holding its rows {HOLD_MS} ms: "
                  f"one row {pool['one row']:,.0f}/s, sliced {pool['sliced']:,.0f}/s "
                  f"({pool['sliced'] / pool['one row']:.1f}x)")
            if failures:
                raise SystemExit(f"{failures} requests failed")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    asyncio.run(main())
