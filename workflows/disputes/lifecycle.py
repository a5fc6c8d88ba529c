"""After-sales disputes driven by the `dispute_lifecycle` rules: every step is a decision; deadlines are
rows applied by `tick`; money effects reach the commission and deposit ledgers in the same transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from engine import PolicyEvaluator
from engine.fields import format_yuan, iso_utc
from store import clock
from store.decisions import DecisionRecord
from store.disputes import Dispute, DisputeStep
from store.orders import Order, OrderItem
from store.suppliers import DepositMovement, Supplier
from workflows.commission.order_events import refund_items
from workflows.common.decisions import record_decision
from workflows.common.errors import Conflict, InvalidInput, NotFound, WorkflowError
from workflows.common.idempotency import apply_once, body_hash
from workflows.common.scoped_ids import public_id, scoped_id, shown_id
from workflows.common.timeline import claimed_time
from workflows.disputes.case_money import (
    arbitrated_case_on,
    penalty_movement_id,
    refunded_by_case,
    return_what_the_case_took,
)
from workflows.suppliers.deposits import apply_movement, balance_fen

ROLE_ACTOR = {"storefront": "buyer", "supplier": "supplier", "reviewer": "platform"}
NEW_ROUND = ("escalate", "appeal")


@dataclass(frozen=True)
class DisputeEventInput:
    event_id: str
    type: str
    actor: str
    at: dt.datetime
    evidence: list[str] | None = None
    reason: str | None = None  # why, in the platform's words (arbitration decisions)


class ActorNotAllowed(WorkflowError):
    status = 403
    code = "actor_not_allowed"


async def _step_key(dispute_id: str, actor: str, event_id: str) -> str:
    """The stored key of a step: `<event id>@<dispute id>/<actor>`, each side naming its own steps (the buyer's
    `STEP-1` does not refuse the platform's), unless the same side recorded it before under the case's key alone
    or before step ids were scoped (so that a retry of it is still a replay)."""
    earlier = [scoped_id(dispute_id, event_id), event_id]
    stored = {str(key) for key in await DisputeStep.filter(  # one query for both
        event_id__in=earlier, dispute_id=dispute_id, actor=actor).values_list("event_id", flat=True)}
    return next((key for key in earlier if key in stored), scoped_id(f"{dispute_id}/{actor}", event_id))


def _deadline(at: dt.datetime, hours: int) -> dt.datetime | None:
    return (at + dt.timedelta(hours=hours)).astimezone(dt.UTC) if hours else None


async def open_dispute(evaluator: PolicyEvaluator, body: dict[str, Any], amount_fen: int, opened_at: dt.datetime,
                       key_id: str, viewer: str | None = None) -> tuple[bool, dict[str, Any]]:
    """Open the case stored under `body["dispute_id"]` (its key); the view as `viewer` addresses it."""
    dispute_id, digest = body["dispute_id"], body_hash(body)
    created = await apply_once("dispute", public_id(dispute_id), digest,
                               lambda: Dispute.get_or_none(dispute_id=dispute_id),
                               lambda conn: _open(evaluator, body, amount_fen, opened_at, key_id, digest, conn))
    return created, await dispute_view(dispute_id, viewer)


async def _open(evaluator: PolicyEvaluator, body: dict[str, Any], amount_fen: int, opened_at: dt.datetime, key_id: str,
                digest: str, conn: BaseDBAsyncClient) -> None:
    # the order row locked first, as order events and dispute refunds lock it: two cases opened on one item at once
    # are checked one after the other (else each saw no open case, and each took the item's amount and its penalty)
    order = await Order.filter(order_id=body["order_id"]).using_db(conn).select_for_update().first()
    item = await OrderItem.get_or_none(order_id=body["order_id"], sku=body["sku"], using_db=conn)
    if order is None or item is None:
        raise NotFound(f"order {body['order_id']!r} has no sku {body['sku']!r}", code="order_item_not_found")
    if item.supplier_id:
        # and the supplier's row (after the order's, as a case's decision locks them): the deposit's release on exit
        # counts the open cases under this lock, so it never returns the deposit past a case being opened
        await Supplier.filter(supplier_id=item.supplier_id).using_db(conn).select_for_update().first()
    claimed_time("opened_at", opened_at, order.paid_at, "the order's payment")
    if order.status == "closed" and order.receipt_confirmed_at is None:
        # closed before receipt: nothing was sold, so there is nothing to refund nor recover from the supplier
        raise Conflict(f"order {body['order_id']!r} was closed before receipt: nothing was sold to dispute",
                       code="order_closed_before_receipt")
    if await Dispute.filter(order_id=order.order_id, sku=item.sku).exclude(state="final").using_db(conn).exists():
        # one case at a time per item: two open claims would each take the item's amount and its penalty
        raise Conflict(f"a case on {item.sku} of this order is still open; it must be decided first",
                       code="dispute_already_open")
    ruled = await arbitrated_case_on(order.order_id, item.sku, conn)
    if ruled is not None:
        # the platform's ruling on the item stands: a new case would be judged, and penalized, a second time
        raise Conflict(f"the platform already arbitrated case {public_id(ruled)} on {item.sku} of this order; its "
                       "ruling stands", code="item_already_arbitrated", dispute_id=public_id(ruled))
    if amount_fen > item.amount_fen - item.refunded_fen:
        raise InvalidInput("the amount claimed exceeds what is left of the item", code="amount_exceeds_item",
                           errors=[{"field": "amount", "message": "exceeds the item"}])
    decision = None
    if body["type"] == "no_reason_return":
        # the window is judged when the platform learns of the request: an opened_at dated back into it is not
        # a return asked in time
        asked = max(opened_at, clock.now())
        days = (asked - order.receipt_confirmed_at).days if order.receipt_confirmed_at else -1
        decision = evaluator.evaluate("no_reason_return", {"category": item.category, "days_since_receipt": days,
                                                           "order_paid_at": order.paid_at}, as_of=opened_at)
        if not decision.outputs["allowed"]:
            raise Conflict(str(decision.outputs["reason"]), code="no_reason_return_refused",
                           rule_id=decision.fired_ids[0] if decision.fired_ids else None, rules=decision.fired_ids)
    deadline = evaluator.evaluate("after_sales_deadlines", {"step": "supplier_response"}, as_of=opened_at)
    record = await record_decision(decision or deadline, f"dispute:{body['dispute_id']}", conn)
    dispute = await Dispute.create(
        dispute_id=body["dispute_id"], order_id=order.order_id, sku=item.sku, supplier_id=item.supplier_id,
        case_type=body["type"], amount_fen=amount_fen, state="awaiting_supplier", body_hash=digest,
        deadline_at=_deadline(clock.now(), int(deadline.outputs["hours"])), owed_by=str(deadline.outputs["owed_by"]),
        opened_at=opened_at, using_db=conn)
    await DisputeStep.create(event_id=f"opened:{dispute.dispute_id}", dispute_id=dispute.dispute_id, event="opened",
                             actor="buyer", actor_key=key_id, at=opened_at, from_state="-", to_state=dispute.state,
                             round=1, evidence=body.get("evidence") or None, decision_id=record.id, body_hash=digest,
                             effects={"deadline_rules": deadline.fired_ids}, using_db=conn)


async def dispute_event(evaluator: PolicyEvaluator, dispute_id: str, event: DisputeEventInput, role: str, key_id: str,
                        body: dict[str, Any], viewer: str | None = None) -> tuple[bool, dict[str, Any]]:
    if ROLE_ACTOR.get(role) != event.actor:
        raise ActorNotAllowed(f"a {role} key acts as {ROLE_ACTOR.get(role)}, not {event.actor}")
    digest = body_hash({"dispute_id": dispute_id, **body})
    # a step's id is its case's and its side's own: the same id on another case, or from another side, is another step
    event = dataclasses.replace(event, event_id=await _step_key(dispute_id, event.actor, event.event_id))

    async def apply(conn: BaseDBAsyncClient) -> None:
        dispute = await Dispute.filter(dispute_id=dispute_id).using_db(conn).select_for_update().first()
        if dispute is None:
            raise NotFound(f"no dispute {dispute_id!r}", code="dispute_not_found")
        await _expire_due(evaluator, dispute, clock.now(), conn)
        claimed_time("at", event.at, await _last_step_at(dispute, conn), "the case's previous step")
        await _transition(evaluator, dispute, event, key_id, digest, conn)

    # a deadline that passed by the platform's clock stands even when the late answer is then refused
    async with in_transaction() as conn:
        dispute = await Dispute.filter(dispute_id=dispute_id).using_db(conn).select_for_update().first()
        if dispute is not None:
            await _expire_due(evaluator, dispute, clock.now(), conn)
    created = await apply_once("event", public_id(event.event_id), digest,
                               lambda: DisputeStep.get_or_none(event_id=event.event_id), apply)
    return created, await dispute_view(dispute_id, viewer)


async def _transition(evaluator: PolicyEvaluator, dispute: Dispute, event: DisputeEventInput, key_id: str, digest: str,
                      conn: BaseDBAsyncClient) -> None:
    earlier = DisputeStep.filter(dispute_id=dispute.dispute_id, round=dispute.round, actor=event.actor,
                                 evidence__not_isnull=True)
    if event.evidence and await earlier.using_db(conn).exists():
        raise Conflict(f"the {event.actor} already submitted evidence in round {dispute.round}",
                       code="evidence_already_submitted")
    appeals = await DisputeStep.filter(dispute_id=dispute.dispute_id, event="appeal").using_db(conn).count()
    facts = {"state": dispute.state, "event": event.type, "actor": event.actor, "case_type": dispute.case_type,
             "appeals_made": appeals}
    decision = evaluator.evaluate("dispute_lifecycle", facts, as_of=event.at)
    if not decision.matched:
        raise Conflict(f"{event.type} by the {event.actor} is not allowed while the dispute is {dispute.state}",
                       code="illegal_event", state=dispute.state)
    out = decision.outputs
    record = await record_decision(decision, f"dispute:{dispute.dispute_id}", conn)
    effects = await _effects(evaluator, dispute, out, event, decision.fired_ids, conn)
    await DisputeStep.create(event_id=event.event_id, dispute_id=dispute.dispute_id, event=event.type,
                             actor=event.actor, actor_key=key_id, at=event.at, from_state=dispute.state,
                             to_state=str(out["next_state"]), round=dispute.round, evidence=event.evidence or None,
                             reason=event.reason, effects=effects, decision_id=record.id, body_hash=digest,
                             using_db=conn)
    dispute.state = str(out["next_state"])
    dispute.round += 1 if event.type in NEW_ROUND else 0
    # a party's step starts the next window when the platform learns of it; a passed deadline's step at its own time
    start = event.at if event.actor == "system" else clock.now()
    dispute.deadline_at, dispute.owed_by = _deadline(start, int(out["deadline_hours"])), str(out["owed_by"])
    await dispute.save(using_db=conn, update_fields=["state", "round", "deadline_at", "owed_by"])


async def _effects(evaluator: PolicyEvaluator, dispute: Dispute, out: dict[str, Any], event: DisputeEventInput,
                   rules: list[str], conn: BaseDBAsyncClient) -> dict[str, Any]:
    """Refund the buyer (the commission line follows), recover a platform-paid refund and any penalty
    from the supplier's deposit, as far as the balance goes; give back what the case took when the policy says
    its finding was reversed. A penalty rule takes its penalty once per case:
    the movement is named by the case and the rule, so an appeal that ends the same way takes nothing more."""
    effects: dict[str, Any] = {}
    if out["refund"] != "none":
        # the order first, as order events do: a refund event on the same order waits, then sees this one
        order = await Order.select_for_update().using_db(conn).get(order_id=dispute.order_id)
        item = await OrderItem.get(order_id=dispute.order_id, sku=dispute.sku, using_db=conn)
        # a case refunds its claim once: an appeal upheld, or ruled the same way again, refunds nothing more
        amount = min(dispute.amount_fen - await refunded_by_case(dispute, conn), item.amount_fen - item.refunded_fen)
        if order.status == "closed" and order.receipt_confirmed_at is None:
            amount = 0  # closed before receipt: nothing was sold, so nothing is refunded nor taken from the deposit
        if amount > 0:
            await refund_items(evaluator, order, dispute.sku, amount, event.event_id, event.at, conn)
            effects["refund"] = format_yuan(amount)
            effects["refund_by"] = out["refund"]
            if out["refund"] == "platform_pays_first":
                effects["recovered"] = await _deduct(evaluator, dispute, amount, f"recovery:{event.event_id}",
                                                     "recovery of a refund the platform paid first", event.at, conn)
    if int(out["deposit_deduction"]) > 0:
        movement_id = penalty_movement_id(dispute, rules[0] if rules else None)
        if await DepositMovement.exists(movement_id=movement_id, using_db=conn):
            effects["penalty"], effects["penalty_already_taken"] = "0.00", movement_id
        else:
            effects["penalty"] = await _deduct(evaluator, dispute, int(out["deposit_deduction"]), movement_id,
                                               f"dispute award: {dispute.case_type}", event.at, conn)
    if out.get("deposit_returned") == "what_the_case_took":
        effects["deposit_returned"] = await return_what_the_case_took(evaluator, dispute, event.at, conn)
    return effects


async def _deduct(evaluator: PolicyEvaluator, dispute: Dispute, wanted: int, movement_id: str, reason: str,
                  at: dt.datetime, conn: BaseDBAsyncClient) -> str:
    # the supplier row locked before its balance is read (apply_movement locks it too): cases decided at once had each
    # read the balance before the others' deductions, asked for more than was left, and been refused as a whole
    supplier = await Supplier.filter(supplier_id=dispute.supplier_id or "").using_db(conn).select_for_update().first()
    if supplier is None or supplier.status != "active":
        return "0.00"
    amount = min(wanted, await balance_fen(supplier.supplier_id, conn))
    if amount > 0:
        await apply_movement(evaluator, supplier.supplier_id, movement_id, "deduction", amount, reason, at, conn)
    return format_yuan(amount)


async def apply_due_deadlines(evaluator: PolicyEvaluator, as_of: dt.datetime) -> int:
    """Apply every passed deadline as a `deadline_expired` step at the deadline's own time, exactly once
    (the step's id names the deadline), including deadlines that passed while nothing was running.

    Several processes may tick at once (workers, servers, `xiaopu tick`): each claims a dispute with a row lock
    and skips one another holds (PostgreSQL's SKIP LOCKED), which that one applies; the count is this run's."""
    applied = 0
    due = await Dispute.filter(deadline_at__lte=as_of).exclude(state="final").values_list("dispute_id", flat=True)
    for dispute_id in due:
        async with in_transaction() as conn:
            dispute = await Dispute.filter(dispute_id=dispute_id).using_db(conn).select_for_update(
                skip_locked=True).first()
            if dispute is not None:
                applied += await _expire_due(evaluator, dispute, as_of, conn)
    return applied


async def _expire_due(evaluator: PolicyEvaluator, dispute: Dispute, as_of: dt.datetime,
                      conn: BaseDBAsyncClient) -> int:
    """Apply the dispute's deadlines that passed by `as_of`, each at its own time; the caller holds its row lock."""
    applied = 0
    while dispute.deadline_at and dispute.deadline_at <= as_of and dispute.state != "final":
        at = dispute.deadline_at
        event = DisputeEventInput(f"timeout:{dispute.dispute_id}:{iso_utc(at)}", "deadline_expired", "system", at)
        await _transition(evaluator, dispute, event, "system", "", conn)
        applied += 1
    return applied


async def _last_step_at(dispute: Dispute, conn: BaseDBAsyncClient) -> dt.datetime:
    latest = await DisputeStep.filter(dispute_id=dispute.dispute_id).using_db(conn).order_by("-at").first()
    return max(dispute.opened_at, latest.at) if latest else dispute.opened_at


async def dispute_view(dispute_id: str, viewer: str | None = None) -> dict[str, Any]:
    """The case as `viewer` (a storefront channel; None for the supplier and the platform) addresses it: the
    opening channel sees its own ids, every other side the qualified ones."""
    dispute = await Dispute.get_or_none(dispute_id=dispute_id)
    if dispute is None:
        raise NotFound(f"no dispute {dispute_id!r}", code="dispute_not_found")
    steps = await DisputeStep.filter(dispute_id=dispute_id)
    records = {str(r.id): r for r in await DecisionRecord.filter(id__in=[s.decision_id for s in steps])}
    rules = {decision_id: r.rule_ids for decision_id, r in records.items()}
    # in true order: by when each step happened, and steps of the same moment in the order they were applied
    steps.sort(key=lambda s: (s.at, records[str(s.decision_id)].created_at if str(s.decision_id) in records
                              else s.at))
    return {
        "dispute_id": shown_id(dispute.dispute_id, viewer), "order_id": shown_id(dispute.order_id, viewer),
        "sku": dispute.sku,
        "type": dispute.case_type,
        "amount": format_yuan(dispute.amount_fen), "state": dispute.state, "round": dispute.round,
        "next_deadline": {"at": iso_utc(dispute.deadline_at), "owed_by": dispute.owed_by} if dispute.deadline_at
        else None,
        "history": [{"event_id": public_id(s.event_id), "event": s.event, "actor": s.actor, "at": iso_utc(s.at),
                     "from": s.from_state, "to": s.to_state, "round": s.round, "evidence": s.evidence,
                     "reason": s.reason, "effects": s.effects, "decision_id": str(s.decision_id),
                     "rules": rules.get(str(s.decision_id), [])}
                    for s in steps],
    }
