"""Arbitration pages for reviewers: disputes awaiting the platform, one case with its evidence and
timeline, and the decision form."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.common.page_session import PageReviewer
from api.common.policy import ActiveEvaluator
from api.common.schemas import Id, utc
from reports.pages import render
from store.disputes import Dispute
from workflows.common.errors import InvalidInput, WorkflowError
from workflows.disputes.lifecycle import DisputeEventInput, dispute_event, dispute_view

router = APIRouter(prefix="/review/disputes", include_in_schema=False)
DECISIONS = {"buyer": "arbitration_for_buyer", "supplier": "arbitration_for_supplier"}


@router.get("", response_class=HTMLResponse)
async def arbitration_queue(reviewer: PageReviewer) -> str:
    disputes = await Dispute.filter(state="in_arbitration").order_by("deadline_at")
    return render("review_disputes.html.j2", disputes=[await dispute_view(d.dispute_id) for d in disputes],
                  reviewer=reviewer.key_id)


@router.get("/{dispute_id}", response_class=HTMLResponse)
async def arbitration_page(dispute_id: Id, reviewer: PageReviewer) -> str:
    return render("review_dispute.html.j2", case=await dispute_view(dispute_id), error="",
                  form_id=secrets.token_hex(8), reviewer=reviewer.key_id)


@router.post("/{dispute_id}/decision")
async def arbitration_decision(dispute_id: Id, request: Request, reviewer: PageReviewer,
                               evaluator: ActiveEvaluator) -> Response:
    form = await request.form()
    side, form_id = str(form.get("for", "")), str(form.get("form_id", ""))
    try:
        if side not in DECISIONS or not form_id.isalnum():
            raise InvalidInput("Decide for the buyer or for the supplier.")
        event = DisputeEventInput(f"arbitration-{form_id}", DECISIONS[side], "platform", utc(None))
        await dispute_event(evaluator, dispute_id, event, reviewer.role, reviewer.key_id,
                            {"event_id": event.event_id, "type": event.type, "actor": "platform"})
    except WorkflowError as exc:
        return HTMLResponse(render("review_dispute.html.j2", case=await dispute_view(dispute_id), error=exc.message,
                                   form_id=secrets.token_hex(8), reviewer=reviewer.key_id),
                            status_code=exc.status)
    return RedirectResponse(f"/review/disputes/{dispute_id}", status_code=303)
