"""Reserving an attributed order's reward, step by step in the order's transaction: within the sharer's limit,
then in the campaign's pool, whole or (when the terms say so) partially, and why it is less when it is.

Every reservation is one conditional UPDATE (store/campaigns.py), so neither a sharer's limit nor the pool is
passed however many orders arrive at once; a partial reservation asks for the room left and retries while others
take from the same pool. `Outcome` carries what the order earns and, when less, the code, rule and words why."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import Decision
from engine.fields import format_yuan
from store.campaigns import (
    CampaignSharer,
    Reserved,
    ShareList,
    pool_room,
    reserve_for_sharer,
    reserve_for_sharer_and_pool,
    reserve_in_pool,
    unreserve_for_sharer,
)

RESERVE_ATTEMPTS = 5  # a partial reservation retries while others take from the same pool

@dataclass
class Outcome:
    """What the order earns, with every decision behind it and, when it earns less or nothing, why."""

    decisions: list[Decision] = field(default_factory=list)
    requested_fen: int = 0
    code: str | None = None
    rule_id: str | None = None
    reason: str = ""

    def limit(self, code: str, rule_id: str | None, reason: str) -> None:
        self.code, self.rule_id, self.reason = code, rule_id, reason



def first_rule(decision: Decision) -> str | None:
    return decision.fired_ids[0] if decision.fired_ids else None



async def _reserve(try_reserve: Callable[[int], Awaitable[bool]], room: Callable[[], Awaitable[int]],
                   wanted_fen: int, partial: bool, first: bool | None = None) -> int:
    """Reserve `wanted_fen`, or (partial) whatever room is left; 0 when nothing could be reserved. `first`: the
    reservation of `wanted_fen` was tried already, and taken or not."""
    taken = first if first is not None else await try_reserve(wanted_fen)
    if taken:
        return wanted_fen
    for _ in range(RESERVE_ATTEMPTS if partial else 0):
        left = min(wanted_fen, await room())
        if left <= 0:
            return 0
        if await try_reserve(left):
            return left
    return 0



def per_user_words(allowance: Decision) -> str:
    return f"a sharer earns at most RMB {format_yuan(int(allowance.outputs['per_user_limit']))} in the campaign"


async def _reserve_for_sharer(allowance: Decision, campaign_id: str, sharer_id: str, amount_fen: int, partial: bool,
                              conn: BaseDBAsyncClient, outcome: Outcome, first: bool | None = None) -> int:
    limit_fen = int(allowance.outputs["per_user_limit"])

    async def room() -> int:
        row = await CampaignSharer.get(campaign_id=campaign_id, consumer_id=sharer_id, using_db=conn)
        return limit_fen - int(row.reserved_fen) - int(row.committed_fen)

    reserved = await _reserve(lambda x: reserve_for_sharer(campaign_id, sharer_id, x, limit_fen, conn), room,
                              amount_fen, partial, first)
    if reserved < amount_fen:
        outcome.limit("per_user_limit_reached" if reserved == 0 else "per_user_limit_short", first_rule(allowance),
                      per_user_words(allowance))
    return reserved


async def _reserve_in_pool(terms: Decision, campaign_id: str, amount_fen: int, partial: bool,
                           conn: BaseDBAsyncClient, outcome: Outcome, tried: bool = False,
                           first: Reserved | None = None) -> tuple[int, int | None]:
    """What the pool reserved, and the slice it came from (None: the central row). `tried`: `amount_fen` was
    asked of the pool already, `first` where it was reserved (None: it was not)."""
    budget_fen = int(terms.outputs["budget_cap"])
    taken: list[Reserved] = [first] if first is not None else []

    async def try_reserve(amount: int) -> bool:
        reserved = await reserve_in_pool(campaign_id, amount, budget_fen, conn)
        taken.extend([reserved] if reserved is not None else [])
        return reserved is not None

    reserved = await _reserve(try_reserve, lambda: pool_room(campaign_id, budget_fen, conn), amount_fen, partial,
                              (first is not None) if tried else None)
    if reserved < amount_fen:
        budget = format_yuan(int(terms.outputs["budget_cap"]))
        if reserved == 0:
            outcome.limit("budget_exhausted", first_rule(terms), f"the campaign's RMB {budget} budget is spent")
        else:
            outcome.limit("budget_short", first_rule(terms),
                          f"the campaign's RMB {budget} budget had only RMB {format_yuan(reserved)} left")
    return reserved, taken[0].slice_no if taken else None


async def reserve_reward(terms: Decision, allowance: Decision, share: ShareList, wanted_fen: int,
                                      partial: bool, conn: BaseDBAsyncClient, outcome: Outcome
                                      ) -> tuple[int, int | None]:
    """Reserve `wanted_fen` within the sharer's limit, then in the pool: what was reserved and the slice it came
    from. The whole of it is asked of both at once (one call on PostgreSQL); the sharer's room and the pool's are
    asked again only when one of them is short (partially when the terms say so)."""
    if wanted_fen <= 0:
        return 0, None
    limit_fen, budget_fen = int(allowance.outputs["per_user_limit"]), int(terms.outputs["budget_cap"])
    sharer_took, pool = await reserve_for_sharer_and_pool(share.campaign_id, share.consumer_id, wanted_fen, limit_fen,
                                                          budget_fen, conn)
    for_sharer = await _reserve_for_sharer(allowance, share.campaign_id, share.consumer_id, wanted_fen, partial, conn,
                                           outcome, first=sharer_took)
    if for_sharer <= 0:
        return 0, None
    amount_fen, slice_no = await _reserve_in_pool(terms, share.campaign_id, for_sharer, partial, conn, outcome,
                                                  tried=sharer_took, first=pool)
    if amount_fen < for_sharer:  # the pool paid less: the sharer's total keeps only what was reserved
        await unreserve_for_sharer(share.campaign_id, share.consumer_id, for_sharer - amount_fen, conn)
    return amount_fen, slice_no
