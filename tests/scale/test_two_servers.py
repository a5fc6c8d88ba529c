"""Two server processes (one of them with two uvicorn workers) on one PostgreSQL database: a policy published
through one is served by every worker of both, both take orders into one ledger, and ticks run concurrently
from every process apply each deadline (dispute steps, commission locks, lapsed deposit top-ups) exactly once."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser import ROOT
from tests.clock import ClockFile
from tests.commerce.helpers import APPLES, ok
from tests.listings import Listings, list_goods
from tests.onboarding.helpers import DRESS_CATEGORIES, app_path, application, deposit_payment
from tests.policy_versions.helpers import FRUIT_AT_16, approved, edited_files
from tests.scale.servers import Server

pytestmark = pytest.mark.postgres
WAIT = 60.0  # a bound on hanging while a server follows the timeline, not a speed claim
KEYS = {"storefront": "xpk_scale_shopshopshopshopshop", "supplier": "xpk_scale_suppliersupplier",
        "reviewer": "xpk_scale_reviewerreviewer", "policy_admin": "xpk_scale_adminadminadminadmin",
        "policy_admin#approver": "xpk_scale_approverapprover"}
SUP = "SUP-91330100MA2AXXXX07"
T0 = dt.datetime(2026, 11, 10, 2, 0, tzinfo=dt.UTC)
QUOTE = {"items": [{"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90"}]}


def at(hours: float) -> str:
    return (T0 + dt.timedelta(hours=hours)).isoformat().replace("+00:00", "Z")


def as_role(role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {KEYS[role]}"}


@pytest.fixture
def server_clock(tmp_path: Path) -> ClockFile:
    """The servers' clock (and the `xiaopu tick` processes'): the stores open at -96 h, before the orders they
    report; the cases open at 0 h, ticks move it on."""
    return ClockFile(tmp_path / "clock", at(-96))


@pytest.fixture
def servers(pg_url: str, tmp_path: Path, server_clock: ClockFile) -> Iterator[list[Server]]:
    env = {"XIAOPU_POLICY_POLL_SECONDS": "0.2", **server_clock.env()}
    started = [Server(pg_url, KEYS, tmp_path / "first.log", workers=2, env=env),
               Server(pg_url, KEYS, tmp_path / "second.log", env=env)]
    try:
        for server in started:
            server.start()
        yield started
    finally:
        for server in started:
            server.stop()


@pytest.fixture
async def clients(servers: list[Server]) -> AsyncIterator[list[httpx.AsyncClient]]:
    async with httpx.AsyncClient(base_url=servers[0].url, timeout=WAIT) as first, \
            httpx.AsyncClient(base_url=servers[1].url, timeout=WAIT) as second:
        yield [first, second]


async def _every_worker_serves(url: str, label: str) -> None:
    """Until ten answers in a row, each on a new connection (any worker may take it), name `label`."""
    in_a_row = 0
    async with asyncio.timeout(WAIT):
        while in_a_row < 10:
            async with httpx.AsyncClient(base_url=url) as fresh:
                body = (await fresh.post("/v1/commission/quotes", json=QUOTE, headers=as_role("storefront"))).json()
            in_a_row = in_a_row + 1 if body["policy_version"] == label else 0
            assert body["total_commission"] == ("4.62" if body["policy_version"] == label else "5.20")


async def test_a_policy_published_through_one_server_is_served_by_every_worker_of_both(
        servers: list[Server], clients: list[httpx.AsyncClient]) -> None:
    published = await approved(clients[1], await clients[0].post("/v1/policy-versions", headers=as_role(
        "policy_admin"), json={"files": edited_files(FRUIT_AT_16), "message": "fruit to 16%"}),
        as_role("policy_admin#approver"))
    label = published["version"]["label"]
    await asyncio.gather(*(_every_worker_serves(server.url, label) for server in servers))


async def test_both_servers_take_orders_into_one_ledger(clients: list[httpx.AsyncClient],
                                                       server_clock: ClockFile) -> None:
    await ok(await clients[0].post("/v1/sellers", json={"seller_id": "S-TWO"}, headers=as_role("storefront")))
    items = await list_goods(clients[0], KEYS, Listings(), [APPLES])  # the test supplier lists the apples
    server_clock.advance_to(at(0))
    orders = [clients[i % 2].put(f"/v1/orders/O-{i}", headers=as_role("storefront"), json={
        "seller_id": "S-TWO", "buyer_id": f"b{i}", "paid_at": at(0), "items": items}) for i in range(20)]
    assert {r.status_code for r in await asyncio.gather(*orders)} == {201}
    # a replay through the other server writes nothing
    replay = await clients[1].put("/v1/orders/O-0", headers=as_role("storefront"), json={
        "seller_id": "S-TWO", "buyer_id": "b0", "paid_at": at(0), "items": items})
    assert replay.status_code == 200
    for client in clients:
        lines = (await ok(await client.get("/v1/sellers/S-TWO/commission-lines", params={"limit": 100},
                                           headers=as_role("storefront"))))["lines"]
        assert sorted(x["order_id"] for x in lines) == sorted(f"O-{i}" for i in range(20))
        assert {x["amount"] for x in lines} == {"5.20"}


async def _disputes(client: httpx.AsyncClient, count: int, server_clock: ClockFile) -> None:
    """`count` quality disputes on dresses of one approved supplier; the supplier stays silent."""
    await ok(await client.post("/v1/supplier-applications", json=application("APP-S", categories=DRESS_CATEGORIES),
                               headers=as_role("supplier")))
    await ok(await client.post(app_path("APP-S", "/deposit-payments"), headers=as_role("policy_admin"),
                               json=deposit_payment("APP-S")))
    await ok(await client.post(app_path("APP-S", "/decision"), headers=as_role("reviewer"),
                               json={"decision": "approve", "reason": "compliant"}))
    await ok(await client.post("/v1/sellers", json={"seller_id": "S-D"}, headers=as_role("storefront")))
    server_clock.advance_to(at(0))  # the orders, their receipts and the cases are reported at 0 h
    dress = {"sku": "DRESS", "category": "womens_clothing", "price": "200.00", "quantity": 1, "supplier_id": SUP}
    await ok(await client.post(f"/v1/suppliers/{SUP}/products", headers=as_role("supplier"), json={
        "sku": "DRESS", "category": "womens_clothing", "price": "200.00", "commission_rate_bp": 1000}), 201)
    for i in range(count):
        await ok(await client.put(f"/v1/orders/O-D{i}", headers=as_role("storefront"), json={
            "seller_id": "S-D", "buyer_id": f"b{i}", "paid_at": at(-72), "items": [dress]}), 201)
        await ok(await client.post(f"/v1/orders/O-D{i}/events", headers=as_role("storefront"), json={
            "event_id": f"rc-{i}", "type": "receipt_confirmed", "at": at(-24)}))
        await ok(await client.post("/v1/disputes", headers=as_role("storefront"), json={
            "dispute_id": f"D-{i}", "order_id": f"O-D{i}", "sku": "DRESS", "type": "quality_problem",
            "amount": "200.00", "opened_at": at(0)}), 201)


async def _received_apples(client: httpx.AsyncClient, count: int) -> None:
    """`count` orders of apples received: their lines are due to lock at receipt."""
    items = await list_goods(client, KEYS, Listings(), [APPLES])  # the dresses' supplier lists apples too
    for i in range(count):
        await ok(await client.put(f"/v1/orders/O-A{i}", headers=as_role("storefront"), json={
            "seller_id": "S-D", "buyer_id": f"a{i}", "paid_at": at(-72), "items": items}), 201)
        await ok(await client.post(f"/v1/orders/O-A{i}/events", headers=as_role("storefront"), json={
            "event_id": f"rc-a{i}", "type": "receipt_confirmed", "at": at(-24)}))


def _xiaopu_tick(database_url: str, as_of: str, server_clock: ClockFile) -> dict[str, Any]:
    env = {**os.environ, "XIAOPU_DATABASE_URL": database_url, **server_clock.env()}
    done = subprocess.run([sys.executable, "-m", "cli.main", "tick", "--as-of", as_of], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


async def test_ticks_from_every_process_at_once_apply_each_deadline_once(
        pg_url: str, clients: list[httpx.AsyncClient], server_clock: ClockFile) -> None:
    count, apples = 12, 10
    await _disputes(clients[0], count, server_clock)
    await _received_apples(clients[1], apples)
    # the supplier's deposit falls short at 0 h: its 15-day top-up window closes at 360 h
    await ok(await clients[1].post(f"/v1/suppliers/{SUP}/deposit/movements", headers=as_role("policy_admin"), json={
        "movement_id": "PEN-1", "kind": "deduction", "amount": "3000.00", "reason": "counterfeit finding",
        "at": at(0)}), 201)

    async def tick(client: httpx.AsyncClient, hours: float) -> dict[str, Any]:
        result: dict[str, Any] = await ok(await client.post("/v1/jobs/tick", json={"as_of": at(hours)},
                                                            headers=as_role("policy_admin")))
        return result

    async def everyone_ticks(hours: float) -> dict[str, int]:
        """Three workers of two servers (8 HTTP calls) and two `xiaopu tick` processes, all at once."""
        server_clock.advance_to(at(hours))
        done = await asyncio.gather(*(tick(clients[i % 2], hours) for i in range(8)),
                                    *(asyncio.to_thread(_xiaopu_tick, pg_url, at(hours), server_clock)
                                      for _ in range(2)))
        return {name: sum(d[name] for d in done) for name in ("dispute_deadlines", "locked_lines",
                                                               "restricted_suppliers")}

    # 120 h: each supplier stayed silent (a refund), each line of apples locks
    assert await everyone_ticks(120) == {"dispute_deadlines": count, "locked_lines": apples, "restricted_suppliers": 0}
    for i in range(count):
        order = await ok(await clients[i % 2].get(f"/v1/orders/O-D{i}", headers=as_role("storefront")))
        assert order["items"][0]["refunded"] == "200.00"  # refunded once, not twice
        assert [(x["status"], x["amount"]) for x in order["commission_lines"]] == [("cancelled", "0.00")]
    # 841 h: each appeal window has closed, the top-up window too
    assert await everyone_ticks(841) == {"dispute_deadlines": count, "locked_lines": 0, "restricted_suppliers": 1}
    for i in range(count):
        view = await ok(await clients[i % 2].get(f"/v1/disputes/D-{i}@default", headers=as_role("reviewer")))
        expired = [(s["at"], s["rules"]) for s in view["history"] if s["event"] == "deadline_expired"]
        assert expired == [(at(120), ["supplier_silent_refund_agreed"]), (at(840), ["appeal_window_closes"])], view
        assert view["state"] == "final"
    deposit = await ok(await clients[0].get(f"/v1/suppliers/{SUP}/deposit", headers=as_role("reviewer")))
    assert deposit["standing"] == "restricted"
    assert await everyone_ticks(841) == {"dispute_deadlines": 0, "locked_lines": 0, "restricted_suppliers": 0}
