"""A refund racing another transaction over the same commission line, on PostgreSQL: the refund waits for
the line (a row lock) and decides on what was committed, so a line locked meanwhile is never re-opened."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import asyncpg
import pytest

from store.api_keys import create_key
from store.commission import CommissionLine
from tests.commerce.helpers import Storefront, ok, running_app

pytestmark = pytest.mark.postgres
DRESS = {"sku": "DRESS", "category": "womens_clothing", "price": "200.00"}


@pytest.fixture
async def shop(pg_url: str) -> AsyncIterator[Storefront]:
    async with running_app(pg_url) as client:
        yield Storefront(client, (await create_key("storefront"))[1])


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
