"""After-sales disputes: opened for the buyer by the storefront; events from buyer, supplier and platform."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query, Response
from pydantic import Field, StringConstraints, field_validator

from api.common.auth import Principal, require_role
from api.common.policy import ActiveEvaluator
from api.common.routing import api_router
from api.common.schemas import Id, QualifiedId, Strict, UtcDatetime, Yuan
from api.disputes.responses import DisputeListOut, DisputeOut
from engine.fields import parse_yuan
from workflows.commission.access import reachable_order
from workflows.disputes.access import new_dispute_key, reachable_dispute, viewer_of
from workflows.disputes.cases import CaseState, cases_page
from workflows.disputes.lifecycle import DisputeEventInput, dispute_event, dispute_view, open_dispute

router = api_router(prefix="/v1/disputes", tags=["disputes"])
MAX_REASON = 2000  # characters of the platform's written reason for an arbitration decision
Evidence = list[Id]


class DisputeOpen(Strict):
    dispute_id: Id
    order_id: Id
    sku: Id
    type: Literal["not_received", "quality_problem", "not_as_described", "counterfeit", "no_reason_return"]
    amount: Yuan = Field(description="the amount the buyer claims, yuan (more than 0.00)")
    opened_at: UtcDatetime
    evidence: Evidence | None = Field(default=None, max_length=20, description="document ids")

    @field_validator("amount")
    @classmethod
    def claims_something(cls, amount: str) -> str:
        if parse_yuan(amount) <= 0:  # a case on nothing still owed the supplier an answer within its 5 days
            raise ValueError("a claim is more than 0.00")
        return amount


class DisputeEventIn(Strict):
    event_id: Id
    type: Literal["supplier_agrees_refund", "supplier_agrees_return", "supplier_rejects", "buyer_ships_return",
                  "supplier_confirms_return", "supplier_refunds", "escalate", "arbitration_for_buyer",
                  "arbitration_for_supplier", "buyer_withdraws", "appeal"]
    actor: Literal["buyer", "supplier", "platform"] = Field(description="storefront keys act for the buyer, "
                                                                        "supplier keys for the supplier, reviewer "
                                                                        "keys for the platform")
    at: UtcDatetime
    evidence: Evidence | None = Field(default=None, max_length=20)
    reason: Annotated[str, StringConstraints(min_length=1, max_length=MAX_REASON,
                                             strip_whitespace=True)] | None = Field(
        default=None, description="the platform's written reason for an arbitration decision")


@router.post("", response_model=DisputeOut, status_code=201)
async def open_case(body: DisputeOpen, response: Response, evaluator: ActiveEvaluator,
                    principal: Annotated[Principal, require_role("storefront")]) -> dict[str, Any]:
    # the buyer's side is the channel owning the order, named by the channel's own id
    order = await reachable_order(principal.caller, body.order_id)
    key = await new_dispute_key(principal.caller, body.dispute_id)
    created, view = await open_dispute(evaluator, body.model_dump(mode="json") | {"order_id": order.order_id,
                                                                                 "dispute_id": key},
                                       parse_yuan(body.amount), body.opened_at, principal.key_id,
                                       viewer_of(principal.caller))
    response.status_code = 201 if created else 200
    return view


@router.post("/{dispute_id}/events", response_model=DisputeOut, status_code=201)
async def post_event(dispute_id: QualifiedId, body: DisputeEventIn, response: Response, evaluator: ActiveEvaluator,
                     principal: Annotated[Principal, require_role("storefront", "supplier", "reviewer")]
                     ) -> dict[str, Any]:
    case = await reachable_dispute(principal.caller, dispute_id)
    event = DisputeEventInput(body.event_id, body.type, body.actor, body.at, body.evidence, body.reason)
    created, view = await dispute_event(evaluator, case.dispute_id, event, principal.role, principal.key_id,
                                        body.model_dump(mode="json"), viewer_of(principal.caller))
    response.status_code = 201 if created else 200
    return view


@router.get("", response_model=DisputeListOut)
async def list_cases(principal: Annotated[Principal, require_role("supplier", "reviewer")],
                     state: CaseState = "open", limit: int = Query(default=100, ge=1, le=500),
                     after: str | None = Query(default=None, max_length=160,
                                               description="cursor: the `next` of the previous page")
                     ) -> dict[str, Any]:
    """The cases to answer: a supplier's on its items, every case for a reviewer; open ones by default (`final`,
    `all`), each with who owes the next step by when."""
    return await cases_page(principal.caller, state, after, limit)


@router.get("/{dispute_id}", response_model=DisputeOut)
async def read_dispute(dispute_id: QualifiedId,
                       principal: Annotated[Principal, require_role("storefront", "supplier", "reviewer")]
                       ) -> dict[str, Any]:
    case = await reachable_dispute(principal.caller, dispute_id)
    return await dispute_view(case.dispute_id, viewer_of(principal.caller))
