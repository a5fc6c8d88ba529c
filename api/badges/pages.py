"""Pages for the badge panel (reviewers): the rounds, one round with its scores, the judge's score form,
the award form and the award explained rule by rule."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from api.badges.endpoints import AwardIn, PanelScoreIn
from api.common.auth import Principal
from api.common.page_session import PageReviewer
from api.common.policy import ActiveEvaluator
from api.common.schemas import Id, utc
from reports.pages import CHINA, render
from workflows.badges.rounds import ScoreInput, award_badge, enter_score, round_view
from workflows.badges.views import award_record, rounds_queue
from workflows.common.errors import InvalidInput, WorkflowError

router = APIRouter(prefix="/review/badges", include_in_schema=False)


ROUNDS_PAGE = 100  # open rounds and awarded rounds, each, on a page of the rounds


@router.get("", response_class=HTMLResponse)
async def rounds_page(reviewer: PageReviewer, page: Annotated[int, Query(ge=0, le=10_000)] = 0) -> str:
    """Open rounds oldest first, then awarded ones newest first, ROUNDS_PAGE of each a page."""
    rounds = await rounds_queue(reviewer.judge, ROUNDS_PAGE + 1, page * ROUNDS_PAGE)  # one more of each: a next page?
    lists = [[r for r in rounds if r["status"] == status] for status in ("open", "awarded")]
    return render("review_badge_rounds.html.j2", rounds=[r for rs in lists for r in rs[:ROUNDS_PAGE]],
                  reviewer=reviewer.name, page=page, more=any(len(rs) > ROUNDS_PAGE for rs in lists))


async def _round_page(round_id: str, judge: Principal, error: str = "", status: int = 200,
                      kept: dict[str, str] | None = None) -> HTMLResponse:
    """The round; after a refused form, with the error and what was typed (`kept`)."""
    view: dict[str, Any] = await round_view(round_id)
    mine = next((s for s in view["scores"] if s["judge_key"] == judge.judge), None)  # one score per person
    now = utc(None).astimezone(CHINA).replace(microsecond=0)  # the award form's default, in China time
    return HTMLResponse(render("review_badge_round.html.j2", round=view, mine=mine, error=error, kept=kept or {},
                               awarded=await award_record(round_id),
                               now=now.isoformat(), reviewer=judge.name),
                        status_code=status)


def _typed(form: Any) -> dict[str, str]:
    return {name: str(form.get(name, "")) for name in ("score", "judge_name", "comment", "as_of")}


@router.get("/{round_id}", response_class=HTMLResponse)
async def round_page(round_id: Id, reviewer: PageReviewer) -> Response:
    return await _round_page(round_id, reviewer)


def _score(form: Any) -> ScoreInput:
    """The form read by the API's own model, so the page and the API take exactly the same scores."""
    fields = {name: str(form.get(name, "")).strip() or None for name in ("score", "judge_name", "comment")}
    try:
        body = PanelScoreIn.model_validate(fields)
    except ValidationError as exc:
        if any(error["loc"][:1] == ("score",) for error in exc.errors()):
            raise InvalidInput("A score is a whole number from 0 to 100.") from None
        raise InvalidInput("The name takes at most 128 characters, the comment 2,000.") from None
    return ScoreInput(**body.model_dump())


def _award_time(form: Any) -> dt.datetime:
    try:
        return utc(AwardIn.model_validate({"as_of": str(form.get("as_of", "")).strip()}).as_of)
    except ValidationError:
        raise InvalidInput("Give the award's time with a UTC offset, e.g. 2026-12-10T10:00:00+08:00 "
                           "(from 1970 to 2999).") from None


@router.post("/{round_id}/score")
async def score_form(round_id: Id, request: Request, reviewer: PageReviewer) -> Response:
    form = await request.form()
    try:
        await enter_score(round_id, reviewer.judge, _score(form), utc(None))
    except WorkflowError as exc:
        return await _round_page(round_id, reviewer, exc.message, exc.status, _typed(form))
    return RedirectResponse(f"/review/badges/{round_id}", status_code=303)


@router.post("/{round_id}/award")
async def award_form(round_id: Id, request: Request, reviewer: PageReviewer, evaluator: ActiveEvaluator) -> Response:
    form = await request.form()
    try:
        await award_badge(evaluator, round_id, _award_time(form), reviewer.key_id)
    except WorkflowError as exc:
        return await _round_page(round_id, reviewer, exc.message, exc.status, _typed(form))
    return RedirectResponse(f"/review/badges/{round_id}", status_code=303)
