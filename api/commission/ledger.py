"""A seller's commission ledger, line by line, cursor-paginated."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query

from api.commission.responses import LedgerPageOut
from api.common.auth import Principal, require_role
from api.common.routing import api_router
from api.common.schemas import Id, RowCursor
from workflows.commission.ledger import seller_lines
from workflows.sellers.access import reachable_seller

LineStatus = Literal["estimated", "pending", "locked", "settled", "cancelled"]

router = api_router(prefix="/v1/sellers", tags=["commission"])


@router.get("/{seller_id}/commission-lines", response_model=LedgerPageOut)
async def list_commission_lines(seller_id: Id, status: LineStatus | None = None,
                                limit: int = Query(default=100, ge=1, le=1000),
                                after: Annotated[RowCursor, Query()] = 0, *,
                                principal: Annotated[Principal, require_role("storefront", "seller")]
                                ) -> dict[str, Any]:
    await reachable_seller(principal.caller, seller_id)
    return await seller_lines(seller_id, status, after, limit)
