"""Share-to-earn: consumers' shared lists (through the storefront) and the campaign's pool."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Response

from api.campaigns.responses import CampaignOut, ShareListOut
from api.campaigns.schemas import ShareListPost
from api.common.auth import Principal, require_role
from api.common.policy import ActiveEvaluator
from api.common.routing import api_router
from api.common.schemas import Id, UtcDatetime, utc
from workflows.campaigns.access import share_list_key
from workflows.campaigns.share_lists import ShareListInput, campaign_view, create_share_list, share_list_view
from workflows.common.errors import NotFound
from workflows.sellers.access import reachable_seller

share_lists = api_router(prefix="/v1/share-lists", tags=["campaigns"])
Storefront = Annotated[Principal, require_role("storefront")]
campaigns = api_router(prefix="/v1/campaigns", tags=["campaigns"],
                      dependencies=[require_role("storefront", "reviewer", "policy_admin")])


@share_lists.post("", response_model=ShareListOut, status_code=201)
async def share_a_list(body: ShareListPost, response: Response, evaluator: ActiveEvaluator,
                       principal: Storefront) -> dict[str, Any]:
    """A consumer shares a store's goods; orders that name the list earn the consumer a reward."""
    await reachable_seller(principal.caller, body.seller_id)
    share = ShareListInput(consumer_id=body.consumer_id, seller_id=body.seller_id, skus=body.skus)
    key = await share_list_key(principal.caller, body.share_list_id)  # the id is the channel's own
    created, view = await create_share_list(evaluator, key, share, body.model_dump(mode="json"), utc(None))
    response.status_code = 201 if created else 200
    return view


@share_lists.get("/{share_list_id}", response_model=ShareListOut)
async def read_share_list(share_list_id: Id, principal: Storefront) -> dict[str, Any]:
    try:
        view = await share_list_view(await share_list_key(principal.caller, share_list_id))
        await reachable_seller(principal.caller, view["seller_id"])
    except NotFound:
        raise NotFound(f"no share list {share_list_id!r}", code="share_list_not_found") from None
    return view


@campaigns.get("/{campaign_id}", response_model=CampaignOut)
async def read_campaign(campaign_id: Id, evaluator: ActiveEvaluator, as_of: UtcDatetime | None = None
                        ) -> dict[str, Any]:
    """The pool in yuan: budget, reserved (paid orders), committed (confirmed orders), remaining; and the
    campaign's terms in force at `as_of` (default now)."""
    return await campaign_view(evaluator, campaign_id, utc(as_of))
