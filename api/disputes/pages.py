"""Arbitration pages for reviewers: disputes awaiting the platform, one case with its evidence and
timeline, and the decision form."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.common.form_tokens import FORM_ID, new_form_id
from api.common.page_session import PageReviewer
from api.common.policy import ActiveEvaluator
from api.common.schemas import QualifiedId, utc
from api.disputes.endpoints import MAX_REASON
from reports.pages import render
from workflows.common.errors import InvalidInput, WorkflowError
from workflows.disputes.arbitration_pages import SHOWN, Shown, arbitration_queue, step_records
from workflows.disputes.lifecycle import DisputeEventInput, dispute_event, dispute_view
from workflows.disputes.preview import ARBITRATION_EVENTS, arbitration_preview

router = APIRouter(prefix="/review/disputes", include_in_schema=False)
QUEUE_PAGE = 100  # cases per page of the queue


@router.get("", response_class=HTMLResponse)
async def queue_page(reviewer: PageReviewer, show: str = "awaiting", after: str | None = None,
                     limit: int = Query(default=QUEUE_PAGE, ge=1, le=500),
                     q: str = Query(default="", max_length=160)) -> str:
    """The cases awaiting the platform (nearest deadline first), those it ruled on, or all, a page at a time
    (`after`: the last case of the page before), with a link to the next; `q`: the cases whose id, order or SKU
    holds that text."""
    shown: Shown = next((s for s in SHOWN if s == show), "awaiting")
    page = await arbitration_queue(shown, limit, after, q.strip())
    return render("review_disputes.html.j2", disputes=page["items"], show=shown, after=after, following=page["next"],
                  limit=limit, q=q.strip(), reviewer=reviewer.name)


async def _case_page(evaluator: ActiveEvaluator, dispute_id: str, reviewer: str, error: str = "",
                     typed: dict[str, str] | None = None, status: int = 200) -> HTMLResponse:
    """The case: evidence per party and round, the timeline in true order, and the decision form with a
    preview of every money effect of each side's decision."""
    case = await dispute_view(dispute_id)
    rounds: dict[int, dict[str, list[str]]] = {}
    for step in case["history"]:
        if step["evidence"]:
            rounds.setdefault(step["round"], {}).setdefault(step["actor"], []).extend(step["evidence"])
    html = render("review_dispute.html.j2", case=case, rounds=sorted(rounds.items()),
                  steps=await step_records(dispute_id),
                  preview=await arbitration_preview(evaluator, dispute_id, utc(None)), error=error,
                  typed=typed or {}, form_id=new_form_id(), reviewer=reviewer)
    return HTMLResponse(html, status_code=status)


@router.get("/{dispute_id}", response_class=HTMLResponse)
async def arbitration_page(dispute_id: QualifiedId, reviewer: PageReviewer, evaluator: ActiveEvaluator) -> HTMLResponse:
    return await _case_page(evaluator, dispute_id, reviewer.name)


@router.post("/{dispute_id}/decision")
async def arbitration_decision(dispute_id: QualifiedId, request: Request, reviewer: PageReviewer,
                               evaluator: ActiveEvaluator) -> Response:
    form = await request.form()
    side, form_id = str(form.get("for", "")), str(form.get("form_id", ""))
    reason = str(form.get("reason", "")).strip()
    try:
        if side not in ARBITRATION_EVENTS or not FORM_ID.fullmatch(form_id):
            raise InvalidInput("Decide for the buyer or for the supplier.")
        if not reason:
            raise InvalidInput("Write the reason for the decision: the parties and any later appeal read it.")
        if len(reason) > MAX_REASON:  # as the API takes it: cut here, the ruling's reason ended mid-sentence
            raise InvalidInput(f"The reason holds at most {MAX_REASON} characters; this one has {len(reason)}.")
        event = DisputeEventInput(f"arbitration-{form_id}", ARBITRATION_EVENTS[side], "platform", utc(None),
                                  reason=reason)
        await dispute_event(evaluator, dispute_id, event, reviewer.role, reviewer.key_id,
                            {"event_id": event.event_id, "type": event.type, "actor": "platform",
                             "reason": event.reason})
    except WorkflowError as exc:
        return await _case_page(evaluator, dispute_id, reviewer.name, exc.message,
                                {"reason": reason, "for": side}, exc.status)
    return RedirectResponse(f"/review/disputes/{dispute_id}", status_code=303)
