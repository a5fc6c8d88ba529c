"""Commission of order lines, decided by the `commission` policy: for quotes and for the ledger."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from engine import Decision, PolicyEvaluator
from engine.fields import format_percent, format_yuan
from workflows.commission.quote_memo import memoized_answer
from workflows.common.decisions import decide
from workflows.common.errors import Conflict


@dataclass(frozen=True)
class LineInput:
    """One order or quote line, money in fen."""

    sku: str
    category: str
    price_fen: int
    quantity: int
    supplier_id: str | None = None
    supplier_rate_bp: int | None = None
    supplier_amount_fen: int | None = None


def commission_facts(line: LineInput, tier: str | None, refunded_fen: int = 0) -> dict[str, object]:
    facts: dict[str, object] = {"category": line.category, "price": line.price_fen, "quantity": line.quantity}
    if tier:
        facts["seller_tier"] = tier
    if line.supplier_rate_bp is not None:
        facts["supplier_rate_bp"] = line.supplier_rate_bp
    if line.supplier_amount_fen is not None:
        facts["supplier_amount"] = line.supplier_amount_fen
    if refunded_fen:
        facts["refunded_amount"] = refunded_fen
    return facts


def decide_commission(evaluator: PolicyEvaluator, line: LineInput, tier: str | None, as_of: dt.datetime,
                      *, refunded_fen: int = 0, field: str = "items") -> Decision:
    return decide(evaluator, "commission", commission_facts(line, tier, refunded_fen), as_of, field)


class CommissionExceedsLine(Conflict):
    code = "commission_exceeds_line"


def commission_fen(decision: Decision) -> int:
    """The commission the policy decided; never more than what is left of the line (the policy's fault: nothing
    is recorded, 409)."""
    amount = int(decision.outputs.get("commission", 0))
    base = decision.facts.get("line_amount")
    if base is not None:
        left = int(base)  # price x quantity less what was refunded
        if amount > left:
            raise CommissionExceedsLine(f"the policy's commission RMB {format_yuan(amount)} exceeds the RMB "
                                        f"{format_yuan(left)} left of the line; nothing was recorded",
                                        rules=decision.fired_ids, policy_version=decision.version)
    return amount


def explain_commission(decision: Decision) -> str:
    """One sentence a storefront can show: the rule and the arithmetic."""
    amount = format_yuan(commission_fen(decision))
    base = format_yuan(int(decision.facts.get("line_amount", 0)))
    rate = decision.outputs.get("rate_bp")
    arithmetic = f"{format_percent(int(rate))} of RMB {base} = RMB {amount}" if rate is not None else f"RMB {amount}"
    if not decision.fired:
        return f"No rule matched; the program default applies: {arithmetic}."
    rule = decision.fired[0]
    return f"{rule.rule_id}: {rule.description} {arithmetic}."


@dataclass(frozen=True)
class QuotedLine:
    """What a quote answers for one line."""

    decision: Decision
    commission_fen: int
    rate_bp: int | None
    rules: list[str]
    explanation: str


def _quoted(decision: Decision) -> tuple[int, int | None, list[str], str]:
    rate = decision.outputs.get("rate_bp")
    return (commission_fen(decision), int(rate) if rate is not None else None, decision.fired_ids,
            explain_commission(decision))


def quote_lines(evaluator: PolicyEvaluator, lines: list[LineInput], tier: str | None, as_of: dt.datetime
                ) -> list[QuotedLine]:
    """One answer per line, each distinct line of a version evaluated and explained once across quotes
    (quote_memo.py)."""
    quoted = []
    for index, line in enumerate(lines):
        decision, answer = memoized_answer(evaluator, "commission", commission_facts(line, tier), as_of,
                                           f"items.{index}", _quoted)
        quoted.append(QuotedLine(decision, *answer))
    return quoted
