"""Supplier onboarding: applications (supplier), the review queue and decisions (reviewer)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query, Response

from api.common.auth import Principal, require_role
from api.common.policy import ActiveEvaluator
from api.common.routing import api_router
from api.common.schemas import QualifiedId, UtcDatetime, utc
from api.suppliers.responses import ApplicationDepositOut, ApplicationOut, ApplicationPreviewOut, ApplicationQueueOut
from api.suppliers.schemas import DepositPaymentIn, ReviewDecision, SupplierApplicationIn
from engine.fields import parse_yuan
from workflows.common.access import Caller
from workflows.common.errors import InvalidInput
from workflows.common.scoped_ids import shown_id
from workflows.suppliers.access import applicant_of, new_application_key, reachable_application, require_applicant
from workflows.suppliers.applications import (
    application_view,
    decide_application,
    preview_application,
    review_queue,
    submit_application,
)
from workflows.suppliers.deposit_payments import application_deposit, record_payment

router = api_router(prefix="/v1/supplier-applications", tags=["supplier onboarding"])
Supplier = Annotated[Principal, require_role("supplier")]
Reviewer = Annotated[Principal, require_role("reviewer")]
Finance = Annotated[Principal, require_role("policy_admin")]


def _as_seen(caller: Caller, view: dict[str, Any]) -> dict[str, Any]:
    """The supplier sees its own application ids; the platform the qualified ones."""
    return view | {"application_id": shown_id(view["application_id"], applicant_of(caller))}


@router.post("", response_model=ApplicationOut, status_code=201)
async def apply(body: SupplierApplicationIn, response: Response, evaluator: ActiveEvaluator,
                principal: Supplier) -> dict[str, Any]:
    require_applicant(principal.caller, body.uscc)
    if body.as_of is not None:
        raise InvalidInput("the platform judges an application as of when it receives it; as_of is not accepted",
                           code="as_of_chosen_by_platform",
                           errors=[{"field": "body.as_of", "message": "chosen by the platform"}])
    key = await new_application_key(principal.caller, body.application_id, body.uscc)
    created, view = await submit_application(evaluator, body.model_dump(mode="json", exclude={"as_of"})
                                             | {"application_id": key}, (principal.name, principal.role), utc(None))
    response.status_code = 201 if created else 200
    return _as_seen(principal.caller, view)


@router.get("", response_model=ApplicationQueueOut)
async def queue(principal: Reviewer, status: Literal["pending_review", "approved", "rejected"] | None = None,
                limit: int = Query(default=50, ge=1, le=500),
                after: str | None = Query(default=None, description="cursor: last application_id seen")
                ) -> dict[str, Any]:
    items = await review_queue(status, limit, after)
    return {"applications": items, "next": items[-1]["application_id"] if len(items) == limit else None}


@router.get("/{application_id}", response_model=ApplicationOut)
async def read_application(application_id: QualifiedId, evaluator: ActiveEvaluator,
                           principal: Annotated[Principal, require_role("reviewer", "supplier")]) -> dict[str, Any]:
    application = await reachable_application(principal.caller, application_id)
    return _as_seen(principal.caller, await application_view(application.application_id, evaluator))


@router.post("/{application_id}/decision", response_model=ApplicationOut)
async def decide(application_id: QualifiedId, body: ReviewDecision, evaluator: ActiveEvaluator,
                 principal: Reviewer) -> dict[str, Any]:
    application = await reachable_application(principal.caller, application_id)
    return await decide_application(evaluator, application.application_id, body.decision, body.reason,
                                    [o.model_dump() for o in body.overrides], (principal.name, principal.role),
                                    utc(None))


@router.post("/{application_id}/deposit-payments", response_model=ApplicationDepositOut, status_code=201)
async def record_deposit_payment(application_id: QualifiedId, body: DepositPaymentIn, response: Response,
                                 evaluator: ActiveEvaluator, principal: Finance) -> dict[str, Any]:
    """Record deposit money the platform received for an application (the platform's finance, never the applicant);
    approval needs the required deposit recorded here. Idempotent by payment_id."""
    application = await reachable_application(principal.caller, application_id)
    created, view = await record_payment(evaluator, application.application_id, body.payment_id,
                                         parse_yuan(body.amount), body.reference, body.model_dump(mode="json"))
    response.status_code = 201 if created else 200
    return view


@router.get("/{application_id}/deposit", response_model=ApplicationDepositOut)
async def read_application_deposit(application_id: QualifiedId, evaluator: ActiveEvaluator,
                                   principal: Annotated[Principal, require_role("reviewer", "supplier", "policy_admin")]
                                   ) -> dict[str, Any]:
    application = await reachable_application(principal.caller, application_id)
    return _as_seen(principal.caller, await application_deposit(evaluator, application.application_id))


@router.get("/{application_id}/preview", response_model=ApplicationPreviewOut)
async def preview(application_id: QualifiedId, evaluator: ActiveEvaluator, principal: Reviewer,
                  as_of: Annotated[UtcDatetime, Query(description="the date to judge it as of; nothing is recorded")]
                  ) -> dict[str, Any]:
    """Read-only: how the rules in force at `as_of` would judge the application. The recorded decision, judged
    as of when the application arrived, stands."""
    application = await reachable_application(principal.caller, application_id)
    return await preview_application(evaluator, application.application_id, as_of)
