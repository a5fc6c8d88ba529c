"""A new order's answer is built from what it wrote, never read back: it must be what a later GET and a replay
read, to the byte, attributed or not. The order's rows and its audit entry go in together or not at all. On
PostgreSQL a new order costs three statements: the seller and the order id read at once, the listings of its lines
at once, and every write in one."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import httpx
import pytest

from store.audit import AuditEntry
from store.commission import CommissionLine
from store.decisions import DecisionRecord
from store.orders import Order, OrderItem
from tests.campaigns.helpers import Sharing
from tests.commerce.helpers import APPLES, CHANNEL, Storefront, listed_goods, ok
from tests.conftest import MakeKey

ITEMS = [APPLES, {"sku": "LIP", "category": "cosmetics", "price": "99.00", "quantity": 2},
         {"sku": "SHOE", "category": "shoes", "price": "459.00", "quantity": 1},
         {"sku": "PHONE", "category": "electronics", "price": "999.99", "quantity": 3}]
PAID_AT = "2026-11-05T10:00:00.123456+08:00"  # a fraction of a second survives the write and the read


async def test_the_created_answer_is_what_a_get_and_a_replay_read(client: httpx.AsyncClient,
                                                                   make_key: MakeKey) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-W")
    created = await shop.order("O-W", "S-W", "B-1", items=ITEMS, paid_at=PAID_AT)
    assert created.status_code == 201, created.text
    read = await client.get("/v1/orders/O-W", headers=shop.headers)
    replay = await shop.order("O-W", "S-W", "B-1", items=ITEMS, paid_at=PAID_AT)
    assert (read.status_code, replay.status_code) == (200, 200)
    assert created.content == read.content == replay.content
    view = created.json()
    assert [line["sku"] for line in view["commission_lines"]] == [item["sku"] for item in ITEMS]
    assert view["paid_at"] == "2026-11-05T02:00:00.123456Z" and view["campaign_reward"] is None


async def test_an_attributed_orders_answer_is_what_a_get_reads(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    shop = Sharing(client, await make_key("storefront"))
    await shop.open_store("S-1")
    await ok(await shop.share("L-1", "CONSUMER-1"), 201)
    created = await shop.buy("O-L", "L-1", items=ITEMS[:2])
    assert created.status_code == 201, created.text
    reward = created.json()["campaign_reward"]
    assert reward["state"] == "reserved" and [line["sku"] for line in reward["lines"]] == ["APPLE-5KG", "LIP"]
    read = await client.get("/v1/orders/O-L", headers=shop.headers)
    assert created.content == read.content
    # a refused reward too (the sharer buying through its own list earns nothing)
    refused = await shop.buy("O-SELF", "L-1", buyer_id="CONSUMER-1", items=ITEMS[:3])
    assert (refused.status_code, refused.json()["campaign_reward"]["code"]) == (201, "self_purchase"), refused.text
    assert refused.content == (await client.get("/v1/orders/O-SELF", headers=shop.headers)).content


async def test_a_failed_write_leaves_neither_the_order_nor_its_entry(client: httpx.AsyncClient,
                                                                     make_key: MakeKey) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-W")
    key = f"O-X@{CHANNEL}"
    # a line already holds the key the order's last row needs: the write fails at its very end
    await CommissionLine.create(line_key=f"sale:{key}:{APPLES['sku']}", seller_id="S-W", order_id="O-0",
                                sku=APPLES["sku"], status="estimated", amount_fen=1, decision_id=uuid.uuid4())
    failed = await shop.order("O-X", "S-W", "B-1")
    assert failed.status_code == 500, failed.text
    assert not await Order.exists(order_id=key)
    assert not await OrderItem.exists(order_id=key)
    assert not await DecisionRecord.exists(subject__startswith=f"order:{key}/")
    [entry] = await AuditEntry.filter(request_id=failed.headers["x-request-id"])
    assert (entry.status, entry.decision_ids) == (500, [])  # the failure's own entry, naming no decision
    assert not await AuditEntry.exists(route="/v1/orders/{order_id}", status=201)
    again = await shop.order("O-X", "S-W", "B-1")  # nothing half-written stands in the way of what follows
    assert again.status_code == 500 and not await Order.exists(order_id=key)


# what the server's background loops send whenever they fall due: the policy registry's poll, the key cache's watch
# of revocations (a slow test meets them)
BACKGROUND = ('"policy_activations"', 'NOT "revoked_at" IS NULL')


class Statements(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.sql: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not any(marker in message for marker in BACKGROUND):
            self.sql.append(message)


async def test_a_new_order_is_three_statements_on_postgres(client: httpx.AsyncClient, make_key: MakeKey,
                                                           database_url: str) -> None:
    if not database_url.startswith("postgres"):
        pytest.skip("SQLite writes a statement per table, in process")
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-W")
    await ok(await shop.order("O-1", "S-W", "B-1"), 201)  # the statements are prepared once per connection
    await listed_goods(client, ITEMS)  # the supplier lists the goods first
    statements, logger = Statements(), logging.getLogger("tortoise.db_client")
    level = logger.level
    logger.addHandler(statements)
    logger.setLevel(logging.DEBUG)
    try:
        created: Any = await ok(await shop.order("O-2", "S-W", "B-1", items=ITEMS), 201)
    finally:
        logger.removeHandler(statements)
        logger.setLevel(level)
    assert len(created["commission_lines"]) == len(ITEMS)
    # the store and the order id read at once (store/order_reads.py), the lines' listings with their suppliers at
    # once, then every row
    assert [sql.split()[0] for sql in statements.sql] == ["SELECT", "SELECT", "WITH"], statements.sql


async def test_an_order_of_a_thousand_lines_is_written_whole(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    """The most lines an order may have: more values than one PostgreSQL statement takes (32,767)."""
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-BIG")
    items = [{"sku": f"SKU-{n}", "category": "snacks", "price": "9.90", "quantity": 1} for n in range(1000)]
    created = await shop.order("O-BIG", "S-BIG", "B-1", items=items, paid_at=PAID_AT)
    assert created.status_code == 201, created.text[:500]
    assert created.content == (await client.get("/v1/orders/O-BIG", headers=shop.headers)).content
    assert await CommissionLine.filter(order_id=f"O-BIG@{CHANNEL}").count() == 1000
