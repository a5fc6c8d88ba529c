"""Caller-supplied ids: replays answer the first result and write nothing; conflicts are 409."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from store.commission import CommissionLine
from store.decisions import DecisionRecord
from store.orders import Order
from tests.commerce.helpers import APPLES, Storefront, ok

pytestmark = pytest.mark.asyncio


async def test_twenty_concurrent_identical_order_puts_make_one_order(client: Any, make_key: Any) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-RACE")
    items = [APPLES, {"sku": "LIP", "category": "cosmetics", "price": "99.00", "quantity": 1}]
    responses = await asyncio.gather(*(shop.order("O-RACE", "S-RACE", "buyer-1", items=items) for _ in range(20)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] * 19 + [201], [r.text for r in responses if r.status_code not in (200, 201)]
    assert len({r.text for r in responses}) == 1  # every caller sees the same order
    assert await Order.filter(order_id="O-RACE@default").count() == 1
    assert await CommissionLine.filter(order_id="O-RACE@default").count() == 2
    assert await DecisionRecord.filter(subject__startswith="order:O-RACE@default/").count() == 2


async def test_same_order_id_with_another_body_is_409(client: Any, make_key: Any) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-CONF")
    await ok(await shop.order("O-CONF", "S-CONF", "buyer-1"), 201)
    r = await shop.order("O-CONF", "S-CONF", "buyer-2")
    assert r.status_code == 409 and r.json()["code"] == "order_id_reused"


async def test_replayed_event_changes_nothing(client: Any, make_key: Any) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-EV")
    await ok(await shop.order("O-EV", "S-EV", "buyer-1"), 201)
    first = await shop.event("O-EV", "EV-1", "refunded", "2026-11-06T10:00:00+08:00", amount="10.00")
    again = await shop.event("O-EV", "EV-1", "refunded", "2026-11-06T10:00:00+08:00", amount="10.00")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["items"][0]["refunded"] == "10.00"
    other = await shop.event("O-EV", "EV-1", "refunded", "2026-11-06T10:00:00+08:00", amount="5.00")
    assert other.status_code == 409 and other.json()["code"] == "event_id_reused"


async def test_concurrent_replays_of_one_event_apply_it_once(client: Any, make_key: Any) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-EVR")
    await ok(await shop.order("O-EVR", "S-EVR", "buyer-1"), 201)
    responses = await asyncio.gather(*(shop.event("O-EVR", "EVR-1", "refunded", "2026-11-06T10:00:00+08:00",
                                                  amount="1.00") for _ in range(10)))
    assert sorted(r.status_code for r in responses) == [200] * 9 + [201]
    view = await ok(await client.get("/v1/orders/O-EVR", headers=shop.headers))
    assert view["items"][0]["refunded"] == "1.00"


async def test_order_for_unknown_seller_is_404_and_writes_nothing(client: Any, make_key: Any) -> None:
    shop = Storefront(client, await make_key("storefront"))
    r = await shop.order("O-NOBODY", "nobody", "buyer-1")
    assert r.status_code == 404 and r.json()["code"] == "seller_not_found"
    assert await Order.filter(order_id="O-NOBODY").count() == 0
