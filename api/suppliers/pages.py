"""Pages for compliance reviewers: the queue, one page per application (printable), the decision form."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from api.badges.pages import router as badge_router
from api.common.page_session import REVIEW, PageReviewer
from api.common.policy import ActiveEvaluator
from api.common.routing import serve_routes
from api.common.schemas import QualifiedId, utc
from api.disputes.pages import router as arbitration_router
from api.suppliers.schemas import ReviewDecision
from reports.pages import render
from workflows.common.errors import InvalidInput, WorkflowError
from workflows.suppliers.applications import application_view, decide_application, review_queue
from workflows.suppliers.packet import application_packet

router = APIRouter(prefix="/review", include_in_schema=False)
QUEUE_PAGE = 100  # applications per page of the queue


@router.get("/sign-in", response_class=HTMLResponse)
async def sign_in_page() -> str:
    """The sign-in form; its only error is the platform's own refusal of a key (no text from the address: a
    link a party sends would put its words where a reviewer types a key)."""
    return render("review_sign_in.html.j2", error="")


@router.post("/sign-in")
async def sign_in(request: Request) -> Response:
    return await REVIEW.sign_in(request)


@router.post("/sign-out")
async def sign_out(request: Request) -> Response:
    return await REVIEW.sign_out(request)


@router.get("/applications", response_class=HTMLResponse)
async def queue_page(reviewer: PageReviewer, status: str = "pending_review", after: str | None = None,
                     limit: int = Query(default=QUEUE_PAGE, ge=1, le=500),
                     q: str = Query(default="", max_length=200)) -> str:
    """The queue a page at a time, the oldest submitted first (`after`: the last application of the page before),
    with a link to the next; `q`: only those whose legal name, credit code or id holds that text."""
    chosen = status if status in ("pending_review", "approved", "rejected", "all") else "pending_review"
    # the oldest submitted first; one more than the page: is there a next?
    items = await review_queue(None if chosen == "all" else chosen, limit + 1, after, by_submission=True,
                               matching=q.strip())
    following = items[limit - 1]["application_id"] if len(items) > limit else None
    return render("review_queue.html.j2", applications=items[:limit], status=chosen, after=after, q=q.strip(),
                  following=following, limit=limit, reviewer=reviewer.name)


@router.get("/applications/{application_id}", response_class=HTMLResponse)
async def application_page(application_id: QualifiedId, reviewer: PageReviewer,
                           evaluator: ActiveEvaluator) -> str:
    view = await application_view(application_id, evaluator)
    return render("review_application.html.j2", app=view, error="", typed={}, reviewer=reviewer.name)


@router.get("/applications/{application_id}/packet")
async def packet(application_id: QualifiedId, reviewer: PageReviewer, evaluator: ActiveEvaluator) -> Response:
    """The decided application as one self-contained HTML file to keep, print or hand over."""
    html = render("review_packet.html.j2", app=await application_packet(application_id, evaluator))
    return HTMLResponse(html, headers={"Content-Disposition": f'attachment; filename="{application_id}-packet.html"'})


@router.post("/applications/{application_id}/decision")
async def decision_form(application_id: QualifiedId, request: Request, reviewer: PageReviewer,
                        evaluator: ActiveEvaluator) -> Response:
    form = await request.form()
    decision, reason = str(form.get("decision", "")), str(form.get("reason", "")).strip()
    overrides = [{"requirement_id": name.removeprefix("justification__"), "justification": str(value).strip()}
                 for name, value in form.items() if name.startswith("justification__") and str(value).strip()]
    try:
        if decision not in ("approve", "reject") or not reason:
            raise InvalidInput("Choose approve or reject and give a reason.")
        short = [o["requirement_id"] for o in overrides if len(o["justification"]) < 10]
        if short:
            raise InvalidInput(f"A justification needs at least 10 characters: {', '.join(short)}.")
        _as_the_api_takes_it(decision, reason, overrides)
        await decide_application(evaluator, application_id, decision, reason, overrides,
                                 (reviewer.name, reviewer.role), utc(None))
    except WorkflowError as exc:  # the page comes back with what was typed, and the error beside the form
        view: dict[str, Any] = await application_view(application_id, evaluator)
        typed = {"reason": str(form.get("reason", "")),
                 **{name: str(value) for name, value in form.items() if name.startswith("justification__")}}
        return HTMLResponse(render("review_application.html.j2", app=view, error=exc.message, typed=typed,
                                   reviewer=reviewer.name), status_code=exc.status)
    return RedirectResponse(f"/review/applications/{application_id}", status_code=303)


def _as_the_api_takes_it(decision: str, reason: str, overrides: list[dict[str, str]]) -> None:
    """The form holds what the API's decision would (a reason and each justification at most 2,000 characters, a
    requirement by its id, at most 50 overrides): the page had recorded a 200,000-character reason."""
    try:
        ReviewDecision.model_validate({"decision": decision, "reason": reason, "overrides": overrides})
    except ValidationError as exc:
        said = "; ".join(f"{'.'.join(str(part) for part in e['loc'])}: {e['msg']}" for e in exc.errors()[:3])
        raise InvalidInput(f"The decision cannot be recorded as typed ({said}).") from None


def install_review_pages(app: FastAPI) -> None:
    serve_routes(app, router)
    serve_routes(app, arbitration_router)
    serve_routes(app, badge_router)
