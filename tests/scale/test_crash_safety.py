"""Crash safety on PostgreSQL: a server (two workers) is killed with SIGKILL three times while a client drives
orders and events at it; the client replays every request it did not see answered, with the same ids, after
each restart. The ledger must then be exact: no lost and no duplicated line, every amount and total equal to
a model the test computes itself, and a settlement of the month adds up to that model."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from tests.clock import ClockFile
from tests.listings import SERVED_SUPPLY_KEYS, SUPPLY_DEV_KEYS, Listings, list_goods, listed
from tests.scale.servers import Server
from workflows.common.scoped_ids import public_id

pytestmark = pytest.mark.postgres
KEYS = {"storefront": "xpk_crash_shopshopshopshopshop", "policy_admin": "xpk_crash_adminadminadminadmin",
        **SERVED_SUPPLY_KEYS}
GOODS = [{"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90"},
         {"sku": "DRESS", "category": "womens_clothing", "price": "200.00"}]
SELLERS = ("S-C0", "S-C1", "S-C2")
ORDERS = 48
KILLS = 3
RATE_BP = {"fresh_fruit": 1799, "womens_clothing": 1000}  # the shipped program rates (the listings name none)
WAIT = 120.0  # a bound on hanging while the server restarts, not a speed claim


def commission_fen(amount_fen: int, category: str) -> int:
    """Half-up to the fen, as the commission policy says."""
    return int((Decimal(amount_fen * RATE_BP[category]) / 10000).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class PlannedOrder:
    """One order and the events the client sends for it, in order; `lines` is what the ledger must show."""

    index: int
    requests: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    lines: dict[str, tuple[str, int]] = field(default_factory=dict)  # sku -> (status, commission fen)
    qualifies: bool = False


def plan(i: int) -> PlannedOrder:
    """Four shapes in turn: received; fully refunded after shipping; received and partly refunded; closed."""
    order_id, seller = f"O-{i}", SELLERS[i % len(SELLERS)]
    apples, dress = 2890 * (1 + i % 3), 20000
    items = [{**good, "quantity": 1 + i % 3 if good["sku"] == "APPLE-5KG" else 1} for good in listed(GOODS)]
    p = PlannedOrder(i)
    p.requests.append(("PUT", f"/v1/orders/{order_id}", {
        "seller_id": seller, "buyer_id": f"buyer-{i}", "paid_at": "2026-11-05T10:00:00+08:00", "items": items}))

    def event(name: str, type_: str, at: str, **extra: Any) -> None:
        p.requests.append(("POST", f"/v1/orders/{order_id}/events",
                           {"event_id": f"{order_id}-{name}", "type": type_, "at": at, **extra}))

    shape = i % 4
    if shape in (0, 1, 2):
        event("ship", "shipped", "2026-11-06T10:00:00+08:00")
    if shape in (0, 2):
        event("rc", "receipt_confirmed", "2026-11-08T10:00:00+08:00")
        p.qualifies = True
    earned = {"APPLE-5KG": commission_fen(apples, "fresh_fruit"), "DRESS": commission_fen(dress, "womens_clothing")}
    p.lines = {sku: ("pending", fen) for sku, fen in earned.items()}
    if shape == 1:
        event("refund", "refunded", "2026-11-07T10:00:00+08:00")
        p.lines = {sku: ("cancelled", 0) for sku in earned}
    if shape == 2:
        event("refund", "refunded", "2026-11-09T10:00:00+08:00", sku="DRESS", amount="50.00")
        p.lines["DRESS"] = ("pending", commission_fen(dress - 5000, "womens_clothing"))
    if shape == 3:
        event("close", "closed", "2026-11-06T10:00:00+08:00")
        p.lines = {sku: ("cancelled", 0) for sku in earned}
    return p


@dataclass
class Client:
    """Sends each request until it sees an answer; a request whose answer it did not see is sent again."""

    url: str
    answered: int = 0
    resent: int = 0  # requests sent again because their answer was never seen
    statuses: dict[int, int] = field(default_factory=dict)

    async def send(self, http: httpx.AsyncClient, method: str, path: str, body: dict[str, Any]) -> None:
        cut_off = False
        async with asyncio.timeout(WAIT * 2):
            while True:
                try:
                    response = await http.request(method, f"{self.url}{path}", json=body,
                                                  headers={"Authorization": f"Bearer {KEYS['storefront']}"})
                except httpx.TransportError:  # killed before answering, or not back yet: same request again
                    self.resent += not cut_off
                    cut_off = True
                    await asyncio.sleep(0.05)
                    continue
                assert response.status_code in (200, 201), (path, body, response.text)
                self.statuses[response.status_code] = self.statuses.get(response.status_code, 0) + 1
                self.answered += 1
                return

    async def lane(self, orders: list[PlannedOrder]) -> None:
        async with httpx.AsyncClient(timeout=WAIT) as http:
            for order in orders:
                for method, path, body in order.requests:
                    await self.send(http, method, path, body)


async def test_the_ledger_is_exact_after_three_sigkills_under_load(pg_url: str, tmp_path: Path) -> None:
    # the stores open on Nov 1; then the server's clock stands after the orders' last step (Nov 9, 10:00 China
    # time); ticks move it on
    server_clock = ClockFile(tmp_path / "clock", "2026-11-01T03:00:00Z")
    server = Server(pg_url, KEYS, tmp_path / "server.log", workers=2, env=server_clock.env())
    await asyncio.to_thread(server.start)
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as http:
            for seller in SELLERS:
                r = await http.post("/v1/sellers", json={"seller_id": seller},
                                    headers={"Authorization": f"Bearer {KEYS['storefront']}"})
                assert r.status_code == 201, r.text
            await list_goods(http, SUPPLY_DEV_KEYS, Listings(), GOODS)  # the test supplier lists the goods
        server_clock.advance_to("2026-11-09T03:00:00Z")
        planned = [plan(i) for i in range(ORDERS)]
        total_requests = sum(len(p.requests) for p in planned)
        client = Client(server.url)
        lanes = [asyncio.create_task(client.lane(planned[k::8])) for k in range(8)]
        for kill in range(1, KILLS + 1):  # mid-load: a quarter, half and three quarters of the way
            async with asyncio.timeout(WAIT * 2):
                while client.answered < total_requests * kill // (KILLS + 1):
                    if failed := [lane for lane in lanes if lane.done() and lane.exception()]:
                        await failed[0]  # a refused request fails the test now, not after the wait
                    await asyncio.sleep(0.005)
            server.kill()
            await asyncio.to_thread(server.start)
        await asyncio.gather(*lanes)
        assert client.answered == total_requests  # nothing lost: every request was answered in the end
        assert client.resent > 0  # the kills did cut requests off (else this test proved nothing)
        await check_ledger(pg_url, planned)
        await check_through_the_api(server.url, planned, server_clock)
    finally:
        await asyncio.to_thread(server.stop)


async def check_ledger(pg_url: str, planned: list[PlannedOrder]) -> None:
    conn = await asyncpg.connect(pg_url)
    try:
        rows = await conn.fetch("SELECT order_id, sku, kind, status, amount_fen FROM commission_lines")
        events = await conn.fetchval("SELECT count(*) FROM order_events")
        orders = await conn.fetchval("SELECT count(*) FROM orders")
        items = await conn.fetch("SELECT order_id, sku, refunded_fen FROM order_items")
    finally:
        await conn.close()
    assert orders == len(planned)
    assert events == sum(len(p.requests) - 1 for p in planned)
    assert len(items) == 2 * len(planned)
    assert {(public_id(r["order_id"]), r["sku"]): r["refunded_fen"] for r in items if r["refunded_fen"]} == {
        **{(f"O-{p.index}", sku): fen for p in planned if p.index % 4 == 1
           for sku, fen in (("APPLE-5KG", 2890 * (1 + p.index % 3)), ("DRESS", 20000))},
        **{(f"O-{p.index}", "DRESS"): 5000 for p in planned if p.index % 4 == 2}}
    found = sorted((public_id(r["order_id"]), r["sku"], r["kind"], r["status"], r["amount_fen"]) for r in rows)
    expected = sorted((f"O-{p.index}", sku, "sale", status, fen)
                      for p in planned for sku, (status, fen) in p.lines.items())
    assert found == expected  # no line lost, none duplicated, every amount as the model says


async def check_through_the_api(url: str, planned: list[PlannedOrder], server_clock: ClockFile) -> None:
    """The tiers' counts and a settlement of November agree with the model."""
    shop, admin = ({"Authorization": f"Bearer {KEYS[role]}"} for role in ("storefront", "policy_admin"))
    async with httpx.AsyncClient(base_url=url, timeout=WAIT) as http:
        server_clock.advance_to("2026-11-20T00:00:00Z")
        tick = await http.post("/v1/jobs/tick", json={"as_of": "2026-11-20T00:00:00Z"}, headers=admin)
        assert tick.status_code == 200, tick.text
        assert tick.json()["locked_lines"] == sum(s == "pending" for p in planned for s, _ in p.lines.values())
        server_clock.advance_to("2026-12-01T00:00:00+08:00")  # November has ended in China time
        assert (await http.post("/v1/settlements", json={"period": "2026-11"}, headers=admin)).status_code in (200, 201)
        for k, seller in enumerate(SELLERS):
            mine = [p for p in planned if p.index % len(SELLERS) == k]
            view = (await http.get(f"/v1/sellers/{seller}", headers=shop)).json()
            assert view["qualifying_transactions"] == sum(p.qualifies for p in mine), view
            statement = (await http.get(f"/v1/sellers/{seller}/statements/2026-11", headers=shop)).json()
            earned = [fen for p in mine for status, fen in p.lines.values() if status == "pending"]
            assert (statement["line_count"], statement["total"]) == (len(earned), f"{sum(earned) / 100:.2f}"), statement


