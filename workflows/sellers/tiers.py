"""Seller tiers: decided by the `seller_tier` policy from counts kept in the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import Decision, PolicyEvaluator
from engine.model import Literal
from engine.reference import Check
from store.orders import Order
from store.sellers import Seller, TierChange
from workflows.common.decisions import record_decision


@dataclass
class TierStanding:
    decision: Decision
    tier: str
    shelf_limit: int
    next_tier: dict[str, Any] | None


async def distinct_buyers(seller_id: str, conn: BaseDBAsyncClient | None = None) -> int:
    rows = await Order.filter(seller_id=seller_id, qualifying=True).using_db(conn).distinct().values_list(
        "buyer_id", flat=True)
    return len(rows)


async def tier_standing(evaluator: PolicyEvaluator, seller: Seller, as_of: dt.datetime,
                        conn: BaseDBAsyncClient | None = None) -> TierStanding:
    facts = {"current_tier": seller.tier, "qualifying_transactions": seller.qualifying_transactions,
             "distinct_buyers": await distinct_buyers(seller.seller_id, conn)}
    decision = evaluator.evaluate("seller_tier", facts, as_of=as_of, explain=True)
    tier = str(decision.outputs["tier"])
    return TierStanding(decision, tier, int(decision.outputs["shelf_limit"]), _next_tier(evaluator, decision, tier))


def _next_tier(evaluator: PolicyEvaluator, decision: Decision, tier: str) -> dict[str, Any] | None:
    """The first rule ranked above the current answer that would give another tier, and what it lacks."""
    policy = evaluator.judging("seller_tier", decision.facts, decision.as_of).policy("seller_tier")
    for outcome in decision.not_fired:
        target = policy.rule(outcome.rule_id).then.get("tier")
        failing = [c for c in outcome.checks if not c.passed]
        if (isinstance(target, Literal) and target.value != tier and failing
                and all(c.field != "current_tier" for c in failing)):
            return {"tier": target.value, "rule_id": outcome.rule_id,
                    "missing": [missing_reason(c) for c in failing]}
    return None


def missing_reason(check: Check) -> str:
    """What a failed requirement lacks, as a sentence: "1 more distinct buyer", "3 more qualifying
    transactions", or the test and the value now."""
    words = check.field.replace("_", " ")
    gap = check.gap or ""
    amount = None
    if gap.startswith("short by "):
        amount = gap.removeprefix("short by ")
    elif gap.startswith("needs ") and gap.endswith(" more"):
        amount = gap.removeprefix("needs ").removesuffix(" more")
    if amount is not None:
        if amount == "1" and words.endswith("s") and not words.endswith("ss"):
            words = words[:-1]
        return f"{amount} more {words}"
    return f"{words} must be {check.test} (now {check.actual if check.actual is not None else 'absent'})"


async def reevaluate_tier(evaluator: PolicyEvaluator, seller: Seller, as_of: dt.datetime,
                          conn: BaseDBAsyncClient) -> TierChange | None:
    """Apply the tier policy to the seller's current counts; record a change with its decision."""
    standing = await tier_standing(evaluator, seller, as_of, conn)
    if standing.tier == seller.tier:
        return None
    record = await record_decision(standing.decision, f"seller:{seller.seller_id}", conn)
    change = await TierChange.create(seller=seller, from_tier=seller.tier, to_tier=standing.tier,
                                     decision_id=record.id, at=as_of, using_db=conn)
    seller.tier = standing.tier
    await seller.save(using_db=conn, update_fields=["tier"])
    return change
