"""Maker badges: judging rounds and panel scores (reviewer), awards decided by the rules (reviewer,
policy_admin), a merchant's explained badge and the Good Find feed."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Response
from pydantic import Field, StringConstraints

from api.badges.responses import AwardOut, BadgeRoundOut, GoodFindOut, MerchantBadgeOut
from api.common.auth import Principal, require_role
from api.common.policy import ActiveEvaluator
from api.common.routing import api_router
from api.common.schemas import Id, Strict, UtcDatetime, utc
from store.api_keys import Role
from workflows.badges.rounds import ScoreInput, award_badge, enter_score, open_round, round_view
from workflows.badges.views import good_find_page, merchant_badge_view
from workflows.sellers.access import reachable_seller

router = api_router(tags=["maker badges"])
Reviewer = Annotated[Principal, require_role("reviewer")]
Awarder = Annotated[Principal, require_role("reviewer", "policy_admin")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


class BadgeRoundIn(Strict):
    round_id: Id = Field(description="the caller's own id for the round; a replay changes nothing")
    merchant_id: Id = Field(description="the store (seller id) being judged")
    opened_at: UtcDatetime | None = Field(default=None, description="default: now")


class PanelScoreIn(Strict):
    score: int = Field(ge=0, le=100, description="the judge's overall score, 0-100")
    judge_name: Annotated[str, StringConstraints(min_length=1, max_length=128)] | None = None
    comment: Text | None = None


class AwardIn(Strict):
    as_of: UtcDatetime = Field(description="when the badge is decided and its validity starts (with an offset)")


@router.post("/v1/badge-rounds", response_model=BadgeRoundOut, status_code=201)
async def open_badge_round(body: BadgeRoundIn, response: Response, principal: Reviewer) -> dict[str, Any]:
    created, view = await open_round(body.model_dump(mode="json"), utc(body.opened_at), principal.key_id)
    response.status_code = 201 if created else 200
    return view


@router.get("/v1/badge-rounds/{round_id}", response_model=BadgeRoundOut,
            dependencies=[require_role("reviewer", "policy_admin")])
async def read_badge_round(round_id: Id) -> dict[str, Any]:
    return await round_view(round_id)


@router.put("/v1/badge-rounds/{round_id}/scores", response_model=BadgeRoundOut, status_code=201)
async def put_panel_score(round_id: Id, body: PanelScoreIn, response: Response, principal: Reviewer
                          ) -> dict[str, Any]:
    """The calling judge's score: one per judge per round; the same score again is 200, another 409."""
    created, view = await enter_score(round_id, principal.judge, ScoreInput(**body.model_dump()), utc(None))
    response.status_code = 201 if created else 200
    return view


@router.post("/v1/badge-rounds/{round_id}/award", response_model=AwardOut, status_code=201)
async def award(round_id: Id, body: AwardIn, response: Response, evaluator: ActiveEvaluator,
                principal: Awarder) -> dict[str, Any]:
    """The rules in force at `as_of` decide the badge from the round's scores and the merchant's disputes."""
    created, view = await award_badge(evaluator, round_id, body.as_of, principal.key_id)
    response.status_code = 201 if created else 200
    return view


@router.get("/v1/merchants/{merchant_id}/badge", response_model=MerchantBadgeOut)
async def merchant_badge(merchant_id: Id, principal: Annotated[Principal, require_role(
        "storefront", "reviewer", "policy_admin")], as_of: UtcDatetime | None = None) -> dict[str, Any]:
    """The badge at `as_of` (default now) with its award explained rule by rule: the store's own channel and the
    platform read it (its evidence counts the store's orders and disputes); another channel's store is not found."""
    if principal.role == Role.STOREFRONT:
        await reachable_seller(principal.caller, merchant_id)
    return await merchant_badge_view(merchant_id, utc(as_of))


@router.get("/v1/good-find", response_model=GoodFindOut,
            dependencies=[require_role("storefront", "supplier", "reviewer", "policy_admin")])
async def good_find(as_of: UtcDatetime | None = None, limit: int = Query(default=100, ge=1, le=500),
                    after: str | None = Query(default=None, max_length=64,
                                                description="cursor: the `next` of the previous page")
                    ) -> dict[str, Any]:
    """Merchants with a badge in force at `as_of` (default now), flagged for the Good Find feed."""
    return await good_find_page(utc(as_of), after, limit)
