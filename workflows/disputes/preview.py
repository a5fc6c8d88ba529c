"""What an arbitration decision would do to money, before the reviewer confirms it: for each side it may
decide for, the rule that would apply, the refund and who pays it first, what is recovered from the
supplier's deposit and the penalty deducted (as far as the balance goes, as the decision itself does), what
the case gives back to the deposit when an appeal is decided for the supplier, and the deposit and its standing
afterwards. Reads only; decided by the same rules as the decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine import PolicyEvaluator
from engine.fields import format_yuan
from store.disputes import Dispute, DisputeStep
from store.orders import OrderItem
from store.suppliers import DepositMovement, Supplier
from workflows.common.errors import NotFound
from workflows.disputes.case_money import not_yet_returned, penalty_movement_id, refunded_by_case
from workflows.suppliers.deposits import balance_fen

# The arbitration decision a reviewer takes for each side.
ARBITRATION_EVENTS = {"buyer": "arbitration_for_buyer", "supplier": "arbitration_for_supplier"}
REFUND_WORDS = {"none": "no refund", "supplier_refunds": "the supplier refunds the buyer",
                "platform_pays_first": "the platform refunds the buyer first and recovers it from the deposit"}


async def arbitration_preview(evaluator: PolicyEvaluator, dispute_id: str, now: dt.datetime
                              ) -> dict[str, dict[str, Any]]:
    """{side: money effects} for a case awaiting arbitration; {} for any other state."""
    dispute = await Dispute.get_or_none(dispute_id=dispute_id)
    if dispute is None:
        raise NotFound(f"no dispute {dispute_id!r}", code="dispute_not_found")
    if dispute.state != "in_arbitration":
        return {}
    item = await OrderItem.get(order_id=dispute.order_id, sku=dispute.sku)
    # a case refunds its claim once, takes each penalty once and gives back what it took at most once
    refundable = max(0, min(dispute.amount_fen - await refunded_by_case(dispute), item.amount_fen - item.refunded_fen))
    appeals = await DisputeStep.filter(dispute_id=dispute.dispute_id, event="appeal").count()
    to_return = -sum(int(d.amount_fen) for d in await not_yet_returned(dispute))
    supplier = await Supplier.get_or_none(supplier_id=dispute.supplier_id or "")
    active = supplier is not None and supplier.status == "active"
    balance = await balance_fen(supplier.supplier_id) if supplier is not None and active else 0
    required = int(evaluator.evaluate("deposit_requirement", {"entity_kind": supplier.entity_kind},
                                      as_of=now).outputs["required"]) if supplier is not None else 0
    previews = {}
    for side, event in ARBITRATION_EVENTS.items():
        facts = {"state": dispute.state, "event": event, "actor": "platform", "case_type": dispute.case_type,
                 "appeals_made": appeals}
        decision = evaluator.evaluate("dispute_lifecycle", facts, as_of=now)
        out = decision.outputs
        refund = refundable if out["refund"] != "none" else 0
        recovered = min(refund, balance) if out["refund"] == "platform_pays_first" and active else 0
        penalty_wanted = int(out["deposit_deduction"])
        taken = await DepositMovement.exists(movement_id=penalty_movement_id(dispute, _first(decision.fired_ids)))
        penalty = min(penalty_wanted, balance - recovered) if active and not taken else 0
        returned = to_return if out.get("deposit_returned") == "what_the_case_took" and active else 0
        after = balance - recovered - penalty + returned
        standing = None
        if supplier is not None and active:
            standing = str(evaluator.evaluate("deposit_standing", {"balance": after, "required": required,
                                                                   "days_underfunded": 0}, as_of=now
                                              ).outputs["standing"])
        rule = decision.fired[0] if decision.fired else None
        previews[side] = {
            "event": event, "rule": rule.rule_id if rule else None, "rule_words": rule.description if rule else "",
            "next_state": out["next_state"], "refund": format_yuan(refund), "refund_by": str(out["refund"]),
            "refund_words": REFUND_WORDS.get(str(out["refund"]), str(out["refund"])),
            "recovered": format_yuan(recovered), "penalty": format_yuan(penalty),
            "penalty_wanted": format_yuan(penalty_wanted), "penalty_taken_before": taken and penalty_wanted > 0,
            "returned": format_yuan(returned),
            "deposit_before": format_yuan(balance),
            "deposit_after": format_yuan(after), "required": format_yuan(required), "standing_after": standing,
            "supplier_id": dispute.supplier_id}
    return previews


def _first(fired: list[str]) -> str | None:
    return fired[0] if fired else None
