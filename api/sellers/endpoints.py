"""Shopkeepers: open a store, see the tier and what the next one needs, manage the shelf."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Response

from api.common.auth import Principal, require_role
from api.common.policy import ActiveEvaluator
from api.common.routing import api_router
from api.common.schemas import Id, UtcDatetime, utc
from api.sellers.responses import SellerOut, ShelfItemOut
from api.sellers.schemas import SellerCreate, ShelfPut
from engine.fields import parse_yuan
from store.api_keys import DEFAULT_CHANNEL
from workflows.sellers.access import reachable_seller
from workflows.sellers.stores import create_seller, seller_view, shelve, unshelve

router = api_router(prefix="/v1/sellers", tags=["sellers"])
Storefront = Annotated[Principal, require_role("storefront")]


@router.post("", response_model=SellerOut, status_code=201)
async def open_store(body: SellerCreate, response: Response, evaluator: ActiveEvaluator,
                     principal: Storefront) -> dict[str, Any]:
    """Open a store for the key's storefront channel; only that channel's keys (and the seller's own) reach it."""
    created, _ = await create_seller(body.seller_id, principal.party or DEFAULT_CHANNEL)
    response.status_code = 201 if created else 200
    return await seller_view(evaluator, body.seller_id, utc(None))


@router.get("/{seller_id}", response_model=SellerOut)
async def read_seller(seller_id: Id, evaluator: ActiveEvaluator,
                      principal: Annotated[Principal, require_role("storefront", "seller")],
                      as_of: UtcDatetime | None = None) -> dict[str, Any]:
    await reachable_seller(principal.caller, seller_id)
    return await seller_view(evaluator, seller_id, utc(as_of))


@router.put("/{seller_id}/shelf/{sku}", response_model=ShelfItemOut, status_code=201)
async def put_on_shelf(seller_id: Id, sku: Id, body: ShelfPut, response: Response,
                       evaluator: ActiveEvaluator, principal: Storefront) -> dict[str, Any]:
    await reachable_seller(principal.caller, seller_id)
    created, item = await shelve(evaluator, seller_id, sku, body.category, parse_yuan(body.price),
                                 body.supplier_id, utc(None))
    response.status_code = 201 if created else 200
    return item


@router.delete("/{seller_id}/shelf/{sku}", status_code=204)
async def take_off_shelf(seller_id: Id, sku: Id, principal: Storefront) -> Response:
    await reachable_seller(principal.caller, seller_id)
    await unshelve(seller_id, sku)
    return Response(status_code=204)
