"""What a case has moved, read from its steps and the deposit ledger: what it refunded, what it took from the
supplier's deposit, and what it gives back.

What a case took from the deposit goes back when arbitration, on appeal, decides for the supplier
(`deposit_returned: what_the_case_took` in `dispute_lifecycle`).

A case takes from the deposit in two ways, each a deduction named by the case: the recovery of a refund the
platform paid first (`recovery:<step key>`) and a penalty (`penalty:<case>:<rule>`). Each comes back as a `return`
movement named after it (`return:<deduction>`), so a return is made once however often it is asked for, and the
balance stays the sum of the movements. The buyer's refund stands: the platform paid it first and bears it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import PolicyEvaluator
from engine.fields import format_yuan, parse_yuan
from store.decisions import FiredRule
from store.disputes import Dispute, DisputeStep
from store.suppliers import DepositMovement, Supplier
from workflows.suppliers.deposits import apply_movement

RETURN = "return"
ARBITRATIONS = ("arbitration_for_buyer", "arbitration_for_supplier")  # the platform's rulings


async def arbitrated_case_on(order_id: str, sku: str, conn: BaseDBAsyncClient | None = None) -> str | None:
    """A case on the order's item the platform ruled on (its key), if any: its ruling stands for the item."""
    cases = await Dispute.filter(order_id=order_id, sku=sku).using_db(conn).values_list("dispute_id", flat=True)
    ruled = await DisputeStep.filter(dispute_id__in=[str(c) for c in cases], event__in=ARBITRATIONS).using_db(
        conn).order_by("at").first().values_list("dispute_id", flat=True)
    return str(ruled) if ruled is not None else None


async def refunded_by_case(dispute: Dispute, conn: BaseDBAsyncClient | None = None) -> int:
    """What the case's steps refunded so far (each step keeps the refund it made among its effects)."""
    steps = await DisputeStep.filter(dispute_id=dispute.dispute_id).using_db(conn).values_list("effects", flat=True)
    effects: list[Any] = list(steps)
    return sum(parse_yuan(str(e["refund"])) for e in effects if isinstance(e, dict) and e.get("refund"))


def penalty_movement_id(dispute: Dispute, rule_id: str | None) -> str:
    """A penalty's movement is named by the case and the rule: each penalty rule takes its penalty once per case."""
    return f"penalty:{dispute.dispute_id}:{rule_id or 'default'}"


async def deductions_of_case(dispute: Dispute, conn: BaseDBAsyncClient | None = None) -> list[DepositMovement]:
    """The deposit deductions the case made, oldest first: recoveries of its steps' platform-paid refunds and
    its penalties, each named exactly (by its step, or by the case and a rule its steps fired) and taken from the
    case's supplier: never another case's whose key this one's is a prefix of."""
    steps = await DisputeStep.filter(dispute_id=dispute.dispute_id).using_db(conn).values_list(
        "event_id", "effects", "decision_id")
    recoveries = [f"recovery:{event_id}" for event_id, effects, _ in steps
                  if isinstance(effects, dict) and parse_yuan(str(effects.get("recovered") or "0")) > 0]
    rules = await FiredRule.filter(decision_id__in=[d for _, _, d in steps if d is not None]).using_db(
        conn).values_list("rule_id", flat=True)
    penalties = [penalty_movement_id(dispute, str(rule)) for rule in {*rules}] + [penalty_movement_id(dispute, None)]
    return await DepositMovement.filter(movement_id__in=recoveries + penalties, supplier_id=dispute.supplier_id or "",
                                        kind="deduction").using_db(conn).order_by("at", "movement_id")


async def not_yet_returned(dispute: Dispute, conn: BaseDBAsyncClient | None = None) -> list[DepositMovement]:
    """The case's deductions that have not been given back."""
    deductions = await deductions_of_case(dispute, conn)
    found = await DepositMovement.filter(movement_id__in=[f"{RETURN}:{d.movement_id}" for d in deductions]).using_db(
        conn).values_list("movement_id", flat=True)
    returned = {str(movement_id) for movement_id in found}
    return [d for d in deductions if f"{RETURN}:{d.movement_id}" not in returned]


async def return_what_the_case_took(evaluator: PolicyEvaluator, dispute: Dispute, at: dt.datetime,
                                    conn: BaseDBAsyncClient) -> str:
    """Give back every deduction the case made and not yet returned, at `at` (the ruling's time), in the
    caller's transaction; the amount returned now. A supplier that has left the program was paid out on exit:
    nothing is returned to a deposit it no longer has."""
    supplier = await Supplier.get_or_none(supplier_id=dispute.supplier_id or "", using_db=conn)
    if supplier is None or supplier.status != "active":
        return "0.00"
    returned = 0
    for deduction in await not_yet_returned(dispute, conn):
        amount = -int(deduction.amount_fen)
        await apply_movement(evaluator, supplier.supplier_id, f"{RETURN}:{deduction.movement_id}", RETURN, amount,
                             f"returned: the appeal of {dispute.case_type} case was decided for the supplier", at,
                             conn)
        returned += amount
    return format_yuan(returned)
