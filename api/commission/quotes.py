"""POST /v1/commission/quotes: what each line would earn, with the rule and the arithmetic."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Request, Response

from api.commission.quote_answers import write_answer, written_answer
from api.commission.responses import QuoteOut
from api.commission.schemas import QuoteRequest
from api.common.auth import Principal, require_role
from api.common.policy import evaluator_of
from api.common.routing import api_router
from api.common.schemas import utc
from engine.fields import format_yuan, iso_utc
from workflows.commission.listed_terms import with_listed_terms
from workflows.commission.quote_baskets import basket_key, quote_keyed_basket
from workflows.sellers.access import reachable_seller

router = api_router(prefix="/v1/commission", tags=["commission"])


@router.post("/quotes", response_model=QuoteOut)
async def create_quote(body: QuoteRequest, request: Request,
                       principal: Annotated[Principal, require_role("storefront")]) -> dict[str, Any] | Response:
    evaluator = evaluator_of(request)  # not a dependency: each one costs every quote its resolution
    as_of = utc(body.as_of)
    tier = (await reachable_seller(principal.caller, body.seller_id)).tier if body.seller_id else None
    lines = await with_listed_terms([item.to_line() for item in body.items], on_order=False)
    key, moment = basket_key(evaluator, lines, tier, as_of), iso_utc(as_of)
    if (answer := written_answer(key, moment)) is not None:  # a repeated basket as written before (quote_answers.py)
        return answer
    basket = quote_keyed_basket(evaluator, lines, tier, as_of, key)  # the memo's (quote_baskets.py)
    return write_answer(request, key, {"policy_version": basket.version, "as_of": moment, "seller_tier": tier,
                                       "items": basket.items, "total_commission": format_yuan(basket.total_fen)})
