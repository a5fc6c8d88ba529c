"""Publish, schedule and roll back under a steady quote load on two server processes sharing one database:
how long until each process answers with the new version, whether any request failed, and the quote
rate while versions change beside the rate with nothing changing (the baseline), in the same run.

    .venv/bin/python bench/policy_switch.py [--seconds 6] [--connections 8] [--database-url URL]

Default database: a fresh SQLite file; pass a PostgreSQL URL (an empty database) for the scale path.
Each server polls the activation timeline every XIAOPU_POLICY_POLL_SECONDS (0.5 s, the default).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.api import free_port, pct, start, wait_ready  # noqa: E402
from bench.loadgen import encode, read_reply  # noqa: E402
from tests.policy_versions.helpers import FRUIT_AT_16, edited_files  # noqa: E402

SHOP, ADMIN = "xpk_bench_switchshopswitchshop", "xpk_bench_switchadminswitchadmin"
APPROVER = "xpk_bench_switchapproverswitchapprover"  # the second person: changes to the shipped set need one
QUOTE = {"items": [{"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90"}]}


@dataclass
class Served:
    """Every answer of one server: (time received, status, version)."""

    port: int
    answers: list[tuple[float, int, str]] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)

    def first_with(self, label: str, after: float) -> float | None:
        return next((t for t, s, v in self.answers if t >= after and v == label), None)


async def keep_quoting(server: Served, connections: int, stop: asyncio.Event, pause: float = 0.0) -> None:
    """Quotes back to back on each connection (`pause` seconds between them: the smoke run only needs answers
    often enough to see each switch, not a load that burns the machine while versions change)."""
    request = encode("POST", "/v1/commission/quotes", QUOTE, {"Authorization": f"Bearer {SHOP}"})

    async def connection() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        try:
            while not stop.is_set():
                t0 = time.perf_counter()
                writer.write(request)
                status, body = await read_reply(reader)
                now = time.perf_counter()
                version = json.loads(body).get("policy_version", "") if status == 200 else ""
                server.answers.append((now, status, version))
                server.latencies_ms.append((now - t0) * 1000)
                if pause:
                    await asyncio.sleep(pause)
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(connections)))


async def admin_call(port: int, path: str, body: dict[str, Any]) -> tuple[str, float]:
    """The change, approved by the second person when it was proposed; the clock starts at the answer that
    puts it in force."""
    async with httpx.AsyncClient(timeout=60, base_url=f"http://127.0.0.1:{port}") as client:
        r = await client.post(path, json=body, headers={"Authorization": f"Bearer {ADMIN}"})
        if r.status_code == 202:
            r = await client.post(f"/v1/policy-proposals/{r.json()['proposal']['proposal_id']}/approval",
                                  json={"comment": "benchmark"}, headers={"Authorization": f"Bearer {APPROVER}"})
    assert r.status_code in (200, 201), r.text
    return r.json()["version"]["label"], time.perf_counter()


async def until_all(servers: list[Served], label: str, after: float) -> list[float]:
    """Seconds from `after` until each server first answered with `label`."""
    for _ in range(600):
        seen = [s.first_with(label, after) for s in servers]
        if all(t is not None for t in seen):
            return [float(t) - after for t in seen if t is not None]
        await asyncio.sleep(0.05)
    raise RuntimeError(f"not every server switched to {label} within 30 s")


def rate(servers: list[Served], start_t: float, end_t: float) -> float:
    return sum(1 for s in servers for t, _, _ in s.answers if start_t <= t < end_t) / (end_t - start_t)


async def changes(servers: list[Served], port: int, seconds: float, lead: float = 2.0
                  ) -> list[tuple[str, list[float]]]:
    """Publish now, schedule the shipped set `lead` seconds ahead, roll back; how long each server took to follow."""
    shipped = servers[0].answers[-1][2]
    cut, sent = await admin_call(port, "/v1/policy-versions", {"files": edited_files(FRUIT_AT_16),
                                                               "message": "fruit to 16%"})
    done = [("publish now (from the response)", await until_all(servers, cut, sent))]
    await asyncio.sleep(seconds / 3)
    at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=lead)
    _, sent = await admin_call(port, f"/v1/policy-versions/{shipped}/activations",
                               {"message": "back", "effective_from": at.isoformat()})
    effective = sent + (at - dt.datetime.now(dt.UTC)).total_seconds()
    done.append(("scheduled (from effective_from)", await until_all(servers, shipped, effective)))
    await asyncio.sleep(seconds / 3)
    _, sent = await admin_call(port, "/v1/policy-versions/rollback", {"message": "16% after all"})
    done.append(("rollback (from the response)", await until_all(servers, cut, sent)))
    await asyncio.sleep(seconds / 3)
    return done


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--connections", type=int, default=8, help="per server")
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument("--smoke", action="store_true", help="a second or two at tiny sizes: does it still run?")
    args = parser.parse_args()
    url = args.database_url or f"sqlite://{tempfile.mkdtemp(prefix='xiaopu-bench-')}/switch.sqlite3"
    env = {"XIAOPU_DATABASE_URL": url, "XIAOPU_TICK_SECONDS": "0",
           "XIAOPU_DEV_KEYS": f"storefront:{SHOP},policy_admin@Bench Analyst <analyst@bench.test>:{ADMIN},"
                              f"policy_admin@Bench Approver <approver@bench.test>:{APPROVER}"}
    lead, pause = 2.0, 0.0  # how far ahead the shipped set is scheduled; no pause between quotes
    if args.smoke:  # every step, each as short as it can be: the servers poll 5 times as often, quotes 100/s each
        args.seconds, args.connections, lead, pause = 0.3, 2, 1.0, 0.01
        env["XIAOPU_POLICY_POLL_SECONDS"] = "0.1"
    poll = env.get("XIAOPU_POLICY_POLL_SECONDS", os.environ.get("XIAOPU_POLICY_POLL_SECONDS", "0.5"))
    ports = [free_port(), free_port()]
    procs = []
    try:
        for port in ports:  # one after the other: the first applies the migrations
            procs.append(start(["cli.main", "serve", "--port", str(port)], env))
            await wait_ready(f"http://127.0.0.1:{port}/healthz", procs[-1])
        servers = [Served(port) for port in ports]
        stop = asyncio.Event()
        load = [asyncio.create_task(keep_quoting(s, args.connections, stop, pause)) for s in servers]
        t0 = time.perf_counter()
        await asyncio.sleep(args.seconds)
        t1 = time.perf_counter()
        switched = await changes(servers, ports[0], args.seconds, lead)
        t2 = time.perf_counter()
        stop.set()
        await asyncio.gather(*load)
        report(servers, switched, (t0, t1, t2), url, args.connections, poll)
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=10)


def report(servers: list[Served], switched: list[tuple[str, list[float]]], marks: tuple[float, float, float],
           url: str, connections: int, poll: str) -> None:
    t0, t1, t2 = marks
    answers = [a for s in servers for a in s.answers]
    failed = sum(1 for _, status, _ in answers if status != 200)
    print(f"2 server processes ({url.split(':')[0]}), {connections} keep-alive connections each, quotes; "
          f"poll every {poll} s")
    print(f"{'change':<34}{'server 1 s':>12}{'server 2 s':>12}")
    for label, seconds in switched:
        print(f"{label:<34}{seconds[0]:>12.2f}{seconds[1]:>12.2f}")
    baseline, during = rate(servers, t0, t1), rate(servers, t1, t2)
    latencies = [x for s in servers for x in s.latencies_ms]
    print(f"requests {len(answers):,}, failed {failed}, "
          f"p50 {pct(latencies, 50):.1f} ms, p99 {pct(latencies, 99):.1f} ms")
    print(f"quote rate: {baseline:,.0f}/s with nothing changing (baseline), {during:,.0f}/s while versions changed "
          f"({during / baseline:.0%})")
    worst = max(x for _, seconds in switched for x in seconds)
    named = all(v for _, s, v in answers if s == 200)
    print(f"slowest switch {worst:.2f} s (goal: within 2 s); every response named its version: {named}")
    if failed or not named:
        raise SystemExit(f"{failed} requests failed; every response named its version: {named}")


if __name__ == "__main__":
    asyncio.run(main())
