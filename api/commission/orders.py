"""Orders and their events, as storefronts report them; replays are answered, never re-applied."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Response

from api.commission.responses import OrderOut
from api.commission.schemas import OrderEventPost, OrderPut
from api.common.auth import Principal, require_role
from api.common.policy import ActiveEvaluator
from api.common.routing import api_router
from api.common.schemas import Id
from engine.fields import parse_yuan
from workflows.commission.access import order_event_key, order_report, reachable_order
from workflows.commission.listed_terms import with_listed_terms
from workflows.commission.order_events import EventInput, apply_event
from workflows.commission.orders import OrderInput, order_view, paid_within_its_timeline, put_order
from workflows.common.scoped_ids import scoped_id

router = api_router(prefix="/v1/orders", tags=["orders"])
Storefront = Annotated[Principal, require_role("storefront")]


@router.put("/{order_id}", response_model=OrderOut, status_code=201)
async def report_order(order_id: Id, body: OrderPut, response: Response, evaluator: ActiveEvaluator,
                       principal: Storefront) -> dict[str, Any]:
    """Record an order of one of the channel's stores (another channel's store is not found)."""
    # the store, the order recorded under this id before and the shared list with its sharer's totals, read at once
    # (the id is the channel's own: others may use it; the reward is decided from the list)
    report = await order_report(principal.caller, body.seller_id, order_id, body.share_list_id)
    seller, recorded = report.seller, report.recorded
    lines = [item.to_line() for item in body.items]
    key = recorded.order_id if recorded else scoped_id(principal.caller.party or "", order_id)
    if recorded:
        items = lines  # a replay is answered with what was recorded, whatever the listing says now
    else:
        # the time first: an order from the future, or from before its store or its share list, is refused as such
        paid_within_its_timeline(body.paid_at, seller, report.shared)
        items = await with_listed_terms(lines, on_order=True)
    order = OrderInput(seller_id=body.seller_id, buyer_id=body.buyer_id, paid_at=body.paid_at, items=items,
                       share_list_id=report.share_list_key, shared=report.shared)
    # an order without attribution keeps the fingerprint it had before orders could carry one
    fingerprint = body.model_dump(mode="json", exclude={"share_list_id"} if body.share_list_id is None else None)
    created, view = await put_order(evaluator, key, order, fingerprint, seller=seller, recorded=recorded)
    response.status_code = 201 if created else 200
    return view


@router.get("/{order_id}", response_model=OrderOut)
async def read_order(order_id: Id, principal: Storefront) -> dict[str, Any]:
    order = await reachable_order(principal.caller, order_id)
    return await order_view(order.order_id)


@router.post("/{order_id}/events", response_model=OrderOut, status_code=201)
async def report_event(order_id: Id, body: OrderEventPost, response: Response,
                       evaluator: ActiveEvaluator, principal: Storefront) -> dict[str, Any]:
    order = await reachable_order(principal.caller, order_id)
    event_key = await order_event_key(order, principal.caller.party or "", body.event_id)
    event = EventInput(event_id=event_key, type=body.type, at=body.at, sku=body.sku,
                       amount_fen=parse_yuan(body.amount) if body.amount is not None else None)
    created, view = await apply_event(evaluator, order.order_id, event, body.model_dump(mode="json"))
    response.status_code = 201 if created else 200
    return view
