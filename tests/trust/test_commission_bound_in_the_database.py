"""The database itself refuses a sale commission above what is left of its line, whoever writes it (a bug, a
migration script, a hand-edited row): the service refuses it first, the database is the backstop."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg
import pytest
from tortoise.context import TortoiseContext
from tortoise.exceptions import IntegrityError, OperationalError

from store.commission import CommissionLine
from store.orders import Order, OrderItem

REFUSED = (IntegrityError, OperationalError, asyncpg.exceptions.CheckViolationError)
AT = dt.datetime(2026, 11, 10, 2, 0, tzinfo=dt.UTC)


async def an_order_of_apples(refunded_fen: int = 0) -> None:
    order = await Order.create(order_id="O-1", seller_id="S-1", buyer_id="B-1", paid_at=AT, body_hash="h")
    await OrderItem.create(order=order, sku="APPLE", category="fresh_fruit", price_fen=2890, quantity=2,
                           refunded_fen=refunded_fen)


def line(amount_fen: int, kind: str = "sale") -> CommissionLine:
    return CommissionLine(line_key=f"{kind}:O-1:APPLE:{amount_fen}", seller_id="S-1", order_id="O-1", sku="APPLE",
                          kind=kind, status="estimated", amount_fen=amount_fen, rule_ids=[], reason="test",
                          decision_id=uuid.uuid4(), created_at=AT, updated_at=AT)


async def test_a_sale_commission_above_its_line_is_refused_on_insert_and_update(db: TortoiseContext) -> None:
    await an_order_of_apples(refunded_fen=2890)  # one of two boxes refunded: 28.90 left
    with pytest.raises(REFUSED, match="commission_exceeds_line"):
        await line(2891).save()
    kept = line(2890)
    await kept.save()  # the whole of what is left: allowed
    with pytest.raises(REFUSED, match="commission_exceeds_line"):
        await CommissionLine.filter(id=kept.id).update(amount_fen=5780)
    await CommissionLine.filter(id=kept.id).update(status="locked")  # other changes of the line are not checked
    assert (await CommissionLine.get(id=kept.id)).amount_fen == 2890


async def test_a_clawback_is_not_a_sale(db: TortoiseContext) -> None:
    await an_order_of_apples(refunded_fen=5780)
    await line(-520, kind="clawback").save()
