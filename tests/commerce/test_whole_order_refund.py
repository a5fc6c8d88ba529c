"""A refund of the whole order refunds what is left of it: an item refunded in full before is passed over (it had
refused the whole refund with "RMB 0.00 exceeds the RMB 0.00 left"), and nothing left at all is still refused."""

from __future__ import annotations

from typing import Any

from tests.commerce.helpers import Storefront, ok

SNACKS = {"sku": "SNACK-A", "category": "snacks", "price": "10.00", "quantity": 1}
NUTS = {"sku": "NUTS-B", "category": "snacks", "price": "20.00", "quantity": 1}


async def test_the_whole_order_is_refunded_after_one_item_was(client: Any, make_key: Any) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-1")
    await ok(await shop.order("O-1", "S-1", "b1", items=[SNACKS, NUTS]), 201)
    await ok(await shop.event("O-1", "E-1", "refunded", "2026-11-05T11:00:00+08:00", sku="SNACK-A"), 201)
    whole = await ok(await shop.event("O-1", "E-2", "refunded", "2026-11-05T12:00:00+08:00"), 201)
    assert [(i["sku"], i["refunded"]) for i in whole["items"]] == [("SNACK-A", "10.00"), ("NUTS-B", "20.00")]
    nothing_left = await shop.event("O-1", "E-3", "refunded", "2026-11-05T13:00:00+08:00")
    assert (nothing_left.status_code, nothing_left.json()["code"]) == (422, "refund_exceeds_item")
