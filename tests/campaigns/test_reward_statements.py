"""An attributed order reserves its reward and writes everything in three statements: on PostgreSQL one that reads
the seller, the order id and the caller's share list with its sharer's totals (store/order_reads.py), one that reads
the listings of its lines with their suppliers (the listing is the record of a line's terms), then one that reserves
the reward (the sharer and a free slice of the pool) and writes every row of the order and its reward. A write failing
after the reservation leaves the pool and the sharer as they were; two first attempts of one order reserve
once; a sharer's row another transaction holds is waited for in a transaction of the order's own."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from tortoise.transactions import in_transaction

from store.campaigns import CampaignReward, CampaignSharer, pool_totals
from store.commission import CommissionLine
from store.decisions import DecisionRecord
from store.orders import Order
from store.postgres_backend import StatelessConnection
from tests.campaigns.helpers import APPLES, CAMPAIGN, LIPSTICK, Sharing
from tests.commerce.helpers import CHANNEL, listed_goods, ok
from workflows.common.scoped_ids import scoped_id

SHARER = scoped_id(CHANNEL, "CONSUMER-1")  # the sharer's key: its channel's own consumer id

# the seller, the order id and the caller's list (under its scoped or bare key) with its sharer's totals; the
# listings of the lines; then the reservation with every row
STATEMENTS = 3


@pytest.fixture
async def shop(client: httpx.AsyncClient, make_key: Any) -> Sharing:
    shop = Sharing(client, await make_key("storefront"))
    await shop.open_store("S-1")
    await ok(await shop.share("L-1", "CONSUMER-1"), 201)
    return shop


def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement a pooled PostgreSQL connection sends from now on (BEGIN and COMMIT included)."""
    sent: list[str] = []
    # what the process's watchers send whenever they fall due: the policy registry's poll (the timeline and the
    # shadow run) and the key cache's look for revocations (under load, one fell due during the counted order)
    background = ("policy_activations", "policy_shadow_runs", "revoked_at")
    for name in ("execute", "executemany", "fetch", "fetchrow", "fetchval"):
        original: Callable[..., Awaitable[Any]] = getattr(StatelessConnection, name)

        async def counted(self: Any, query: str, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            if not any(marker in query for marker in background):
                sent.append(query)
            return await _original(self, query, *args, **kwargs)

        monkeypatch.setattr(StatelessConnection, name, counted)
    return sent


async def test_an_attributed_order_is_three_statements_on_postgres(
        shop: Sharing, database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if not database_url.startswith("postgres"):
        pytest.skip("SQLite runs in process: no round trips to count")
    await shop.reward("O-0", items=[APPLES])  # the pool's first slices are carved, statements prepared
    await listed_goods(shop.client, [APPLES, LIPSTICK])  # the supplier lists the lipstick too
    sent = counting(monkeypatch)
    reward = await shop.reward("O-1", items=[APPLES, LIPSTICK])
    monkeypatch.undo()
    assert (reward["state"], reward["amount"]) == ("reserved", "5.58"), reward
    assert len(sent) == STATEMENTS, sent
    assert sent[0].startswith("SELECT") and sent[1].startswith("SELECT"), sent
    assert sent[-1].startswith('WITH "reserved_in_full" AS'), sent


async def test_a_write_failing_after_the_reservation_gives_nothing_away(shop: Sharing) -> None:
    await shop.reward("O-0", items=[APPLES])
    before = await pool_totals(CAMPAIGN), await CampaignSharer.get(consumer_id=SHARER)
    key = f"O-X@{CHANNEL}"
    # a line already holds the key the order's last row needs: the order's statement fails after the reservation
    await CommissionLine.create(line_key=f"sale:{key}:{LIPSTICK['sku']}", seller_id="S-1", order_id="O-0",
                                sku=LIPSTICK["sku"], status="estimated", amount_fen=1, decision_id=uuid.uuid4())
    failed = await shop.buy("O-X", "L-1", items=[LIPSTICK])
    assert failed.status_code == 500, failed.text
    after = await pool_totals(CAMPAIGN), await CampaignSharer.get(consumer_id=SHARER)
    assert before[0] == after[0]
    assert (before[1].reserved_fen, before[1].committed_fen) == (after[1].reserved_fen, after[1].committed_fen)
    assert not await Order.exists(order_id=key) and not await CampaignReward.exists(order_id=key)
    assert not await DecisionRecord.exists(subject=f"campaign_reward:{key}")


async def test_concurrent_first_attempts_of_one_order_reserve_once(shop: Sharing) -> None:
    """The order's row decides who wrote first; the others' reservations go with their transactions."""
    responses = await asyncio.gather(*(shop.buy("O-RACE", "L-1", items=[APPLES, LIPSTICK]) for _ in range(10)))
    assert sorted(r.status_code for r in responses) == [200] * 9 + [201], [r.text for r in responses]
    assert len({r.text for r in responses}) == 1
    totals, sharer = await pool_totals(CAMPAIGN), await CampaignSharer.get(consumer_id=SHARER)
    assert totals is not None and (totals.reserved_fen, sharer.reserved_fen) == (558, 558)
    assert await CampaignReward.filter(order_id=f"O-RACE@{CHANNEL}").count() == 1
    # the terms, the two lines, the order's cap and the sharer's allowance, once
    assert await DecisionRecord.filter(subject=f"campaign_reward:O-RACE@{CHANNEL}").count() == 5


async def test_an_order_whose_sharer_another_transaction_holds_waits_for_it(shop: Sharing, database_url: str) -> None:
    """The one statement never waits for the sharer's row (it may hold the order's new keys already): it writes
    nothing, and the order reserves in a transaction of its own, once the row is free."""
    if not database_url.startswith("postgres"):
        pytest.skip("SQLite runs one writer at a time")
    await shop.reward("O-0", items=[APPLES])
    locked = asyncio.Event()

    async def buy_once_locked() -> httpx.Response:
        await locked.wait()
        return await shop.buy("O-W", "L-1", items=[LIPSTICK])

    pending = asyncio.create_task(buy_once_locked())  # before the transaction: the order is not part of it
    async with in_transaction() as held:
        await CampaignSharer.filter(consumer_id=SHARER).using_db(held).select_for_update()
        locked.set()
        await asyncio.sleep(0.5)
        assert not pending.done()
    reward = (await ok(await pending, 201))["campaign_reward"]
    assert (reward["state"], reward["amount"]) == ("reserved", "5.00"), reward
    sharer = await CampaignSharer.get(consumer_id=SHARER)
    assert sharer.reserved_fen == 58 + 500
