"""Supplier onboarding: applications (supplier), the review queue and decisions (reviewer)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from api.common.auth import Principal, require_role
from api.common.errors import ERROR_RESPONSES
from api.common.policy import ActiveEvaluator
from api.common.schemas import Id, UtcDatetime, utc
from api.suppliers.responses import ApplicationDepositOut, ApplicationOut, ApplicationPreviewOut, ApplicationQueueOut
from api.suppliers.schemas import DepositPaymentIn, ReviewDecision, SupplierApplicationIn
from engine.fields import parse_yuan
from workflows.common.errors import InvalidInput
from workflows.suppliers.access import require_applicant, require_application
from workflows.suppliers.applications import (
    application_view,
    decide_application,
    preview_application,
    review_queue,
    submit_application,
)
from workflows.suppliers.deposit_payments import application_deposit, record_payment

router = APIRouter(prefix="/v1/supplier-applications", tags=["supplier onboarding"], responses=ERROR_RESPONSES)
Supplier = Annotated[Principal, require_role("supplier")]
Reviewer = Annotated[Principal, require_role("reviewer")]


@router.post("", response_model=ApplicationOut, status_code=201)
async def apply(body: SupplierApplicationIn, response: Response, evaluator: ActiveEvaluator,
                principal: Supplier) -> dict[str, Any]:
    require_applicant(principal.caller, body.uscc)
    if body.as_of is not None:
        raise InvalidInput("the platform judges an application as of when it receives it; as_of is not accepted",
                           code="as_of_chosen_by_platform",
                           errors=[{"field": "body.as_of", "message": "chosen by the platform"}])
    created, view = await submit_application(evaluator, body.model_dump(mode="json", exclude={"as_of"}),
                                             (principal.name, principal.role), utc(None))
    response.status_code = 201 if created else 200
    return view


@router.get("", response_model=ApplicationQueueOut)
async def queue(principal: Reviewer, status: Literal["pending_review", "approved", "rejected"] | None = None,
                limit: int = Query(default=50, ge=1, le=500),
                after: str | None = Query(default=None, description="cursor: last application_id seen")
                ) -> dict[str, Any]:
    items = await review_queue(status, limit, after)
    return {"applications": items, "next": items[-1]["application_id"] if len(items) == limit else None}


@router.get("/{application_id}", response_model=ApplicationOut)
async def read_application(application_id: Id, evaluator: ActiveEvaluator,
                           principal: Annotated[Principal, require_role("reviewer", "supplier")]) -> dict[str, Any]:
    view = await application_view(application_id, evaluator)
    require_application(principal.caller, application_id, view["uscc"])
    return view


@router.post("/{application_id}/decision", response_model=ApplicationOut)
async def decide(application_id: Id, body: ReviewDecision, evaluator: ActiveEvaluator,
                 principal: Reviewer) -> dict[str, Any]:
    return await decide_application(evaluator, application_id, body.decision, body.reason,
                                    [o.model_dump() for o in body.overrides], (principal.name, principal.role),
                                    utc(None))


@router.post("/{application_id}/deposit-payments", response_model=ApplicationDepositOut, status_code=201,
             dependencies=[require_role("policy_admin")])
async def record_deposit_payment(application_id: Id, body: DepositPaymentIn, response: Response,
                                 evaluator: ActiveEvaluator) -> dict[str, Any]:
    """Record deposit money the platform received for an application (the platform's finance, never the applicant);
    approval needs the required deposit recorded here. Idempotent by payment_id."""
    created, view = await record_payment(evaluator, application_id, body.payment_id, parse_yuan(body.amount),
                                         body.reference, body.model_dump(mode="json"))
    response.status_code = 201 if created else 200
    return view


@router.get("/{application_id}/deposit", response_model=ApplicationDepositOut)
async def read_application_deposit(application_id: Id, evaluator: ActiveEvaluator,
                                   principal: Annotated[Principal, require_role("reviewer", "supplier", "policy_admin")]
                                   ) -> dict[str, Any]:
    view = await application_deposit(evaluator, application_id)
    require_application(principal.caller, application_id, view["supplier_id"].removeprefix("SUP-"))
    return view


@router.get("/{application_id}/preview", response_model=ApplicationPreviewOut)
async def preview(application_id: Id, evaluator: ActiveEvaluator, principal: Reviewer,
                  as_of: Annotated[UtcDatetime, Query(description="the date to judge it as of; nothing is recorded")]
                  ) -> dict[str, Any]:
    """Read-only: how the rules in force at `as_of` would judge the application. The recorded decision, judged
    as of when the application arrived, stands."""
    return await preview_application(evaluator, application_id, as_of)
