"""Refunds racing other transactions on PostgreSQL: a refund waits for its commission line (a row lock) and
decides on what was committed, so a line locked meanwhile is never re-opened; a dispute's refund waits for
an order event on the same order, so together they never refund more than the item's price."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import asyncpg
import pytest

from store.api_keys import create_key
from store.commission import CommissionLine
from tests.commerce.helpers import Storefront, bearer, ok, running_app
from tests.conftest import TEST_SUPPLIER
from tests.disputes.test_dispute_lifecycle_http import Case

pytestmark = pytest.mark.postgres
DRESS = {"sku": "DRESS", "category": "womens_clothing", "price": "200.00"}


@pytest.fixture
async def shop(pg_url: str) -> AsyncIterator[Storefront]:
    async with running_app(pg_url) as client:
        yield Storefront(client, (await create_key("storefront", party="default"))[1])


async def _until_a_session_waits_for_a_lock(conn: asyncpg.Connection) -> None:
    """Block until another session of this database waits on a lock (the refund, queued behind the tick)."""
    async with asyncio.timeout(60):
        while not await conn.fetchval("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                      "AND wait_event_type = 'Lock'"):
            await asyncio.sleep(0.01)


async def test_a_refund_waits_for_a_tick_locking_its_line_and_then_claws_back(pg_url: str, shop: Storefront) -> None:
    await shop.open_store("S-RACE")
    await ok(await shop.order("O-RACE", "S-RACE", "buyer-1", items=[DRESS]), 201)
    await ok(await shop.event("O-RACE", "RC", "receipt_confirmed", "2026-11-08T10:00:00+08:00"))
    tick, watcher = await asyncpg.connect(pg_url), await asyncpg.connect(pg_url)
    try:
        async with tick.transaction():  # a tick locking the line in another process, not yet committed
            assert await tick.execute(f"UPDATE {CommissionLine._meta.db_table} SET status = 'locked', "
                                      "locked_at = lock_due_at WHERE status = 'pending'") == "UPDATE 1"
            refund = asyncio.create_task(shop.event("O-RACE", "RF", "refunded", "2026-11-16T10:00:00+08:00",
                                                    amount="50.00"))
            await _until_a_session_waits_for_a_lock(watcher)
    finally:
        await tick.close()
        await watcher.close()
    await ok(await refund)
    lines = {(x["kind"], x["status"], x["amount"]) for x in await shop.lines("S-RACE")}
    # the locked line never changes; the refund's difference is a clawback (20.00 -> 15.00)
    assert lines == {("sale", "locked", "20.00"), ("clawback", "locked", "-5.00")}


async def test_a_dispute_refund_waits_for_an_order_event_on_the_same_order(pg_url: str) -> None:
    """An order event in flight holds the order; the dispute's refund waits for it, then refunds what is left
    (without the order lock it read the item before the event's refund and refunded past the price)."""
    async with running_app(pg_url) as client:
        async def make_key(role: str) -> str:
            person = f"Tester <{role}@xiaopu.test>" if role in ("reviewer", "policy_admin") else None
            party = {"supplier": TEST_SUPPLIER, "storefront": "default"}.get(role)
            return (await create_key(role, party=party, person=person))[1]

        case = await Case.start(client, make_key, "not_received")
        event, watcher = await asyncpg.connect(pg_url), await asyncpg.connect(pg_url)
        try:
            async with event.transaction():  # an order event of O-D refunding 150.00, not yet committed
                await event.execute("SELECT 1 FROM orders WHERE order_id = 'O-D@default' FOR UPDATE")
                await event.execute("UPDATE order_items SET refunded_fen = 15000 WHERE order_id = 'O-D@default'")
                agreed = asyncio.create_task(case.send("supplier", "supplier_agrees_refund", 1))
                await _until_a_session_waits_for_a_lock(watcher)
        finally:
            await event.close()
            await watcher.close()
        step = (await agreed)["history"][-1]
        assert step["effects"]["refund"] == "50.00"
        order = await ok(await client.get("/v1/orders/O-D", headers=bearer(case.keys["storefront"])))
        assert order["items"][0]["refunded"] == "200.00"
