"""Approved suppliers: listings behind the parity gate, and the deposit ledger."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Response

from api.common.auth import Principal, require_role
from api.common.policy import ActiveEvaluator
from api.common.routing import api_router
from api.common.schemas import Id, PageCursor, utc
from api.suppliers.responses import DepositOut, ProductOut
from api.suppliers.schemas import DepositMovementIn, ParityReferences, ProductIn
from engine.fields import parse_yuan
from workflows.common.errors import Conflict
from workflows.common.timeline import claimed_time
from workflows.suppliers.access import require_supplier
from workflows.suppliers.deposits import MOVEMENTS_PAGE, deposit_view, record_movement
from workflows.suppliers.listings import get_product, list_product, update_references

router = api_router(prefix="/v1/suppliers", tags=["suppliers"])


@router.post("/{supplier_id}/products", response_model=ProductOut, status_code=201)
async def put_product(supplier_id: Id, body: ProductIn, response: Response, evaluator: ActiveEvaluator,
                      principal: Annotated[Principal, require_role("supplier")]) -> dict[str, Any]:
    require_supplier(principal.caller, supplier_id)
    view = await list_product(evaluator, supplier_id, body.sku, body.category, parse_yuan(body.price),
                              body.commission_rate_bp, body.references.snapshots(), utc(None))
    if view["status"] != "listed":  # kept, with the rules it failed; the problem carries it
        raise Conflict(f"the listing fails {', '.join(view['failed_rules'])}", code="listing_refused", product=view)
    return view


@router.put("/{supplier_id}/products/{sku}/parity", response_model=ProductOut)
async def put_parity(supplier_id: Id, sku: Id, body: ParityReferences, evaluator: ActiveEvaluator,
                     principal: Annotated[Principal, require_role("supplier", "policy_admin")]) -> dict[str, Any]:
    require_supplier(principal.caller, supplier_id)
    return await update_references(evaluator, supplier_id, sku, body.snapshots(), utc(None))


@router.get("/{supplier_id}/products/{sku}", response_model=ProductOut)
async def read_product(supplier_id: Id, sku: Id,
                       principal: Annotated[Principal, require_role("supplier", "storefront", "reviewer")]
                       ) -> dict[str, Any]:
    require_supplier(principal.caller, supplier_id, storefronts_read=True)
    return await get_product(supplier_id, sku, ever_listed=principal.role == "storefront")


@router.post("/{supplier_id}/deposit/movements", response_model=DepositOut,
             dependencies=[require_role("policy_admin")], status_code=201)
async def post_movement(supplier_id: Id, body: DepositMovementIn, response: Response,
                        evaluator: ActiveEvaluator) -> dict[str, Any]:
    at = claimed_time("at", body.at)  # never ahead of the platform's clock: a top-up window runs from it
    created, view = await record_movement(evaluator, supplier_id, body.movement_id, body.kind,
                                          parse_yuan(body.amount), body.reason, at, body.model_dump(mode="json"))
    response.status_code = 201 if created else 200
    return view


@router.get("/{supplier_id}/deposit", response_model=DepositOut)
async def read_deposit(supplier_id: Id,
                       principal: Annotated[Principal, require_role("supplier", "reviewer", "policy_admin")],
                       limit: int = Query(default=MOVEMENTS_PAGE, ge=1, le=1000),
                       after: Annotated[PageCursor | None, Query(description="cursor: the `next` of the previous "
                                                                             "page")] = None
                       ) -> dict[str, Any]:
    """The supplier's standing and balance, and its movements newest first, a page at a time."""
    require_supplier(principal.caller, supplier_id)
    return await deposit_view(supplier_id, limit, after)
