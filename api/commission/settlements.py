"""Monthly settlement (policy_admin) and the statements sellers read, as JSON or printable HTML."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.commission.responses import SettlementOut, StatementOut
from api.commission.schemas import SettlementRequest
from api.common.auth import Principal, require_role
from api.common.policy import ActiveEvaluator
from api.common.routing import api_router
from api.common.schemas import Id
from engine.fields import format_yuan
from reports.pages import render
from workflows.commission.settlement import period_bounds, settle, statement_page_view, statement_view
from workflows.sellers.access import reachable_seller

router = api_router(prefix="/v1", tags=["settlement"])


@router.post("/settlements", response_model=SettlementOut, dependencies=[require_role("policy_admin")])
async def run_settlement(body: SettlementRequest, evaluator: ActiveEvaluator) -> dict[str, Any]:
    statements = await settle(body.period, evaluator.policy_set.label)
    return {"period": body.period, "statements": [
        {"seller_id": s.seller_id, "statement_id": s.id, "total": format_yuan(s.total_fen), "line_count": s.line_count}
        for s in statements]}


@router.get("/sellers/{seller_id}/statements/{period}", response_model=StatementOut,
            responses={200: {"content": {"text/html": {}}}})
async def read_statement(seller_id: Id, period: str, request: Request,
                         principal: Annotated[Principal, require_role("storefront", "seller", "policy_admin")]) -> Any:
    period_bounds(period)  # a period outside the calendar is 422 before any store is looked up
    await reachable_seller(principal.caller, seller_id)
    if "text/html" in request.headers.get("accept", ""):
        return HTMLResponse(render("statement.html.j2", statement=await statement_page_view(seller_id, period)))
    return await statement_view(seller_id, period)
