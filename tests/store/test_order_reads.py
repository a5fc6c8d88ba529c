"""The one read behind an order's report (store/order_reads.py) gives the models the ORM gives, for what exists under
each key, and nothing for what does not, on both dialects."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.context import TortoiseContext
from tortoise.models import Model

from store.campaigns import CampaignSharer, ShareList, SharerTotals
from store.order_reads import order_rows
from store.orders import Order
from store.sellers import Seller

PAID_AT = dt.datetime(2026, 12, 8, 2, 0, 0, 123456, tzinfo=dt.UTC)


def fields_of(model: Model) -> dict[str, Any]:
    return {name: getattr(model, name) for name in model._meta.fields_map if name in model._meta.fields_db_projection}


async def test_each_part_is_what_the_orm_reads(db: TortoiseContext) -> None:
    await Seller.create(seller_id="S-1", channel="ch-a", tier="gold", qualifying_transactions=7)
    await Order.create(order_id="O-1@ch-a", seller_id="S-1", buyer_id="B-1", paid_at=PAID_AT, body_hash="h" * 64)
    await Order.create(order_id="O-1", seller_id="S-1", buyer_id="B-0", paid_at=PAID_AT, body_hash="g" * 64,
                       status="closed", qualifying=True)
    await ShareList.create(share_list_id="L-1@ch-a", campaign_id="C", consumer_id="U-1", seller_id="S-1",
                           skus=["A", "B"], body_hash="b" * 64)
    await ShareList.create(share_list_id="L-1", campaign_id="C", consumer_id="U-2", seller_id="S-1", skus=[],
                           body_hash="c" * 64)
    await CampaignSharer.create(campaign_id="C", consumer_id="U-1", reserved_fen=120, committed_fen=30)
    await CampaignSharer.create(campaign_id="OTHER", consumer_id="U-2", reserved_fen=5)  # another campaign's

    found = await order_rows("S-1", ["O-1@ch-a", "O-1"], ["L-1@ch-a", "L-1"])

    assert found.seller is not None and fields_of(found.seller) == fields_of(await Seller.get(seller_id="S-1"))
    assert {key: fields_of(order) for key, order in found.orders.items()} == {
        key: fields_of(await Order.get(order_id=key)) for key in ("O-1@ch-a", "O-1")}
    assert found.orders["O-1@ch-a"].paid_at == PAID_AT
    assert {key: fields_of(share) for key, (share, _) in found.lists.items()} == {
        key: fields_of(await ShareList.get(share_list_id=key)) for key in ("L-1@ch-a", "L-1")}
    assert found.lists["L-1@ch-a"][1] == SharerTotals(120, 30)
    assert found.lists["L-1"][1] is None  # its sharer has a row in another campaign only
    # what the order's statement needs of the models it was given: they are stored rows, not new ones
    assert found.seller._saved_in_db and found.orders["O-1"]._saved_in_db


async def test_what_does_not_exist_is_not_found(db: TortoiseContext) -> None:
    await Seller.create(seller_id="S-1", channel="ch-a")
    await Order.create(order_id="O-2@ch-a", seller_id="S-1", buyer_id="B-1", paid_at=PAID_AT, body_hash="h" * 64)

    nothing = await order_rows("S-NONE", ["O-NONE@ch-a", "O-NONE"], ["L-NONE@ch-a"])
    assert (nothing.seller, nothing.orders, nothing.lists) == (None, {}, {})
    only_some = await order_rows("S-1", ["O-1@ch-a", "O-2@ch-a"], [])
    assert only_some.seller is not None and list(only_some.orders) == ["O-2@ch-a"]
    no_keys = await order_rows("S-1", [], [])
    assert no_keys.seller is not None and (no_keys.orders, no_keys.lists) == ({}, {})
