"""The supplier deposit ledger: payments, deductions with reasons, the top-up window, restriction, release.

Every change of standing is decided by the `deposit_standing` policy and stored with its decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q
from tortoise.functions import Sum
from tortoise.transactions import in_transaction

from engine import PolicyEvaluator
from engine.fields import format_yuan, iso_utc
from store import clock
from store.disputes import Dispute
from store.suppliers import DepositMovement, Supplier
from workflows.common.cursors import cursor_of, cursor_time, position_of
from workflows.common.decisions import record_decision
from workflows.common.errors import Conflict, InvalidInput, NotFound
from workflows.common.idempotency import apply_once, body_hash
from workflows.common.timeline import claimed_time

# a `return` gives back a deduction of a case decided for the supplier on appeal (workflows/disputes/case_money.py)
SIGN = {"payment": 1, "deduction": -1, "release": -1, "return": 1}
# movement ids the platform names itself (workflows/disputes/case_money.py): an operator's id never takes one, or a
# case would find its penalty "already taken" or its recovery "already returned"
SYSTEM_MOVEMENTS = ("penalty:", "recovery:", "return:")


def operator_movement_id(movement_id: str, field: str) -> str:
    """`movement_id` as an operator may name a movement: 422 `movement_id_reserved` for the platform's own names."""
    if movement_id.startswith(SYSTEM_MOVEMENTS):
        raise InvalidInput(f"{movement_id!r} begins as the platform's own movements do ({', '.join(SYSTEM_MOVEMENTS)})"
                           "; name it otherwise", code="movement_id_reserved",
                           errors=[{"field": field, "message": "reserved for the platform's movements"}])
    return movement_id


async def balance_fen(supplier_id: str, conn: BaseDBAsyncClient | None = None) -> int:
    """The sum of the supplier's movements, added up by the database (one number crosses, not every movement)."""
    total = await DepositMovement.filter(supplier_id=supplier_id).using_db(conn).annotate(
        total=Sum("amount_fen")).first().values_list("total", flat=True)
    return int(str(total)) if total is not None else 0


async def reassess_standing(evaluator: PolicyEvaluator, supplier: Supplier, as_of: dt.datetime,
                            conn: BaseDBAsyncClient, movement: DepositMovement | None = None) -> str:
    """Apply the deposit rules to the balance now. The decision is recorded when the standing changes, and
    always for a movement, which then names it: every movement is explained by a rule."""
    balance = await balance_fen(supplier.supplier_id, conn)
    required = int(evaluator.evaluate("deposit_requirement", {"entity_kind": supplier.entity_kind},
                                      as_of=as_of).outputs["required"])
    if balance >= required:
        supplier.underfunded_since = None
    elif supplier.underfunded_since is None:
        # the top-up window runs from when the platform learned of the shortfall, not from a movement dated back
        supplier.underfunded_since = max(as_of, clock.now())
    days = (as_of - supplier.underfunded_since).days if supplier.underfunded_since else 0
    decision = evaluator.evaluate("deposit_standing", {"balance": balance, "required": required,
                                                       "days_underfunded": max(days, 0)}, as_of=as_of)
    standing = str(decision.outputs["standing"])
    if standing != supplier.deposit_standing or movement is not None:
        record = await record_decision(decision, f"supplier:{supplier.supplier_id}", conn)
        if standing != supplier.deposit_standing:
            supplier.deposit_standing, supplier.standing_decision_id = standing, record.id
        if movement is not None:
            movement.decision_id = record.id
            await movement.save(using_db=conn, update_fields=["decision_id"])
    await supplier.save(using_db=conn, update_fields=["underfunded_since", "deposit_standing",
                                                      "standing_decision_id"])
    return standing


async def record_movement(evaluator: PolicyEvaluator, supplier_id: str, movement_id: str, kind: str, amount_fen: int,
                          reason: str, at: dt.datetime, body: Any) -> tuple[bool, dict[str, Any]]:
    """An operator's movement (idempotent by `movement_id`), dated `at`: within the supplier's life, from its
    approval (422 `time_before_previous_step`; the caller bounds it by the clock). A movement dated before the
    supplier existed would be judged by deposit rules that never applied to it."""
    operator_movement_id(movement_id, "movement_id")
    digest = body_hash({"supplier_id": supplier_id, **body})

    async def apply(conn: BaseDBAsyncClient) -> None:
        await apply_movement(evaluator, supplier_id, movement_id, kind, amount_fen, reason, at, conn, digest,
                             claimed=True)

    created = await apply_once(
        "movement", movement_id, digest, lambda: DepositMovement.get_or_none(movement_id=movement_id), apply)
    return created, await deposit_view(supplier_id)


async def apply_movement(evaluator: PolicyEvaluator, supplier_id: str, movement_id: str, kind: str, amount_fen: int,
                         reason: str, at: dt.datetime, conn: BaseDBAsyncClient, digest: str = "",
                         claimed: bool = False) -> None:
    """Book one movement and re-decide the standing, in the caller's transaction. `claimed`: `at` is a caller's
    date, bounded by the supplier's approval."""
    supplier = await Supplier.filter(supplier_id=supplier_id).using_db(conn).select_for_update().first()
    if supplier is None:
        raise NotFound(f"no supplier {supplier_id!r}", code="supplier_not_found")
    if claimed:
        claimed_time("at", at, not_before=supplier.approved_at, previous="the supplier's approval")
    if supplier.status != "active":
        raise Conflict(f"supplier {supplier_id} has exited the program", code="supplier_exited")
    balance = await balance_fen(supplier_id, conn)
    release = None
    if kind == "release":
        open_disputes = await Dispute.filter(supplier_id=supplier_id).exclude(state="final").using_db(conn).count()
        release = evaluator.evaluate("deposit_release", {"open_disputes": open_disputes}, as_of=at)
        if not release.outputs["allowed"]:
            raise Conflict(str(release.outputs["reason"]), code="deposit_held", rules=release.fired_ids)
        amount_fen = balance  # the whole deposit goes back on exit
    elif kind == "deduction" and amount_fen > balance:
        raise InvalidInput(f"deduction of {format_yuan(amount_fen)} exceeds the balance {format_yuan(balance)}",
                           code="deduction_exceeds_balance", errors=[{"field": "amount", "message": "too large"}])
    movement = await DepositMovement.create(movement_id=movement_id, supplier_id=supplier_id, kind=kind,
                                            amount_fen=SIGN[kind] * amount_fen, reason=reason, body_hash=digest,
                                            at=at, using_db=conn)
    if release is not None:
        movement.decision_id = (await record_decision(release, f"supplier:{supplier_id}", conn)).id
        await movement.save(using_db=conn, update_fields=["decision_id"])
        supplier.status = "exited"
        await supplier.save(using_db=conn, update_fields=["status"])
        return
    # the standing is decided as of when the platform books the movement: one dated back would count the days
    # underfunded from its date and lift a restriction the clock had reached (until the next tick restored it)
    await reassess_standing(evaluator, supplier, max(at, clock.now()), conn, movement)


async def restrict_lapsed(evaluator: PolicyEvaluator, as_of: dt.datetime) -> int:
    """Re-assess every underfunded supplier at `as_of`; the count newly restricted (exactly once: a supplier
    another process is re-assessing is row-locked and skipped here)."""
    restricted = 0
    for supplier_id in await Supplier.filter(deposit_standing="underfunded").values_list("supplier_id", flat=True):
        async with in_transaction() as conn:
            supplier = await Supplier.filter(supplier_id=supplier_id).using_db(conn).select_for_update(
                skip_locked=True).first()
            if supplier and supplier.deposit_standing == "underfunded":
                restricted += await reassess_standing(evaluator, supplier, as_of, conn) == "restricted"
    return restricted


MOVEMENTS_PAGE = 100  # movements in a deposit view unless the caller asks for another page size


async def deposit_view(supplier_id: str, limit: int = MOVEMENTS_PAGE, after: str | None = None) -> dict[str, Any]:
    """The standing, the balance (of every movement) and a page of the movements, newest first (`after`: the
    previous page's `next`; `next` is None on the last page)."""
    supplier = await Supplier.get_or_none(supplier_id=supplier_id)
    if supplier is None:
        raise NotFound(f"no supplier {supplier_id!r}", code="supplier_not_found")
    query = DepositMovement.filter(supplier_id=supplier_id)
    if after is not None:
        at_text, movement_id = position_of(after, 2)
        at = cursor_time(at_text)
        query = query.filter(Q(at__lt=at) | Q(at=at, movement_id__lt=movement_id))
    movements = await query.order_by("-at", "-movement_id").limit(limit + 1).values(
        "movement_id", "kind", "amount_fen", "reason", "at", "decision_id")  # rows, not models
    page = movements[:limit]
    last = page[-1] if len(movements) > limit else None
    return {"supplier_id": supplier_id, "status": supplier.status, "standing": supplier.deposit_standing,
            "listings_visible": supplier.listings_visible, "balance": format_yuan(await balance_fen(supplier_id)),
            "underfunded_since": iso_utc(supplier.underfunded_since)
            if supplier.underfunded_since else None,
            "standing_decision_id": str(supplier.standing_decision_id) if supplier.standing_decision_id else None,
            "movements": [{"movement_id": m["movement_id"], "kind": m["kind"], "amount": format_yuan(m["amount_fen"]),
                           "reason": m["reason"], "at": iso_utc(m["at"]),
                           "decision_id": str(m["decision_id"]) if m["decision_id"] else None} for m in page],
            "next": cursor_of(last["at"].astimezone(dt.UTC).isoformat(), last["movement_id"]) if last else None}
