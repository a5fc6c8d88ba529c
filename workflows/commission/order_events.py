"""Order events (shipped, receipt confirmed, refunded, closed) and what they do to the ledger and tiers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import PolicyEvaluator
from engine.fields import format_yuan
from store.commission import CommissionLine
from store.disputes import Dispute
from store.orders import Order, OrderEvent, OrderItem
from store.sellers import Seller
from workflows.campaigns.rewards import commit_reward, release_on_close, release_on_refund
from workflows.commission.ledger import lock_lines_at_receipt, refund_item
from workflows.commission.orders import order_view
from workflows.common.decisions import record_decision
from workflows.common.errors import Conflict, InvalidInput, NotFound
from workflows.common.idempotency import apply_once, body_hash
from workflows.common.scoped_ids import public_id
from workflows.common.timeline import claimed_time
from workflows.sellers.tiers import reevaluate_tier

EVENT_TYPES = ("shipped", "receipt_confirmed", "refunded", "closed")


@dataclass(frozen=True)
class EventInput:
    event_id: str
    type: str
    at: dt.datetime
    amount_fen: int | None = None
    sku: str | None = None


async def apply_event(evaluator: PolicyEvaluator, order_id: str, event: EventInput, body: Any
                      ) -> tuple[bool, dict[str, Any]]:
    """Apply an event once; a replayed event_id changes nothing and returns the order as it is."""
    digest = body_hash({"order_id": order_id, **body})

    async def apply(conn: BaseDBAsyncClient) -> None:
        order = await Order.filter(order_id=order_id).using_db(conn).select_for_update().first()
        if order is None:
            raise NotFound(f"no order {order_id!r}", code="order_not_found")
        claimed_time("at", event.at, await last_step_at(order, conn), "the order's previous step")
        await OrderEvent.create(event_id=event.event_id, order=order, type=event.type, at=event.at,
                                amount_fen=event.amount_fen, sku=event.sku, body_hash=digest, using_db=conn)
        await HANDLERS[event.type](evaluator, order, event, conn)

    created = await apply_once("event", event.event_id, digest,
                               lambda: OrderEvent.get_or_none(event_id=event.event_id), apply)
    return created, await order_view(order_id)


async def last_step_at(order: Order, conn: BaseDBAsyncClient) -> dt.datetime:
    """When the order's latest step happened, as its callers told it: payment or the latest event."""
    latest = await OrderEvent.filter(order_id=order.order_id).using_db(conn).order_by("-at").first()
    return max(order.paid_at, latest.at) if latest else order.paid_at


def _require(order: Order, allowed: tuple[str, ...], event: EventInput) -> None:
    if order.status not in allowed:
        raise Conflict(f"cannot apply {event.type} to an order that is {order.status}", code="invalid_transition",
                       status_now=order.status)


async def _shipped(evaluator: PolicyEvaluator, order: Order, event: EventInput, conn: BaseDBAsyncClient) -> None:
    _require(order, ("paid",), event)
    order.status, order.shipped_at = "shipped", event.at
    await order.save(using_db=conn, update_fields=["status", "shipped_at"])


async def _receipt_confirmed(evaluator: PolicyEvaluator, order: Order, event: EventInput,
                             conn: BaseDBAsyncClient) -> None:
    _require(order, ("paid", "shipped"), event)
    order.status, order.receipt_confirmed_at = "receipt_confirmed", event.at
    await order.save(using_db=conn, update_fields=["status", "receipt_confirmed_at"])
    await lock_lines_at_receipt(evaluator, order, event.at, conn)
    await _count_towards_tier(evaluator, order, event.at, conn)
    await commit_reward(order, conn)


async def _count_towards_tier(evaluator: PolicyEvaluator, order: Order, at: dt.datetime,
                             conn: BaseDBAsyncClient) -> None:
    """Decide whether the order qualifies; keep the seller's count and tier in step, in this transaction."""
    items = await OrderItem.filter(order_id=order.order_id).using_db(conn)
    fully_refunded = all(i.refunded_fen >= i.amount_fen for i in items)
    decision = evaluator.evaluate("qualifying_transaction", {
        "receipt_confirmed": order.receipt_confirmed_at is not None, "fully_refunded": fully_refunded,
        "self_purchase": order.buyer_id == order.seller_id}, as_of=at)
    qualifies = bool(decision.outputs["qualifies"])
    if qualifies == order.qualifying:
        return
    record = await record_decision(decision, f"order:{order.order_id}", conn)
    seller = await Seller.filter(seller_id=order.seller_id).using_db(conn).select_for_update().first()
    assert seller is not None
    order.qualifying, order.qualifying_decision_id = qualifies, record.id
    await order.save(using_db=conn, update_fields=["qualifying", "qualifying_decision_id"])
    seller.qualifying_transactions += 1 if qualifies else -1
    await seller.save(using_db=conn, update_fields=["qualifying_transactions"])
    await reevaluate_tier(evaluator, seller, at, conn)


async def _refunded(evaluator: PolicyEvaluator, order: Order, event: EventInput, conn: BaseDBAsyncClient) -> None:
    _require(order, ("paid", "shipped", "receipt_confirmed"), event)
    await refund_items(evaluator, order, event.sku, event.amount_fen, event.event_id, event.at, conn)


async def refund_items(evaluator: PolicyEvaluator, order: Order, sku: str | None, amount_fen: int | None, event_id: str,
                       at: dt.datetime, conn: BaseDBAsyncClient) -> None:
    """Refund one item (partly, with an amount) or every item in full (what is left of the order: an item refunded
    in full before is passed over; 422 when nothing is left); the ledger and the seller's tier progress follow in
    the caller's transaction. Used by order events and by dispute outcomes."""
    # locked in id order: an order event and a dispute's refund of the same item never both see the old total
    items = await OrderItem.filter(order_id=order.order_id).using_db(conn).order_by("id").select_for_update()
    if sku is None and amount_fen is not None and len(items) > 1:
        raise InvalidInput("a partial refund names the sku it refunds", code="sku_required",
                           errors=[{"field": "sku", "message": "required with amount on a multi-item order"}])
    targets = [i for i in items if sku in (None, i.sku)]
    if not targets:
        raise InvalidInput(f"order has no sku {sku!r}", code="unknown_sku",
                           errors=[{"field": "sku", "message": "not an item of this order"}])
    if sku is None and amount_fen is None:  # the whole order: what is left of it, items refunded in full aside
        targets = [i for i in targets if i.amount_fen > i.refunded_fen] or targets[:1]
    for item in targets:
        remaining = item.amount_fen - item.refunded_fen
        amount = remaining if amount_fen is None else amount_fen
        if amount <= 0 or amount > remaining:
            raise InvalidInput(f"a refund of RMB {format_yuan(amount)} exceeds the RMB {format_yuan(remaining)} left "
                               f"on {item.sku}", code="refund_exceeds_item",
                               errors=[{"field": "amount", "message": f"at most {format_yuan(remaining)}"}])
        item.refunded_fen += amount
        await item.save(using_db=conn, update_fields=["refunded_fen"])
        await refund_item(evaluator, order, item, event_id, at, conn)
    if order.receipt_confirmed_at is not None:
        await _count_towards_tier(evaluator, order, at, conn)
    await release_on_refund(evaluator, order, conn)


async def _closed(evaluator: PolicyEvaluator, order: Order, event: EventInput, conn: BaseDBAsyncClient) -> None:
    _require(order, ("paid", "shipped", "receipt_confirmed"), event)
    if order.receipt_confirmed_at is None and await Dispute.filter(order_id=order.order_id).exclude(
            state="final").using_db(conn).exists():
        # closing before receipt says nothing was sold, while the open case may still refund the buyer and take it
        # from the supplier's deposit: the case is decided first
        raise Conflict(f"a case on order {public_id(order.order_id)} is open; it is decided before the order is "
                       "closed", code="dispute_open")
    if order.receipt_confirmed_at is None:  # closed before the buyer confirmed: nothing was earned
        await CommissionLine.filter(order_id=order.order_id, status="estimated").using_db(conn).update(
            status="cancelled", amount_fen=0, reason="order closed before receipt")
        await release_on_close(order, conn)
    order.status = "closed"
    await order.save(using_db=conn, update_fields=["status"])


HANDLERS = {"shipped": _shipped, "receipt_confirmed": _receipt_confirmed, "refunded": _refunded, "closed": _closed}
