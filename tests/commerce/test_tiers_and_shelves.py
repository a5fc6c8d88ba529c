"""Trial sellers hold 30 products; 5 qualifying orders from distinct buyers make them L1."""

from __future__ import annotations

from typing import Any

import pytest

from tests.commerce.helpers import Storefront, ok

pytestmark = pytest.mark.asyncio


async def confirmed_order(shop: Storefront, order_id: str, seller: str, buyer: str) -> None:
    await ok(await shop.order(order_id, seller, buyer))
    await ok(await shop.event(order_id, f"{order_id}-rc", "receipt_confirmed", "2026-11-08T10:00:00+08:00"))


async def test_trial_refuses_31st_item_until_l1(client: Any, make_key: Any) -> None:
    shop = Storefront(client, await make_key("storefront"))
    seller = await shop.open_store("S-TIER")
    assert (seller["tier"], seller["shelf_limit"], seller["shelf_count"]) == ("trial", 30, 0)
    for i in range(30):
        await ok(await shop.shelve("S-TIER", f"SKU-{i}"), 201)
    refused = await shop.shelve("S-TIER", "SKU-30")
    assert refused.status_code == 409
    problem = refused.json()
    assert problem["code"] == "shelf_limit_reached"
    assert problem["rule_id"] == "shelf_limit_not_reached"
    assert "trial_tier" in problem["rules"]

    for n in range(5):
        await confirmed_order(shop, f"O-TIER-{n}", "S-TIER", f"buyer-{n}")
        view = await shop.seller("S-TIER")
        if n < 4:
            assert view["tier"] == "trial"
            assert view["next_tier"]["tier"] == "L1"
            transactions = "transaction" if n == 3 else "transactions"
            assert view["next_tier"]["missing"] == [f"{4 - n} more qualifying {transactions}"]
    view = await shop.seller("S-TIER")
    assert (view["tier"], view["shelf_limit"], view["qualifying_transactions"]) == ("L1", 10000, 5)
    assert view["next_tier"] is None
    await ok(await shop.shelve("S-TIER", "SKU-30"), 201)


async def test_self_purchases_and_refunded_orders_do_not_count(client: Any, make_key: Any) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-SELF")
    await confirmed_order(shop, "O-SELF", "S-SELF", "S-SELF")  # the shopkeeper bought from their own store
    await confirmed_order(shop, "O-REF", "S-SELF", "buyer-1")
    assert (await shop.seller("S-SELF"))["qualifying_transactions"] == 1
    await ok(await shop.event("O-REF", "O-REF-refund", "refunded", "2026-11-09T10:00:00+08:00"))
    assert (await shop.seller("S-SELF"))["qualifying_transactions"] == 0


async def test_shelf_put_is_idempotent_and_delete_removes(client: Any, make_key: Any) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-SHELF")
    assert (await shop.shelve("S-SHELF", "A")).status_code == 201
    assert (await shop.shelve("S-SHELF", "A")).status_code == 200
    assert (await shop.seller("S-SHELF"))["shelf_count"] == 1
    r = await client.delete("/v1/sellers/S-SHELF/shelf/A", headers=shop.headers)
    assert r.status_code == 204
    assert (await shop.seller("S-SHELF"))["shelf_count"] == 0
    again = await client.delete("/v1/sellers/S-SHELF/shelf/A", headers=shop.headers)
    assert again.status_code == 404


async def test_shelving_again_changes_the_price_and_refuses_other_goods(client: Any, make_key: Any) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-RESHELF")
    first = await ok(await shop.shelve("S-RESHELF", "A", price="9.90"), 201)
    assert (first["price"], first["changed"]) == ("9.90", [])
    repriced = await ok(await shop.shelve("S-RESHELF", "A", price="10.90"), 200)
    assert repriced["price"] == "10.90"
    assert repriced["changed"] == [{"field": "price", "from": "9.90", "to": "10.90"}]
    assert (await ok(await shop.shelve("S-RESHELF", "A", price="10.90"), 200))["changed"] == []
    other = await shop.shelve("S-RESHELF", "A", category="fresh_fruit", price="10.90")
    assert other.status_code == 409 and other.json()["code"] == "shelf_item_differs"
    assert "category snacks (asked fresh_fruit)" in other.json()["detail"]
    assert (await ok(await shop.shelve("S-RESHELF", "A", price="10.90"), 200))["category"] == "snacks"


async def test_opening_a_store_twice_returns_the_same_seller(client: Any, make_key: Any) -> None:
    shop = Storefront(client, await make_key("storefront"))
    first = await client.post("/v1/sellers", json={"seller_id": "S-TWICE"}, headers=shop.headers)
    second = await client.post("/v1/sellers", json={"seller_id": "S-TWICE"}, headers=shop.headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["tier"] == "trial"
