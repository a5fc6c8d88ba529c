"""Orders reported by storefronts: one commission line per item, estimated at payment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import PolicyEvaluator
from engine.fields import format_yuan, iso_utc_or_none
from store import clock
from store.commission import CommissionLine
from store.orders import Order, OrderItem
from store.sellers import Seller
from workflows.campaigns.rewards import order_reward_view, reserve_reward
from workflows.commission.line_commission import LineInput, commission_fen, decide_commission
from workflows.common.decisions import record_decisions
from workflows.common.errors import InvalidInput, NotFound
from workflows.common.idempotency import apply_once, body_hash
from workflows.common.scoped_ids import public_id
from workflows.common.timeline import claimed_time


@dataclass(frozen=True)
class OrderInput:
    seller_id: str
    buyer_id: str
    paid_at: dt.datetime
    items: list[LineInput]
    share_list_id: str | None = None  # attribution: the order came through this shared list


def sale_line_key(order_id: str, sku: str) -> str:
    return f"sale:{order_id}:{sku}"


async def put_order(evaluator: PolicyEvaluator, order_id: str, order: OrderInput, body: Any
                    ) -> tuple[bool, dict[str, Any]]:
    """Record an order once; (created, view). A replay returns the first result and writes nothing."""
    digest = body_hash(body)
    skus = [item.sku for item in order.items]
    if len(set(skus)) != len(skus):
        raise InvalidInput("each sku appears once per order", code="duplicate_sku",
                           errors=[{"field": "items", "message": "duplicate sku"}])
    created = await apply_once("order", order_id, digest, lambda: Order.get_or_none(order_id=order_id),
                               lambda conn: _create(evaluator, order_id, order, digest, conn))
    return created, await order_view(order_id)


async def _create(evaluator: PolicyEvaluator, order_id: str, order: OrderInput, digest: str,
                  conn: BaseDBAsyncClient) -> None:
    claimed_time("paid_at", order.paid_at)
    seller = await Seller.get_or_none(seller_id=order.seller_id, using_db=conn)
    if seller is None:
        raise NotFound(f"no seller {order.seller_id!r}", code="seller_not_found")
    row = await Order.create(order_id=order_id, seller_id=order.seller_id, buyer_id=order.buyer_id,
                             paid_at=order.paid_at, body_hash=digest, using_db=conn)
    decisions = [decide_commission(evaluator, line, seller.tier, order.paid_at, field=f"items.{index}")
                 for index, line in enumerate(order.items)]
    # one INSERT per table, not one per line: an order's writes are a handful of round trips whatever its size
    await OrderItem.bulk_create([OrderItem(
        order=row, sku=line.sku, category=line.category, price_fen=line.price_fen, quantity=line.quantity,
        supplier_id=line.supplier_id, supplier_rate_bp=line.supplier_rate_bp,
        supplier_amount_fen=line.supplier_amount_fen) for line in order.items], using_db=conn)
    records = await record_decisions([(d, f"order:{order_id}/{line.sku}") for d, line in zip(decisions, order.items,
                                                                                               strict=True)], conn)
    now = clock.now()
    await CommissionLine.bulk_create([CommissionLine(
        line_key=sale_line_key(order_id, line.sku), seller_id=order.seller_id, order_id=order_id, sku=line.sku,
        kind="sale", status="estimated", amount_fen=commission_fen(decision), rate_bp=decision.outputs.get("rate_bp"),
        rule_ids=decision.fired_ids, decision_id=record.id, reason="estimated at payment", created_at=now,
        updated_at=now) for line, decision, record in zip(order.items, decisions, records, strict=True)],
        using_db=conn)
    if order.share_list_id is not None:
        await reserve_reward(evaluator, order_id, order.share_list_id, order.seller_id, order.buyer_id,
                             order.paid_at, order.items, conn)


def line_input(item: OrderItem) -> LineInput:
    return LineInput(sku=item.sku, category=item.category, price_fen=item.price_fen, quantity=item.quantity,
                     supplier_id=item.supplier_id, supplier_rate_bp=item.supplier_rate_bp,
                     supplier_amount_fen=item.supplier_amount_fen)


def line_view(line: CommissionLine) -> dict[str, Any]:
    return {"line_id": line.id, "order_id": public_id(line.order_id), "sku": line.sku, "kind": line.kind,
            "status": line.status, "amount": format_yuan(line.amount_fen), "rules": line.rule_ids,
            "decision_id": str(line.decision_id), "reason": line.reason,
            "lock_due_at": iso_utc_or_none(line.lock_due_at), "locked_at": iso_utc_or_none(line.locked_at),
            "statement_id": line.statement_id}  # type: ignore[attr-defined]


async def order_view(order_id: str) -> dict[str, Any]:
    order = await Order.get_or_none(order_id=order_id)
    if order is None:
        raise NotFound(f"no order {order_id!r}", code="order_not_found")
    items = await OrderItem.filter(order_id=order_id).order_by("id")
    lines = await CommissionLine.filter(order_id=order_id).order_by("id")
    return {
        "order_id": public_id(order.order_id), "seller_id": order.seller_id, "buyer_id": order.buyer_id,
        "paid_at": iso_utc_or_none(order.paid_at), "status": order.status, "qualifying": order.qualifying,
        "items": [{"sku": i.sku, "category": i.category, "price": format_yuan(i.price_fen), "quantity": i.quantity,
                   "refunded": format_yuan(i.refunded_fen)} for i in items],
        "commission_lines": [line_view(line) for line in lines],
        "total_commission": format_yuan(sum(line.amount_fen for line in lines)),
        "campaign_reward": await order_reward_view(order_id),
    }
