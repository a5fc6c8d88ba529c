"""A retry is the same request however its amounts are written: "5", "5.0" and "5.00" are one amount. A storefront
retrying a refund with the amount written another way was refused with 409 `event_id_reused`, as if it had sent
another refund under the id, and an order sent again with its prices so written the same."""

from __future__ import annotations

from typing import Any

from tests.commerce.helpers import Storefront, ok

SNACKS = {"sku": "SNACK-A", "category": "snacks", "price": "10.00", "quantity": 1}
AT = "2026-11-05T11:00:00+08:00"


async def test_a_refund_retried_with_its_amount_written_another_way_is_the_same_refund(
        client: Any, make_key: Any) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-1")
    await ok(await shop.order("O-1", "S-1", "b1", items=[SNACKS]), 201)
    first = await ok(await shop.event("O-1", "E-1", "refunded", AT, sku="SNACK-A", amount="5"), 201)
    again = await ok(await shop.event("O-1", "E-1", "refunded", AT, sku="SNACK-A", amount="5.00"), 200)
    assert [i["refunded"] for i in first["items"]] == [i["refunded"] for i in again["items"]] == ["5.00"]
    other = await shop.event("O-1", "E-1", "refunded", AT, sku="SNACK-A", amount="5.01")
    assert other.status_code == 409 and other.json()["code"] == "event_id_reused", other.text


async def test_an_order_sent_again_with_its_prices_written_another_way_is_the_same_order(
        client: Any, make_key: Any) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-1")
    first = await ok(await shop.order("O-1", "S-1", "b1", items=[SNACKS]), 201)
    again = await ok(await shop.order("O-1", "S-1", "b1", items=[{**SNACKS, "price": "10"}]), 200)
    assert again["commission_lines"] == first["commission_lines"]
    assert [item["price"] for item in again["items"]] == ["10.00"]
