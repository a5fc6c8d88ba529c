"""Shopkeepers: open a store, see the tier and what the next one needs, manage the shelf."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query, Response

from api.auth import require_role
from api.errors import ERROR_RESPONSES
from api.policy import ActiveEvaluator
from api.schemas import MAX_ROW_ID, Id, SellerCreate, ShelfPut, UtcDatetime, utc
from engine.fields import parse_yuan
from store.commission import CommissionLine
from workflows.orders import line_view
from workflows.sellers import create_seller, get_seller, seller_view, shelve, unshelve

LineStatus = Literal["estimated", "pending", "locked", "settled", "cancelled"]

router = APIRouter(prefix="/v1/sellers", tags=["sellers"], responses=ERROR_RESPONSES,
                   dependencies=[require_role("storefront")])


@router.post("", status_code=201)
async def open_store(body: SellerCreate, response: Response, evaluator: ActiveEvaluator) -> dict[str, Any]:
    created, _ = await create_seller(body.seller_id)
    response.status_code = 201 if created else 200
    return await seller_view(evaluator, body.seller_id, utc(None))


@router.get("/{seller_id}")
async def read_seller(seller_id: Id, evaluator: ActiveEvaluator,
                      as_of: UtcDatetime | None = None) -> dict[str, Any]:
    return await seller_view(evaluator, seller_id, utc(as_of))


@router.put("/{seller_id}/shelf/{sku}", status_code=201)
async def put_on_shelf(seller_id: Id, sku: Id, body: ShelfPut, response: Response,
                       evaluator: ActiveEvaluator) -> dict[str, Any]:
    created, item = await shelve(evaluator, seller_id, sku, body.category, parse_yuan(body.price),
                                 body.supplier_id, utc(None))
    response.status_code = 201 if created else 200
    return item


@router.delete("/{seller_id}/shelf/{sku}", status_code=204)
async def take_off_shelf(seller_id: Id, sku: Id) -> Response:
    await unshelve(seller_id, sku)
    return Response(status_code=204)


@router.get("/{seller_id}/commission-lines")
async def list_commission_lines(seller_id: Id, status: LineStatus | None = None,
                                limit: int = Query(default=100, ge=1, le=1000),
                                after_id: int = Query(default=0, ge=0, le=MAX_ROW_ID,
                                                      description="cursor: last line_id seen")
                                ) -> dict[str, Any]:
    await get_seller(seller_id)
    query = CommissionLine.filter(seller_id=seller_id, id__gt=after_id)
    if status:
        query = query.filter(status=status)
    lines = await query.order_by("id").limit(limit)
    return {"seller_id": seller_id, "lines": [line_view(x) for x in lines],
            "next_after_id": lines[-1].id if len(lines) == limit else None}
