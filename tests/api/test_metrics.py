"""/metrics in Prometheus text: request latency by route template, decisions by policy and rule, and ledger totals
and due deadlines read from the database; several worker processes add up in multiprocess mode."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.commerce.helpers import Storefront, bearer
from tests.conftest import MakeKey, fresh_postgres_database
from tests.scale.servers import Server

ROOT = Path(__file__).resolve().parents[2]


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


async def scrape(client: httpx.AsyncClient, admin: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = await client.get("/metrics", headers=bearer(admin))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return samples(response.text)


def value(found: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float:
    return found.get((name, frozenset(labels.items())), 0.0)


async def test_request_latency_is_counted_by_route_template(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    admin, shop = await make_key("policy_admin"), await make_key("storefront")
    labels = {"method": "GET", "route": "/v1/sellers/{seller_id}", "status": "404"}
    before = value(await scrape(client, admin), "xiaopu_request_duration_seconds_count", **labels)
    for n in range(3):
        await client.get(f"/v1/sellers/S-M{n}", headers=bearer(shop))
    after = await scrape(client, admin)
    assert value(after, "xiaopu_request_duration_seconds_count", **labels) == before + 3
    assert value(after, "xiaopu_request_duration_seconds_bucket", le="+Inf", **labels) == before + 3
    assert not any("S-M0" in str(key) for key in after), "paths never become labels"


async def test_decisions_ledger_totals_and_due_deadlines(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    admin, shop = await make_key("policy_admin"), Storefront(client, await make_key("storefront"))
    rule = {"policy": "commission", "rule": "fresh_fruit_rate"}
    before = await scrape(client, admin)
    assert value(before, "xiaopu_ledger_lines", status="estimated") == 0
    assert value(before, "xiaopu_due_deadlines", kind="commission_lock") == 0
    await shop.open_store("S-MET")
    assert (await shop.order("O-MET", "S-MET", "B-1")).status_code == 201
    mid = await scrape(client, admin)
    assert value(mid, "xiaopu_decisions_total", **rule) == value(before, "xiaopu_decisions_total", **rule) + 1
    assert value(mid, "xiaopu_ledger_lines", status="estimated") == 1
    assert value(mid, "xiaopu_ledger_amount_fen", status="estimated") == 520  # RMB 28.90 x 17.99%
    for event_id, kind, at in (("E1", "shipped", "2026-11-06T10:00:00+08:00"),
                               ("E2", "receipt_confirmed", "2026-11-08T10:00:00+08:00")):
        assert (await shop.event("O-MET", event_id, kind, at)).status_code == 201
    after = await scrape(client, admin)
    assert value(after, "xiaopu_ledger_lines", status="estimated") == 0
    assert value(after, "xiaopu_ledger_amount_fen", status="pending") == 520
    assert value(after, "xiaopu_due_deadlines", kind="commission_lock") == 1  # fresh fruit locks at receipt
    assert value(after, "xiaopu_due_deadlines", kind="dispute") == 0
    assert ("xiaopu_underfunded_suppliers", frozenset()) in after


WORKER = textwrap.dedent("""
    import sys
    from workflows.common.metrics import count_decision
    for _ in range(int(sys.argv[1])):
        count_decision("commission", ["fresh_fruit_rate"])
    """)
SCRAPER = textwrap.dedent("""
    from api.common.metrics import process_metrics
    print(process_metrics(multiprocess=True).decode())
    """)


def test_worker_processes_add_up_in_multiprocess_mode(tmp_path: Path) -> None:
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}

    def run(code: str, *args: str) -> str:
        done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120, check=True)
        return done.stdout

    run(WORKER, "2")
    run(WORKER, "3")
    found = samples(run(SCRAPER))
    assert value(found, "xiaopu_decisions_total", policy="commission", rule="fresh_fruit_rate") == 5


ADMIN = "xpk_metrics_adminadminadminadmin"


@pytest.mark.postgres
async def test_xiaopu_serve_with_workers_scrapes_the_sum_of_every_worker(tmp_path: Path) -> None:
    """`xiaopu serve --workers 2` gives its workers one multiprocess folder: whichever worker answers a scrape,
    it counts the requests every worker served. (Two workers show it as well as more would: each started worker
    costs a new interpreter and its imports.)"""
    async with fresh_postgres_database("xiaopu_m") as url:
        server = Server(url, {"policy_admin": ADMIN}, tmp_path / "server.log", workers=2)
        await asyncio.to_thread(server.start)
        try:
            async with asyncio.timeout(120):
                while server.log.read_text().count("Application startup complete") < 2:
                    await asyncio.sleep(0.05)

            async def call(i: int) -> int:
                async with httpx.AsyncClient(base_url=server.url, timeout=60) as fresh:  # a connection each
                    return (await fresh.get(f"/v1/sellers/S-W{i}")).status_code

            assert set(await asyncio.gather(*(call(i) for i in range(30)))) == {401}
            labels = {"method": "GET", "route": "/v1/sellers/{seller_id}", "status": "401"}
            for _ in range(5):  # new connections: scrapes land on different workers, each sees all 30
                async with httpx.AsyncClient(base_url=server.url, timeout=60) as fresh:
                    response = await fresh.get("/metrics", headers=bearer(ADMIN))
                assert response.status_code == 200, response.text
                assert value(samples(response.text), "xiaopu_request_duration_seconds_count", **labels) == 30
        finally:
            await asyncio.to_thread(server.stop)
