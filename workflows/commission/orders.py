"""Orders reported by storefronts: one commission line per item, estimated at payment."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import PolicyEvaluator
from engine.fields import format_yuan, iso_utc_or_none
from store.audit import AuditEntry
from store.campaigns import CampaignReward, SharedList
from store.commission import CommissionLine
from store.decisions import DecisionRecord, FiredRule
from store.orders import Order, OrderItem
from store.row_writes import NewRows, insert_rows
from store.sellers import Seller
from workflows.campaigns.rewards import order_reward_view, plan_reward, write_with_reward
from workflows.commission.line_commission import LineInput, commission_fen, decide_commission
from workflows.common.audit_context import audit_entry_for_statement
from workflows.common.decisions import decision_rows, recording
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
    shared: SharedList | None = None  # that list and its sharer's totals as read (None: no such list)


SALE_REASON = "estimated at payment"
# Lines of an order written in one statement: each writes ~45 values (item, decision, fired rule, line), well
# inside the 32,766 values a statement takes; a larger order's statements run in a transaction.
ONE_STATEMENT_LINES = 200


def paid_within_its_timeline(paid_at: dt.datetime, seller: Seller, shared: SharedList | None) -> None:
    """A new order's `paid_at` is a claim: not after the platform's clock (plus the skew), not before its store was
    opened (dated back months, it would be decided by an older version's rates), and for an order through a share
    list not before the list was shared (an order cannot have come through a list that did not exist yet: dated
    back into a campaign's window, it would take a reward the campaign never owed); else 422 `time_in_future` or
    `time_before_previous_step` naming the later of the two."""
    earliest, since = seller.created_at, "its store was opened"
    if shared is not None and shared[0].created_at > earliest:
        earliest, since = shared[0].created_at, "its share list was shared"
    claimed_time("paid_at", paid_at, earliest, since)


def sale_line_key(order_id: str, sku: str) -> str:
    return f"sale:{order_id}:{sku}"


async def put_order(evaluator: PolicyEvaluator, order_id: str, order: OrderInput, body: Any, *, seller: Seller,
                    recorded: Order | None) -> tuple[bool, dict[str, Any]]:
    """Record an order once; (created, view). A replay returns the first result and writes nothing.

    `seller` is the order's store and `recorded` the order stored under `order_id`, as the caller just read
    them (the access checks read both): neither is read again."""
    digest = body_hash(body)
    skus = [item.sku for item in order.items]
    if len(set(skus)) != len(skus):
        raise InvalidInput("each sku appears once per order", code="duplicate_sku",
                           errors=[{"field": "items", "message": "duplicate sku"}])
    looked_up = [recorded]

    async def find() -> Order | None:  # the caller's look-up first; after a lost race, the winner's order
        return looked_up.pop() if looked_up else await Order.get_or_none(order_id=order_id)

    written: list[dict[str, Any]] = []
    # an order is one statement, its audit entry and its campaign reward (reserved in the same statement)
    # included, when its values fit in one (a large order is several, in a transaction)
    one_statement = len(order.items) <= ONE_STATEMENT_LINES
    created = await apply_once("order", order_id, digest, find,
                               lambda conn: _create(evaluator, order_id, order, digest, seller, conn, written,
                                                    one_statement=one_statement),
                               one_statement=one_statement)
    if not created:
        return False, await order_view(order_id)
    return True, written[0]


async def _create(evaluator: PolicyEvaluator, order_id: str, order: OrderInput, digest: str, seller: Seller,
                  conn: BaseDBAsyncClient, written: list[dict[str, Any]], *, one_statement: bool) -> None:
    """The order, its items, their decisions and commission lines in one statement (store/row_writes.py), with
    the campaign's reward (decided first, reserved in the same statement or just before it, rewards.py) and the
    request's audit entry; `written` receives the order's view. `one_statement`: `conn` is what
    `action_transaction(one_statement=True)` gave."""
    claimed_time("paid_at", order.paid_at)
    decisions = [decide_commission(evaluator, line, seller.tier, order.paid_at, field=f"items.{index}")
                 for index, line in enumerate(order.items)]
    amounts = [commission_fen(decision) for decision in decisions]
    stamped = dt.datetime.now(dt.UTC)  # a write time, as the log seals read it (the wall clock's)
    records, fired, lines = [], [], []
    for line, decision, amount in zip(order.items, decisions, amounts, strict=True):
        record, rules = decision_rows(decision, f"order:{order_id}/{line.sku}")
        records.append(record)
        fired += rules
        lines.append({"line_key": sale_line_key(order_id, line.sku), "seller_id": order.seller_id,
                      "order_id": order_id, "sku": line.sku, "kind": "sale", "status": "estimated",
                      "amount_fen": amount, "rate_bp": decision.outputs.get("rate_bp"), "rule_ids": decision.fired_ids,
                      "decision_id": record["id"], "reason": SALE_REASON, "created_at": stamped})
    row = {"order_id": order_id, "seller_id": order.seller_id, "buyer_id": order.buyer_id, "paid_at": order.paid_at,
           "body_hash": digest, "created_at": stamped}
    items = [{"order_id": order_id, "sku": line.sku, "category": line.category, "price_fen": line.price_fen,
              "quantity": line.quantity, "supplier_id": line.supplier_id, "supplier_rate_bp": line.supplier_rate_bp,
              "supplier_amount_fen": line.supplier_amount_fen} for line in order.items]
    plan = None
    if order.share_list_id is not None:
        plan = plan_reward(evaluator, order_id, order.share_list_id, order.shared, order.seller_id, order.buyer_id,
                           order.paid_at, order.items)
        decisions, records, fired = decisions + plan.outcome.decisions, records + plan.records, fired + plan.fired
    # the audit entry names every decision the statement records, the reward's among them
    with recording(decisions, [record["id"] for record in records]):
        audit = audit_entry_for_statement()

        def rows_with(reward: dict[str, Any] | None) -> list[NewRows]:
            return [NewRows(Order, [row]), NewRows(OrderItem, items), NewRows(DecisionRecord, records),
                    NewRows(FiredRule, fired), *([NewRows(CampaignReward, [reward])] if reward else []),
                    *([NewRows(AuditEntry, [audit])] if audit else []),
                    NewRows(CommissionLine, lines, returning=("id", "sku"))]

        reward = None
        if plan is None:
            ids = await insert_rows(conn, rows_with(None))
        else:
            ids, reward = await write_with_reward(plan, rows_with, conn,
                                                  on_its_own=one_statement and conn.capabilities.dialect == "postgres")
    line_ids = {found["sku"]: found["id"] for found in ids}
    written.append(_written_view(order_id, order, [{**line, "id": line_ids[line["sku"]]} for line in lines], reward))


def _written_view(order_id: str, order: OrderInput, lines: list[dict[str, Any]], reward: dict[str, Any] | None
                  ) -> dict[str, Any]:
    """The view of an order just created, from what was written (the reward as `write_with_reward` answered it):
    what `order_view` reads back."""
    views = [_line_view(line["id"], order_id, line["sku"], line["kind"], line["status"], line["amount_fen"],
                        line["rule_ids"], line["decision_id"], line["reason"], None, None, None) for line in lines]
    return _view(order_id, order, "paid", False, [(item, 0) for item in order.items], views,
                 sum(line["amount_fen"] for line in lines), reward)


def _view(order_id: str, order: Order | OrderInput, status: str, qualifying: bool,
          items: list[tuple[OrderItem | LineInput, int]], lines: list[dict[str, Any]], total_fen: int,
          reward: dict[str, Any] | None) -> dict[str, Any]:
    """An order as the API shows it; `items` each with what was refunded of it, `lines` already shown."""
    return {
        "order_id": public_id(order_id), "seller_id": order.seller_id, "buyer_id": order.buyer_id,
        "paid_at": iso_utc_or_none(order.paid_at), "status": status, "qualifying": qualifying,
        "items": [{"sku": i.sku, "category": i.category, "price": format_yuan(i.price_fen), "quantity": i.quantity,
                   "refunded": format_yuan(refunded)} for i, refunded in items],
        "commission_lines": lines, "total_commission": format_yuan(total_fen), "campaign_reward": reward,
    }


def line_input(item: OrderItem) -> LineInput:
    return LineInput(sku=item.sku, category=item.category, price_fen=item.price_fen, quantity=item.quantity,
                     supplier_id=item.supplier_id, supplier_rate_bp=item.supplier_rate_bp,
                     supplier_amount_fen=item.supplier_amount_fen)


def line_view(line: CommissionLine) -> dict[str, Any]:
    return _line_view(line.id, line.order_id, line.sku, line.kind, line.status, line.amount_fen, line.rule_ids,
                      line.decision_id, line.reason, line.lock_due_at, line.locked_at,
                      line.statement_id)  # type: ignore[attr-defined]


def _line_view(line_id: int, order_id: str, sku: str, kind: str, status: str, amount_fen: int, rules: list[str],
               decision_id: uuid.UUID, reason: str, lock_due_at: dt.datetime | None, locked_at: dt.datetime | None,
               statement_id: int | None) -> dict[str, Any]:
    return {"line_id": line_id, "order_id": public_id(order_id), "sku": sku, "kind": kind, "status": status,
            "amount": format_yuan(amount_fen), "rules": rules, "decision_id": str(decision_id), "reason": reason,
            "lock_due_at": iso_utc_or_none(lock_due_at), "locked_at": iso_utc_or_none(locked_at),
            "statement_id": statement_id}


async def order_view(order_id: str) -> dict[str, Any]:
    order = await Order.get_or_none(order_id=order_id)
    if order is None:
        raise NotFound(f"no order {order_id!r}", code="order_not_found")
    items = await OrderItem.filter(order_id=order_id).order_by("id")
    lines = await CommissionLine.filter(order_id=order_id).order_by("id")
    return _view(order.order_id, order, order.status, order.qualifying, [(i, i.refunded_fen) for i in items],
                 [line_view(line) for line in lines], sum(line.amount_fen for line in lines),
                 await order_reward_view(order_id))
