"""An order id is the storefront channel's own: two channels report the same order id, each on its own store,
and each reaches only its own order, its events, its money and its disputes, all shown with the id it chose;
a dispute step's id is its case's own; share-list ids are the channel's own too. An order recorded before ids
were scoped stays its channel's."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from store.campaigns import CampaignSharer, ShareList
from store.orders import Order, OrderItem
from tests.campaigns.helpers import CAMPAIGN, DEC_8
from tests.clock import advance_to
from tests.commerce.helpers import APPLES, PAID_AT, Storefront, listed_goods, ok
from tests.conftest import MakeKey

pytestmark = pytest.mark.asyncio
RECEIVED = "2026-11-06T10:00:00+08:00"
OPENED = "2026-11-08T12:00:00+08:00"


async def two_channels(client: Any, make_key: MakeKey) -> tuple[Storefront, Storefront]:
    a = Storefront(client, await make_key("storefront", party="channel-A"))
    b = Storefront(client, await make_key("storefront", party="channel-B"))
    await a.open_store("S-A")
    await b.open_store("S-B")
    return a, b


async def test_two_channels_use_the_same_order_id_each_for_its_own_order(client: Any, make_key: MakeKey) -> None:
    a, b = await two_channels(client, make_key)
    first = await ok(await a.order("O-1", "S-A", "buyer-a"), 201)
    second = await ok(await b.order("O-1", "S-B", "buyer-b", items=[APPLES, {**APPLES, "sku": "PEAR"}]), 201)
    assert (first["order_id"], first["seller_id"], len(first["items"])) == ("O-1", "S-A", 1)
    assert (second["order_id"], second["seller_id"], len(second["items"])) == ("O-1", "S-B", 2)
    # each reads its own; a replay of each is answered from its own record
    assert (await ok(await a.client.get("/v1/orders/O-1", headers=a.headers)))["buyer_id"] == "buyer-a"
    assert (await ok(await b.client.get("/v1/orders/O-1", headers=b.headers)))["buyer_id"] == "buyer-b"
    assert (await a.order("O-1", "S-A", "buyer-a")).status_code == 200
    assert (await b.order("O-1", "S-A", "buyer-b")).status_code == 404  # B still cannot reach A's store
    # the same event id on each order is two events
    assert (await a.event("O-1", "E-1", "receipt_confirmed", RECEIVED)).status_code == 201
    assert (await b.event("O-1", "E-1", "receipt_confirmed", RECEIVED)).status_code == 201
    assert (await a.event("O-1", "E-1", "receipt_confirmed", RECEIVED)).status_code == 200  # a replay
    # money: each store's ledger holds its own lines, under the id its channel chose
    assert [(line["order_id"], line["sku"]) for line in await a.lines("S-A")] == [("O-1", "APPLE-5KG")]
    assert sorted((line["order_id"], line["sku"]) for line in await b.lines("S-B")) == [("O-1", "APPLE-5KG"),
                                                                                     ("O-1", "PEAR")]
    # disputes: each channel opens "D-1" on its own O-1, and sees the ids it chose
    advance_to(OPENED)
    for shop, amount in ((a, "28.90"), (b, "10.00")):
        opened = await ok(await shop.client.post("/v1/disputes", headers=shop.headers, json={
            "dispute_id": "D-1", "order_id": "O-1", "sku": "APPLE-5KG", "type": "not_received",
            "amount": amount, "opened_at": OPENED}), 201)
        assert (opened["dispute_id"], opened["order_id"], opened["amount"]) == ("D-1", "O-1", amount)
    # the platform tells the two cases apart by their qualified ids; another channel cannot name A's
    reviewer = {"Authorization": f"Bearer {await make_key('reviewer')}"}
    for channel, amount in (("channel-A", "28.90"), ("channel-B", "10.00")):
        case = await ok(await client.get(f"/v1/disputes/D-1@{channel}", headers=reviewer))
        assert (case["dispute_id"], case["order_id"], case["amount"]) == (f"D-1@{channel}", f"O-1@{channel}", amount)
    assert (await b.client.get("/v1/disputes/D-1@channel-A", headers=b.headers)).status_code == 404
    assert (await ok(await b.client.get("/v1/disputes/D-1@channel-B", headers=b.headers)))["dispute_id"] == "D-1"
    # a step id is its case's own: the same id on another case is another step
    for shop in (a, b):
        withdrawn = await ok(await shop.client.post("/v1/disputes/D-1/events", headers=shop.headers, json={
            "event_id": "W-1", "type": "buyer_withdraws", "actor": "buyer", "at": OPENED}), 201)
        assert [step["event_id"] for step in withdrawn["history"]][-1] == "W-1"
    assert await Order.filter(order_id__startswith="O-1").count() == 2


async def test_two_channels_share_lists_under_the_same_id(client: Any, make_key: MakeKey) -> None:
    a, b = await two_channels(client, make_key)
    for shop, store, consumer in ((a, "S-A", "C-a"), (b, "S-B", "C-b")):
        shared = await ok(await shop.client.post("/v1/share-lists", headers=shop.headers, json={
            "share_list_id": "L-1", "consumer_id": consumer, "seller_id": store, "skus": ["APPLE-5KG"]}), 201)
        assert (shared["share_list_id"], shared["seller_id"]) == ("L-1", store)
    read = await ok(await b.client.get("/v1/share-lists/L-1", headers=b.headers))
    assert (read["consumer_id"], read["orders"]) == ("C-b", 0)
    # an order of B naming L-1 is attributed to B's list, not A's
    body = {"seller_id": "S-B", "buyer_id": "buyer-b", "paid_at": "2026-12-08T10:00:00+08:00",
            "items": await listed_goods(client, [APPLES]), "share_list_id": "L-1"}
    advance_to(body["paid_at"])
    attributed = await ok(await b.client.put("/v1/orders/O-9", json=body, headers=b.headers), 201)
    assert attributed["campaign_reward"]["share_list_id"] == "L-1"
    assert (await ok(await b.client.get("/v1/share-lists/L-1", headers=b.headers)))["orders"] == 1
    assert (await ok(await a.client.get("/v1/share-lists/L-1", headers=a.headers)))["orders"] == 0


async def test_an_order_recorded_before_ids_were_scoped_stays_its_channels(client: Any, make_key: MakeKey) -> None:
    a, b = await two_channels(client, make_key)
    paid = dt.datetime.fromisoformat(PAID_AT)
    legacy = await Order.create(order_id="O-OLD", seller_id="S-A", buyer_id="buyer-a", paid_at=paid, body_hash="h")
    await OrderItem.create(order=legacy, sku="APPLE-5KG", category="fresh_fruit", price_fen=2890, quantity=1)
    assert (await ok(await a.client.get("/v1/orders/O-OLD", headers=a.headers)))["order_id"] == "O-OLD"
    assert (await b.client.get("/v1/orders/O-OLD", headers=b.headers)).status_code == 404
    assert (await a.event("O-OLD", "E-OLD", "receipt_confirmed", RECEIVED)).status_code == 201
    assert (await ok(await b.order("O-OLD", "S-B", "buyer-b"), 201))["seller_id"] == "S-B"  # B's own O-OLD
    assert (await ok(await a.client.get("/v1/orders/O-OLD", headers=a.headers)))["status"] == "receipt_confirmed"


async def test_a_list_shared_before_ids_were_scoped_stays_its_channels(client: Any, make_key: MakeKey) -> None:
    """An order naming a list by its bare key is attributed to it only for the channel of the list's store; the
    store, the order id and the list are read in one statement (store/order_reads.py), the legacy list's store
    checked as before."""
    a, b = await two_channels(client, make_key)
    await ok(await a.client.post("/v1/share-lists", headers=a.headers, json={  # the campaign's pool is set up
        "share_list_id": "L-NEW", "consumer_id": "C-new", "seller_id": "S-A", "skus": ["APPLE-5KG"]}), 201)
    await ShareList.create(share_list_id="L-OLD", campaign_id=CAMPAIGN, consumer_id="C-old", seller_id="S-A",
                           skus=["APPLE-5KG"], body_hash="h" * 64)
    await CampaignSharer.create(campaign_id=CAMPAIGN, consumer_id="C-old")
    items = await listed_goods(client, [APPLES])
    advance_to(DEC_8)

    def body(store: str) -> dict[str, Any]:
        return {"seller_id": store, "buyer_id": "buyer", "paid_at": DEC_8, "items": items, "share_list_id": "L-OLD"}

    attributed = await ok(await a.client.put("/v1/orders/O-7", json=body("S-A"), headers=a.headers), 201)
    assert (attributed["campaign_reward"]["share_list_id"], attributed["campaign_reward"]["state"]) == (
        "L-OLD", "reserved")
    refused = await b.client.put("/v1/orders/O-7", json=body("S-B"), headers=b.headers)  # B's store, A's list
    assert (refused.status_code, refused.json()["code"]) == (422, "unknown_share_list"), refused.text
    assert not await Order.exists(order_id="O-7@channel-B")
    # an order recorded before ids were scoped is found by its bare id, in the same read, as the channel's own
    legacy_order = await Order.create(order_id="O-OLD", seller_id="S-A", buyer_id="buyer-a",
                                      paid_at=dt.datetime.fromisoformat(PAID_AT), body_hash="h" * 64)
    conflict = await a.order("O-OLD", "S-A", "buyer-a")
    assert conflict.status_code == 409, conflict.text  # not recorded again under a scoped key
    assert not await Order.exists(order_id="O-OLD@channel-A") and await Order.exists(order_id=legacy_order.order_id)
