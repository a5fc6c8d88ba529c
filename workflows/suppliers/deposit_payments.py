"""Deposit payments the platform has received for an application: the only source of a deposit. The applicant's
`deposit_paid` is what it declares; approval needs the required deposit recorded as paid, and books nothing else."""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import PolicyEvaluator
from engine.fields import format_yuan, iso_utc
from store import clock
from store.suppliers import DepositMovement, Supplier, SupplierApplication
from workflows.common.errors import Conflict, NotFound
from workflows.common.idempotency import apply_once, body_hash
from workflows.common.scoped_ids import public_id
from workflows.suppliers.access import supplier_id_of
from workflows.suppliers.deposits import apply_movement, balance_fen, operator_movement_id


class DepositNotPaid(Conflict):
    code = "deposit_not_paid"


def required_deposit_fen(evaluator: PolicyEvaluator, entity_kind: str) -> int:
    decision = evaluator.evaluate("deposit_requirement", {"entity_kind": entity_kind}, as_of=clock.now())
    return int(decision.outputs["required"])


async def record_payment(evaluator: PolicyEvaluator, application_id: str, payment_id: str, amount_fen: int,
                         reference: str, body: Any) -> tuple[bool, dict[str, Any]]:
    """Book a payment received for the application (once per payment id), at the platform's clock."""
    operator_movement_id(payment_id, "payment_id")
    digest = body_hash({"application_id": application_id, **body})

    async def apply(conn: BaseDBAsyncClient) -> None:
        app = await SupplierApplication.get_or_none(application_id=application_id, using_db=conn)
        if app is None:
            raise NotFound(f"no application {application_id!r}", code="application_not_found")
        if app.status == "rejected":
            raise Conflict(f"application {application_id} was rejected; no deposit is taken for it",
                           code="already_decided")
        # the movement is the supplier's: its own application id names the application (the reason holds 200)
        supplier_id = supplier_id_of(app.uscc)
        reason = f"deposit payment {reference} (application {public_id(application_id)})"
        if await Supplier.exists(supplier_id=supplier_id, using_db=conn):
            await apply_movement(evaluator, supplier_id, payment_id, "payment", amount_fen, reason, clock.now(), conn,
                                 digest)
            return
        await DepositMovement.create(movement_id=payment_id, supplier_id=supplier_id, kind="payment",
                                     amount_fen=amount_fen, reason=reason, body_hash=digest, at=clock.now(),
                                     using_db=conn)

    created = await apply_once("movement", payment_id, digest,
                               lambda: DepositMovement.get_or_none(movement_id=payment_id), apply)
    return created, await application_deposit(evaluator, application_id)


async def application_deposit(evaluator: PolicyEvaluator, application_id: str) -> dict[str, Any]:
    app = await SupplierApplication.get_or_none(application_id=application_id)
    if app is None:
        raise NotFound(f"no application {application_id!r}", code="application_not_found")
    return await deposit_record(evaluator, app)


async def deposit_record(evaluator: PolicyEvaluator, app: SupplierApplication) -> dict[str, Any]:
    """The applicant's deposit as the platform recorded it (the payments it received), beside what the applicant
    declared: the entry requirement reads the declaration, approval reads the record."""
    supplier_id = supplier_id_of(app.uscc)
    movements = await DepositMovement.filter(supplier_id=supplier_id).order_by("at", "movement_id")
    required, paid = required_deposit_fen(evaluator, app.entity_kind), sum(int(m.amount_fen) for m in movements)
    return {"application_id": app.application_id, "supplier_id": supplier_id, "required": format_yuan(required),
            "paid": format_yuan(paid), "declared": str(app.body["deposit_paid"]), "short": paid < required,
            "movements": [{"movement_id": m.movement_id, "kind": m.kind, "amount": format_yuan(m.amount_fen),
                           "reason": m.reason, "at": iso_utc(m.at)} for m in movements]}


async def require_deposit_paid(evaluator: PolicyEvaluator, app: SupplierApplication, conn: BaseDBAsyncClient) -> None:
    required = required_deposit_fen(evaluator, app.entity_kind)
    paid = await balance_fen(supplier_id_of(app.uscc), conn)
    if paid < required:
        raise DepositNotPaid(f"the required deposit is RMB {format_yuan(required)}; RMB {format_yuan(paid)} has been "
                             f"recorded as paid (the applicant declared RMB {app.body['deposit_paid']}); record the "
                             "payment first", required=format_yuan(required), paid=format_yuan(paid))
