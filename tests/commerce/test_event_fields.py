"""An order event carries an item and an amount only where they mean something, on a refund. A storefront closing
"one item" of an order with `{"type": "closed", "sku": ...}` closed the whole order before receipt and cancelled
every commission line, the item it named ignored; a shipment or a receipt with an amount was taken as if it had none.
Now such an event is 422 and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.commerce.helpers import Storefront, ok

SNACKS = {"sku": "SNACK-A", "category": "snacks", "price": "10.00", "quantity": 1}
NUTS = {"sku": "NUTS-B", "category": "snacks", "price": "20.00", "quantity": 1}
AT = "2026-11-05T11:00:00+08:00"


@pytest.mark.parametrize(("type_", "extra", "field"), [
    pytest.param("closed", {"sku": "SNACK-A"}, "sku", id="close-one-item"),
    pytest.param("receipt_confirmed", {"sku": "SNACK-A"}, "sku", id="receipt-of-one-item"),
    pytest.param("shipped", {"amount": "5.00"}, "amount", id="shipment-with-an-amount"),
    pytest.param("closed", {"amount": "10.00"}, "amount", id="close-with-an-amount"),
])
async def test_an_item_or_amount_on_an_event_that_is_no_refund_is_refused(
        client: Any, make_key: Any, type_: str, extra: dict[str, str], field: str) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-1")
    before = await ok(await shop.order("O-1", "S-1", "b1", items=[SNACKS, NUTS]), 201)
    refused = await shop.event("O-1", "E-1", type_, AT, **extra)
    assert refused.status_code == 422, refused.text
    assert any(e["field"] == f"body.{field}" for e in refused.json()["errors"]), refused.json()
    after = await ok(await client.get("/v1/orders/O-1", headers=shop.headers))
    assert (after["status"], after["commission_lines"]) == ("paid", before["commission_lines"])
    refund = await ok(await shop.event("O-1", "E-1", "refunded", AT, sku="SNACK-A"), 201)  # the id was not taken
    assert [i["refunded"] for i in refund["items"]] == ["10.00", "0.00"]
