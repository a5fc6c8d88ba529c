"""Movements of commission lines: lock timing at receipt, refunds before lock and clawbacks after."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F

from engine import PolicyEvaluator
from store import clock
from store.commission import CommissionLine
from store.decisions import DecisionRecord
from store.orders import Order, OrderItem
from workflows.commission.line_commission import commission_fen, decide_commission
from workflows.commission.orders import line_input, line_view, sale_line_key
from workflows.common.decisions import record_decision
from workflows.common.paging import page_after
from workflows.sellers.stores import get_seller


async def lock_lines_at_receipt(evaluator: PolicyEvaluator, order: Order, at: dt.datetime,
                                conn: BaseDBAsyncClient) -> None:
    """Estimated lines become pending, each with the lock date the `commission_lock` policy gives, counted from
    when the platform learned of the receipt (its clock), not from the time the storefront reports."""
    learned = clock.now()
    items = {i.sku: i for i in await OrderItem.filter(order_id=order.order_id).using_db(conn)}
    for line in await CommissionLine.filter(order_id=order.order_id, status="estimated").using_db(conn):
        decision = evaluator.evaluate("commission_lock", {"category": items[line.sku].category}, as_of=at)
        await record_decision(decision, f"line:{line.line_key}", conn)
        line.status = "pending"
        line.lock_due_at = (learned + dt.timedelta(days=int(decision.outputs["lock_after_days"]))).astimezone(dt.UTC)
        line.rule_ids = [*line.rule_ids, *decision.fired_ids]
        line.reason = "receipt confirmed"
        await line.save(using_db=conn, update_fields=["status", "lock_due_at", "rule_ids", "reason", "updated_at"])


async def lock_due_lines(as_of: dt.datetime) -> int:
    """Lock every pending line whose return window has closed by `as_of`; safe to run concurrently."""
    return await CommissionLine.filter(status="pending", lock_due_at__lte=as_of).update(
        status="locked", locked_at=F("lock_due_at"), reason="return window closed")


async def refund_item(evaluator: PolicyEvaluator, order: Order, item: OrderItem, event_id: str, at: dt.datetime,
                      conn: BaseDBAsyncClient) -> None:
    """Before lock the sale line is recomputed (or cancelled); after lock it never changes and a
    clawback line carries the difference into the next statement. The line is row-locked first: a tick or a
    settlement in another process locks or settles it either before (then this is a clawback) or after."""
    line = await CommissionLine.select_for_update().using_db(conn).get(line_key=sale_line_key(order.order_id, item.sku))
    if line.status == "cancelled":
        return
    original = await DecisionRecord.get(id=line.decision_id, using_db=conn)
    tier = original.facts.get("seller_tier")
    fully = item.refunded_fen >= item.amount_fen
    decision = decide_commission(evaluator, line_input(item), tier, order.paid_at,
                                 refunded_fen=0 if fully else item.refunded_fen)
    earned = 0 if fully else commission_fen(decision)
    record = await record_decision(decision, f"refund:{order.order_id}/{item.sku}", conn)
    if line.status in ("estimated", "pending"):
        line.amount_fen, line.decision_id, line.rule_ids = earned, record.id, decision.fired_ids
        line.status = "cancelled" if fully else line.status
        line.reason = "fully refunded before lock" if fully else "recomputed after a partial refund"
        await line.save(using_db=conn, update_fields=["amount_fen", "decision_id", "rule_ids", "status", "reason",
                                                      "updated_at"])
        return
    booked = line.amount_fen + sum(c.amount_fen for c in await CommissionLine.filter(
        order_id=order.order_id, sku=item.sku, kind="clawback").using_db(conn))
    if earned == booked:
        return
    await CommissionLine.create(
        line_key=f"clawback:{event_id}:{item.sku}", seller_id=line.seller_id, order_id=order.order_id,
        sku=item.sku, kind="clawback", status="locked", amount_fen=earned - booked, rate_bp=line.rate_bp,
        rule_ids=decision.fired_ids, decision_id=record.id, locked_at=clock.now(),
        reason=f"refund after {line.status}: carried into the next statement", using_db=conn)


async def seller_lines(seller_id: str, status: str | None, after_id: int, limit: int) -> dict[str, Any]:
    """One page of a seller's ledger in line order (404 for an unknown seller)."""
    await get_seller(seller_id)
    query = CommissionLine.filter(seller_id=seller_id)
    if status:
        query = query.filter(status=status)
    lines, following = await page_after(query, "id", after_id, limit)
    return {"seller_id": seller_id, "lines": [line_view(x) for x in lines], "next": following}
