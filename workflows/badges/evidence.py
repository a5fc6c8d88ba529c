"""What the `maker_badge` policy reads, derived from the database, and its answer explained rule by rule.

    panel_score      the mean of the judges' scores, rounded DOWN to a whole point (79.8 is 79): a tier
                     that needs "80 or more" is reached only by a mean of at least 80; no scores give 0
    panel_size       the number of judges who scored in the round
    dispute_rate_bp  of the merchant's orders paid in the 90 days up to the award (the window the policy
                     names), the share on which a dispute was opened by then, rounded UP to the basis point
                     (2.004% is 2.01%): "more than 2%" holds exactly when the true share is above 2%;
                     no orders give 0
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import Decision, Policy
from engine.conditions import fields_read
from engine.fields import EngineValue, iso_utc, to_human, to_json_value
from engine.outputs import resolve
from engine.reference import Check, holds, trace
from store.badges import PanelScore
from store.disputes import Dispute
from store.orders import Order

POLICY_ID = "maker_badge"
DISPUTE_WINDOW = dt.timedelta(days=90)
ID_BATCH = 500  # order ids per dispute query: SQLite caps the parameters of one statement


def panel_score(scores: list[int]) -> int:
    """The panel's mean, rounded down to a whole point (0 without scores)."""
    return sum(scores) // len(scores) if scores else 0


def dispute_rate_bp(orders: int, disputed: int) -> int:
    """Disputed orders per 10,000, rounded up (0 without orders)."""
    return -(-disputed * 10_000 // orders) if orders else 0


async def badge_facts(merchant_id: str, scores: list[PanelScore], as_of: dt.datetime,
                      conn: BaseDBAsyncClient | None = None) -> tuple[dict[str, int], dict[str, Any]]:
    """The policy's inputs and the evidence behind each."""
    since = as_of - DISPUTE_WINDOW
    order_ids = await Order.filter(seller_id=merchant_id, paid_at__gt=since, paid_at__lte=as_of).using_db(
        conn).order_by("order_id").values_list("order_id", flat=True)
    disputed: set[str] = set()
    for start in range(0, len(order_ids), ID_BATCH):
        batch = order_ids[start:start + ID_BATCH]
        found = await Dispute.filter(order_id__in=batch, opened_at__lte=as_of).using_db(conn).values_list(
            "order_id", flat=True)
        disputed.update(str(order_id) for order_id in found)
    values = [s.score for s in scores]
    facts = {"panel_score": panel_score(values), "panel_size": len(values),
             "dispute_rate_bp": dispute_rate_bp(len(order_ids), len(disputed))}
    evidence = {
        "panel_score": {"scores": [{"judge": s.judge_name or s.judge_key, "score": s.score} for s in scores],
                        "sum": sum(values), "rounding": "mean rounded down to a whole point"},
        "panel_size": {"judges": [s.judge_name or s.judge_key for s in scores]},
        "dispute_rate_bp": {"orders": len(order_ids), "disputed_orders": len(disputed),
                            "window": {"from": iso_utc(since), "to": iso_utc(as_of)},
                            "rounding": "rounded up to a whole basis point"},
    }
    return facts, evidence


def _outcome(policy: Policy, then: dict[str, Any], message: dict[str, EngineValue]) -> dict[str, Any]:
    return {k: to_json_value(policy.outputs[k].type, v) for k, v in resolve(then, message).items()}


def _missing(check: Check) -> str:
    text = f"{check.field.replace('_', ' ')} is {check.actual if check.actual is not None else 'absent'}, " \
           f"needs {check.test}"
    return text + (f" ({check.gap})" if check.gap else "")


def explain(policy: Policy, decision: Decision) -> dict[str, Any]:
    """Every rule of the policy in order: its words, where it is written, each test on the inputs, whether
    it fired; rules ranked above the winner that would have given a Good Find badge are the near misses."""
    message: dict[str, EngineValue] = dict(decision.facts, as_of=int(decision.as_of.timestamp()))
    winner = decision.fired_ids[0] if decision.fired_ids else None
    rules, near_misses, passed_winner = [], [], False
    for rule in policy.rules:
        checks = trace(rule.condition, message, decision.input_types)
        held = holds(rule.condition, message)
        status = ("fired" if rule.id == winner else
                  f"held, but {winner} came first" if held else "did not hold")
        outcome = _outcome(policy, rule.then, message)
        rules.append({"rule_id": rule.id, "words": rule.description, "file": policy.file, "line": rule.line,
                      "fired": rule.id == winner, "status": status, "outcome": outcome,
                      "inputs": {f: to_human(policy.inputs[f].type, decision.facts[f])
                                 for f in sorted(fields_read(rule.condition)) if f in decision.facts},
                      "checks": [c.to_dict() for c in checks]})
        passed_winner = passed_winner or rule.id == winner
        if not held and not passed_winner and outcome.get("good_find") is True:
            near_misses.append({"rule_id": rule.id, "badge": outcome.get("badge"),
                                "missing": [_missing(c) for c in checks if not c.passed]})
    default = None if winner else _outcome(policy, policy.default, message)
    return {"policy": policy.id, "policy_version": decision.version, "fired": winner, "rules": rules,
            "default": default, "near_misses": near_misses,
            "summary": (f"{winner}: {policy.rule(winner).description}" if winner
                        else "no rule fired; the policy's default applies")}
