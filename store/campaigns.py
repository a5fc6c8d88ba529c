"""Campaign budgets, shared shopping lists and the rewards reserved against them.

A campaign's pool is three counters: `budget_fen` (the cap the terms in force set), `reserved_fen`
(rewards of paid orders not yet confirmed) and `committed_fen` (rewards of confirmed orders). Every
change is one conditional UPDATE, so `reserved_fen + committed_fen <= budget_fen` holds whatever the
number of concurrent transactions or processes: the database re-checks the condition on the row it
locks. Each sharer's own total is kept the same way, against the per-user limit.

Reward states: reserved (at payment) -> committed (receipt confirmed); either -> released (refunded or
closed); refused rewards are kept too, with their reason, so every attributed order has one row.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F
from tortoise.models import Model

REWARD_STATES = ("reserved", "committed", "released", "refused")


class Campaign(Model):
    campaign_id = fields.CharField(max_length=64, primary_key=True)
    budget_fen = fields.BigIntField()
    reserved_fen = fields.BigIntField(default=0)
    committed_fen = fields.BigIntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "campaigns"

    @property
    def remaining_fen(self) -> int:
        return max(0, int(self.budget_fen) - int(self.reserved_fen) - int(self.committed_fen))


class CampaignSharer(Model):
    """One consumer's rewards in one campaign, reserved and committed, for the per-user limit."""

    id = fields.BigIntField(primary_key=True)
    campaign_id = fields.CharField(max_length=64)
    consumer_id = fields.CharField(max_length=64)
    reserved_fen = fields.BigIntField(default=0)
    committed_fen = fields.BigIntField(default=0)

    class Meta:
        table = "campaign_sharers"
        unique_together = (("campaign_id", "consumer_id"),)


class ShareList(Model):
    share_list_id = fields.CharField(max_length=160, primary_key=True)  # "<the channel's id>@<channel>"
    campaign_id = fields.CharField(max_length=64)
    consumer_id = fields.CharField(max_length=64, db_index=True)
    seller_id = fields.CharField(max_length=64)
    skus: list[str] = fields.JSONField()
    body_hash = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "share_lists"


class CampaignReward(Model):
    """The reward of one attributed order."""

    order_id = fields.CharField(max_length=160, primary_key=True)
    campaign_id = fields.CharField(max_length=64, db_index=True)
    share_list_id = fields.CharField(max_length=160, db_index=True)
    sharer_id = fields.CharField(max_length=64)
    state = fields.CharField(max_length=16)  # reserved, committed, released, refused
    amount_fen = fields.BigIntField(default=0)  # what the order earns now (0 when released or refused)
    requested_fen = fields.BigIntField(default=0)  # what the rules gave before the pool and limits
    code = fields.CharField(max_length=48, null=True)  # why it earns nothing or less than requested
    rule_id = fields.CharField(max_length=80, null=True)  # the rule behind `code`
    reason = fields.TextField(default="")
    rule_ids: list[str] = fields.JSONField(default=list)
    decision_ids: list[str] = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "campaign_rewards"


async def reserve_in_pool(campaign_id: str, amount_fen: int, budget_fen: int, conn: BaseDBAsyncClient) -> bool:
    """Reserve `amount_fen` only if the pool, capped at `budget_fen` (the terms in force), still has that much
    room; atomic, True when reserved. The row keeps the cap it was last reserved under."""
    updated = await Campaign.filter(
        campaign_id=campaign_id,
        reserved_fen__lte=budget_fen - amount_fen - F("committed_fen"),
    ).using_db(conn).update(reserved_fen=F("reserved_fen") + amount_fen, budget_fen=budget_fen)
    return bool(updated)


async def reserve_for_sharer(campaign_id: str, consumer_id: str, amount_fen: int, limit_fen: int,
                             conn: BaseDBAsyncClient) -> bool:
    """Count `amount_fen` towards the sharer's total only if it stays within `limit_fen`; atomic."""
    updated = await CampaignSharer.filter(
        campaign_id=campaign_id, consumer_id=consumer_id,
        reserved_fen__lte=limit_fen - amount_fen - F("committed_fen"),
    ).using_db(conn).update(reserved_fen=F("reserved_fen") + amount_fen)
    return bool(updated)


async def unreserve_for_sharer(campaign_id: str, consumer_id: str, amount_fen: int, conn: BaseDBAsyncClient
                               ) -> None:
    """Give back part of a sharer's reservation the pool could not match."""
    await CampaignSharer.filter(campaign_id=campaign_id, consumer_id=consumer_id).using_db(conn).update(
        reserved_fen=F("reserved_fen") - amount_fen)


async def move_reserved(campaign_id: str, consumer_id: str, amount_fen: int, *, commit: bool,
                        conn: BaseDBAsyncClient) -> None:
    """Take `amount_fen` out of reserved: into committed (commit) or back to the pool (release)."""
    pool = {"reserved_fen": F("reserved_fen") - amount_fen}
    if commit:
        pool["committed_fen"] = F("committed_fen") + amount_fen
    await Campaign.filter(campaign_id=campaign_id).using_db(conn).update(**pool)
    await CampaignSharer.filter(campaign_id=campaign_id, consumer_id=consumer_id).using_db(conn).update(**pool)


async def release_committed(campaign_id: str, consumer_id: str, amount_fen: int, conn: BaseDBAsyncClient) -> None:
    """A refund after receipt confirmation gives committed money back to the pool."""
    change = {"committed_fen": F("committed_fen") - amount_fen}
    await Campaign.filter(campaign_id=campaign_id).using_db(conn).update(**change)
    await CampaignSharer.filter(campaign_id=campaign_id, consumer_id=consumer_id).using_db(conn).update(**change)
