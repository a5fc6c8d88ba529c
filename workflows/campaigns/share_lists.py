"""Shared shopping lists, and the campaign they earn in: a consumer shares a store's goods; friends who
buy them through the list earn the consumer a reward from the campaign's pool."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.functions import Count
from tortoise.transactions import in_transaction

from engine import Decision, PolicyEvaluator
from engine.fields import format_yuan, iso_utc
from store import clock
from store.campaigns import (
    REWARD_STATES,
    Campaign,
    CampaignReward,
    CampaignSharer,
    PoolTotals,
    ShareList,
    pool_totals,
    set_cap,
)
from store.sellers import Seller
from workflows.common.errors import InvalidInput, NotFound
from workflows.common.idempotency import apply_once, body_hash
from workflows.common.scoped_ids import owner_of, public_id, scoped_id


@dataclass(frozen=True)
class ShareListInput:
    consumer_id: str
    seller_id: str
    skus: list[str]


def campaign_terms(evaluator: PolicyEvaluator, as_of: dt.datetime) -> Decision:
    """The terms of the campaign in force at `as_of` (the version in force then decides)."""
    return evaluator.evaluate("campaign_terms", {}, as_of=as_of)


async def open_campaign(terms: Decision, conn: BaseDBAsyncClient | None = None) -> str:
    """The campaign's pool row exists and carries the cap of `terms`; returns the campaign id."""
    campaign_id, budget_fen = str(terms.outputs["campaign"]), int(terms.outputs["budget_cap"])
    if not await Campaign.exists(campaign_id=campaign_id, using_db=conn):
        try:
            async with in_transaction() as own:
                await Campaign.create(campaign_id=campaign_id, budget_fen=budget_fen, using_db=own)
        except IntegrityError:
            pass  # another request opened it first
    if await Campaign.filter(campaign_id=campaign_id).exclude(budget_fen=budget_fen).using_db(conn).exists():
        if conn is None:
            async with in_transaction() as own:
                await set_cap(campaign_id, budget_fen, own)
        else:
            await set_cap(campaign_id, budget_fen, conn)
    return campaign_id


async def _open_sharer(campaign_id: str, consumer_id: str) -> None:
    if await CampaignSharer.exists(campaign_id=campaign_id, consumer_id=consumer_id):
        return
    try:
        async with in_transaction() as conn:
            await CampaignSharer.create(campaign_id=campaign_id, consumer_id=consumer_id, using_db=conn)
    except IntegrityError:
        pass


def sharer_key(share_list_key: str, consumer_id: str) -> str:
    """The sharer's key: a consumer id is its channel's own, like the list's (another channel's consumer "C-1" is
    another person, with an allowance of its own); a list stored before ids were scoped keeps the bare id."""
    channel = owner_of(share_list_key)
    return scoped_id(channel, consumer_id) if channel else consumer_id


async def create_share_list(evaluator: PolicyEvaluator, share_list_id: str, share: ShareListInput, body: Any,
                            as_of: dt.datetime) -> tuple[bool, dict[str, Any]]:
    """Record a shared list once (a replay returns it, another body under the id is a 409)."""
    if len(set(share.skus)) != len(share.skus):
        raise InvalidInput("each sku appears once per list", code="duplicate_sku",
                           errors=[{"field": "skus", "message": "duplicate sku"}])
    digest = body_hash(body)
    existing = await ShareList.get_or_none(share_list_id=share_list_id)
    if existing is None:
        if not await Seller.exists(seller_id=share.seller_id):
            raise NotFound(f"no seller {share.seller_id!r}", code="seller_not_found")
        campaign_id = await open_campaign(campaign_terms(evaluator, as_of))
        await _open_sharer(campaign_id, sharer_key(share_list_id, share.consumer_id))
    else:
        campaign_id = existing.campaign_id

    async def create(conn: BaseDBAsyncClient) -> None:
        await ShareList.create(share_list_id=share_list_id, campaign_id=campaign_id,
                               consumer_id=sharer_key(share_list_id, share.consumer_id),
                               seller_id=share.seller_id, skus=share.skus, body_hash=digest,
                               created_at=clock.now(), using_db=conn)

    created = await apply_once("share_list", share_list_id, digest,
                               lambda: ShareList.get_or_none(share_list_id=share_list_id), create)
    return created, await share_list_view(share_list_id)


async def share_list_view(share_list_id: str) -> dict[str, Any]:
    share = await ShareList.get_or_none(share_list_id=share_list_id)
    if share is None:
        raise NotFound(f"no share list {share_list_id!r}", code="share_list_not_found")
    rewards = CampaignReward.filter(share_list_id=share_list_id)
    by_state = {state: 0 for state in ("reserved", "committed")}
    for state, amount in await rewards.filter(state__in=tuple(by_state)).values_list("state", "amount_fen"):
        by_state[str(state)] += int(amount)
    return {"share_list_id": public_id(share.share_list_id), "campaign_id": share.campaign_id,
            "consumer_id": public_id(share.consumer_id), "seller_id": share.seller_id, "skus": share.skus,
            "created_at": iso_utc(share.created_at),
            "orders": await rewards.count(),
            # reserved at payment, committed at receipt confirmation: only committed money is the sharer's
            "earned": format_yuan(by_state["reserved"] + by_state["committed"]),
            "reserved": format_yuan(by_state["reserved"]), "committed": format_yuan(by_state["committed"])}


async def campaign_view(evaluator: PolicyEvaluator, campaign_id: str, as_of: dt.datetime) -> dict[str, Any]:
    """The pool: budget, reserved, committed and remaining, how many orders are in each state, and the terms
    in force at `as_of` when they are this campaign's."""
    terms = campaign_terms(evaluator, as_of)
    pool = await pool_totals(campaign_id)  # the central row and its slices, summed
    if pool is None:
        if terms.outputs["campaign"] != campaign_id:
            raise NotFound(f"no campaign {campaign_id!r}", code="campaign_not_found")
        # the campaign of the terms in force, before its first attributed order: the pool untouched
        pool = PoolTotals(budget_fen=int(terms.outputs["budget_cap"]), reserved_fen=0, committed_fen=0)
    counts = dict.fromkeys(REWARD_STATES, 0)
    rows = await CampaignReward.filter(campaign_id=campaign_id).annotate(n=Count("order_id")).group_by(
        "state").values("state", "n")
    counts.update({str(row["state"]): int(row["n"]) for row in rows})
    in_force = None
    if terms.outputs["campaign"] == campaign_id:
        data = terms.to_dict()
        in_force = {**{k: data["outputs"][k] for k in ("window_start", "window_end", "budget_cap", "earners",
                                                      "when_short", "payout")},
                    "policy_version": terms.version, "rules": terms.fired_ids}
    return {"campaign_id": campaign_id, "budget": format_yuan(pool.budget_fen),
            "reserved": format_yuan(pool.reserved_fen), "committed": format_yuan(pool.committed_fen),
            "remaining": format_yuan(pool.remaining_fen), "orders": counts, "as_of": iso_utc(as_of),
            "terms": in_force}
