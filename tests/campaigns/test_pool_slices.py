"""The sliced pool in the store, on SQLite and PostgreSQL: random sequences of reservations, confirmations,
releases and cap changes keep the totals exact and never pass the cap in force; a pool nearly spent pays out
to the cap exactly, whatever the slices held; concurrent transactions (PostgreSQL) change nothing of that."""

from __future__ import annotations

import asyncio
import contextvars
import itertools
import random
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tortoise.context import TortoiseContext
from tortoise.transactions import in_transaction

from store.campaigns import (
    SLICES,
    Campaign,
    CampaignPoolSlice,
    Reserved,
    move_reserved,
    pool_room,
    pool_totals,
    release_committed,
    reserve_in_pool,
    set_cap,
)

CAMPAIGNS = itertools.count()


@dataclass
class Held:
    amount_fen: int
    slice_no: int | None
    committed: bool = False


@dataclass
class Pool:
    """What the pool should hold, reward by reward."""

    campaign_id: str
    held: list[Held] = field(default_factory=list)

    def total(self, committed: bool) -> int:
        return sum(h.amount_fen for h in self.held if h.committed == committed)


async def new_pool(cap_fen: int) -> Pool:
    campaign_id = f"P-{next(CAMPAIGNS)}-{random.randrange(10**9)}"
    await Campaign.create(campaign_id=campaign_id, budget_fen=cap_fen)
    return Pool(campaign_id)


async def reserve(pool: Pool, amount_fen: int, cap_fen: int, partial: bool, *, alone: bool = True) -> int:
    """As rewards.py does: the whole amount, or (partial) what room is left. When the transaction ran `alone`,
    the cap it reserved under is checked afterwards (others may have reserved since under a higher one)."""
    return amount(await reserved(pool, amount_fen, cap_fen, partial, alone=alone))


def amount(held: Held | None) -> int:
    return held.amount_fen if held is not None else 0


async def reserved(pool: Pool, amount_fen: int, cap_fen: int, partial: bool, *, alone: bool = True) -> Held | None:
    async with in_transaction() as conn:
        got: Reserved | None = await reserve_in_pool(pool.campaign_id, amount_fen, cap_fen, conn)
        amount = amount_fen
        if got is None and partial:
            amount = min(amount_fen, await pool_room(pool.campaign_id, cap_fen, conn))
            got = await reserve_in_pool(pool.campaign_id, amount, cap_fen, conn) if amount > 0 else None
        if got is None:
            return None
        held = Held(amount, got.slice_no)
        pool.held.append(held)
    if alone:
        totals = await pool_totals(pool.campaign_id)
        assert totals is not None and totals.reserved_fen + totals.committed_fen <= cap_fen
    return held


async def commit(pool: Pool, held: Held) -> None:
    async with in_transaction() as conn:
        await move_reserved(pool.campaign_id, "C-1", held.amount_fen, held.slice_no, commit=True, conn=conn)
    held.committed = True


async def release(pool: Pool, held: Held, amount_fen: int) -> None:
    async with in_transaction() as conn:
        if held.committed:
            await release_committed(pool.campaign_id, "C-1", amount_fen, held.slice_no, conn)
        else:
            await move_reserved(pool.campaign_id, "C-1", amount_fen, held.slice_no, commit=False, conn=conn)
    held.amount_fen -= amount_fen
    if held.amount_fen == 0:
        pool.held.remove(held)


async def check_rows(pool: Pool) -> None:
    """The view's totals are the rewards'; every fen is in one place; no row is negative."""
    totals = await pool_totals(pool.campaign_id)
    assert totals is not None
    assert (totals.reserved_fen, totals.committed_fen) == (pool.total(False), pool.total(True))
    central = await Campaign.get(campaign_id=pool.campaign_id)
    slices = await CampaignPoolSlice.filter(campaign_id=pool.campaign_id)
    assert len(slices) in (0, SLICES)
    assert int(central.sliced_fen) == sum(int(s.room_fen) + int(s.reserved_fen) + int(s.committed_fen)
                                          for s in slices)
    assert min([int(central.reserved_fen), int(central.committed_fen), int(central.sliced_fen)]
               + [min(int(s.room_fen), int(s.reserved_fen), int(s.committed_fen)) for s in slices]) >= 0
    for s in slices:  # room is only ever room under the central row's cap
        assert s.room_fen == 0 or s.budget_fen == central.budget_fen
    by_slice: dict[int | None, tuple[int, int]] = {}
    for h in pool.held:
        r, c = by_slice.get(h.slice_no, (0, 0))
        by_slice[h.slice_no] = (r + (0 if h.committed else h.amount_fen), c + (h.amount_fen if h.committed else 0))
    assert by_slice.get(None, (0, 0)) == (int(central.reserved_fen), int(central.committed_fen))
    for s in slices:
        assert by_slice.get(int(s.slice_no), (0, 0)) == (int(s.reserved_fen), int(s.committed_fen))


async def drain(pool: Pool, cap_fen: int) -> None:
    """Orders keep coming, each wanting more than is left: the pool pays out to the cap exactly (or nothing more
    when orders under a higher cap already hold more)."""
    before = await pool_totals(pool.campaign_id)
    assert before is not None
    for _ in range(4 * SLICES + 10):
        if not await reserve(pool, 997, cap_fen, partial=True):
            break
    totals = await pool_totals(pool.campaign_id)
    assert totals is not None
    assert totals.reserved_fen + totals.committed_fen == max(cap_fen, before.reserved_fen + before.committed_fen)
    assert await reserve(pool, 1, cap_fen, partial=True) == 0


operations = st.lists(st.one_of(
    st.tuples(st.just("reserve"), st.integers(1, 3_000), st.sampled_from([0, 0, 0, 1]), st.booleans()),
    st.tuples(st.just("commit"), st.integers(0, 10**6)),
    st.tuples(st.just("release"), st.integers(0, 10**6), st.integers(1, 3_000)),
    st.tuples(st.just("cap"), st.sampled_from([0, 1])),
), max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations, caps=st.tuples(st.integers(0, 40_000), st.integers(0, 40_000)))
async def test_random_sequences_keep_the_totals_exact_and_the_cap(db: TortoiseContext, ops: list[tuple[object, ...]],
                                                                   caps: tuple[int, int]) -> None:
    """Orders under either of two caps (the terms in force at their payment), the central row's cap moved
    between them as a new version would (`set_cap`), confirmations and partial or whole releases."""
    pool = await new_pool(caps[0])
    for op in ops:
        match op:
            case ("reserve", int(amount), int(which), bool(partial)):
                await reserve(pool, amount, caps[which], partial)
            case ("commit", int(n)) if pool.held:
                held = pool.held[n % len(pool.held)]
                if not held.committed:
                    await commit(pool, held)
            case ("release", int(n), int(amount)) if pool.held:
                held = pool.held[n % len(pool.held)]
                await release(pool, held, min(amount, held.amount_fen))
            case ("cap", int(which)):
                async with in_transaction() as conn:
                    await set_cap(pool.campaign_id, caps[which], conn)
        await check_rows(pool)
    await drain(pool, caps[0])
    await check_rows(pool)


async def test_a_nearly_spent_pool_pays_out_to_the_cap_from_every_slice(db: TortoiseContext) -> None:
    """Room carved into many slices is taken back when the central row runs short: the last orders get it all,
    the last one partially, to the fen."""
    cap = 64 * 1_000 + 37
    pool = await new_pool(cap)
    for _ in range(40):  # small orders spread over slices; their chunks leave room in many of them
        assert await reserve(pool, 13, cap, partial=False) == 13
    slices = await CampaignPoolSlice.filter(campaign_id=pool.campaign_id, reserved_fen__gt=0).count()
    assert slices >= 1
    await check_rows(pool)
    await drain(pool, cap)
    await check_rows(pool)
    assert sum(int(s.room_fen) for s in await CampaignPoolSlice.filter(campaign_id=pool.campaign_id)) == 0


async def test_an_order_reserves_from_a_slice_without_touching_the_central_row(db: TortoiseContext) -> None:
    pool = await new_pool(100_000)
    first = await reserved(pool, 500, 100_000, partial=False)
    carved = await Campaign.get(campaign_id=pool.campaign_id)
    # the first order carves a chunk into every slice at once (1/64 of the room each: half the room in all)
    assert first is not None and first.slice_no is not None and carved.sliced_fen == SLICES * (100_000 // 64)
    second = await reserved(pool, 300, 100_000, partial=False)
    assert second is not None and second.slice_no is not None
    after = await Campaign.get(campaign_id=pool.campaign_id)
    assert (after.sliced_fen, after.reserved_fen) == (carved.sliced_fen, 0)
    await check_rows(pool)


async def test_a_lower_cap_takes_the_room_back_and_refuses_what_passes_it(db: TortoiseContext) -> None:
    pool = await new_pool(100_000)
    assert await reserve(pool, 500, 100_000, partial=False) == 500
    assert await CampaignPoolSlice.filter(campaign_id=pool.campaign_id, room_fen__gt=0).exists()
    async with in_transaction() as conn:
        await set_cap(pool.campaign_id, 600, conn)
    assert not await CampaignPoolSlice.filter(campaign_id=pool.campaign_id, room_fen__gt=0).exists()
    assert await reserve(pool, 200, 600, partial=False) == 0
    assert await reserve(pool, 200, 600, partial=True) == 100
    assert await reserve(pool, 1, 100_000, partial=False) == 1  # an order paid under the old terms
    await check_rows(pool)


@pytest.mark.postgres
async def test_concurrent_transactions_never_pass_the_cap(db: TortoiseContext, database_url: str) -> None:
    """Many transactions at once (a pool of connections): reservations under two caps, confirmations,
    releases and cap changes interleaved; the cap in force is never passed and the rows add up."""
    if not database_url.startswith("postgres"):
        pytest.skip("concurrent writers need PostgreSQL")
    caps = (30_000, 20_000)
    pool = await new_pool(caps[0])
    rng = random.Random(1212)

    async def one(n: int) -> None:
        which = 1 if n % 17 == 0 else 0
        held = await reserved(pool, rng.randrange(1, 1_500), caps[which], partial=n % 2 == 0, alone=False)
        if held is not None and n % 3 == 0:
            await (commit(pool, held) if n % 2 else release(pool, held, held.amount_fen))
        if n % 29 == 0:
            async with in_transaction() as conn:
                await set_cap(pool.campaign_id, caps[n % 2], conn)

    for _ in range(3):
        await asyncio.gather(*(one(n) for n in range(60)))
        await check_rows(pool)
        totals = await pool_totals(pool.campaign_id)
        assert totals is not None and totals.reserved_fen + totals.committed_fen <= max(caps)
    async with in_transaction() as conn:
        await set_cap(pool.campaign_id, caps[0], conn)
    await asyncio.gather(*(reserve(pool, 997, caps[0], partial=True, alone=False) for _ in range(80)))
    await drain(pool, caps[0])
    await check_rows(pool)


@pytest.mark.postgres
async def test_an_order_never_waits_for_a_slice_another_transaction_holds(db: TortoiseContext,
                                                                          database_url: str) -> None:
    """While one order's transaction holds its slice, the next takes another: no queue on one row."""
    if not database_url.startswith("postgres"):
        pytest.skip("row locks need PostgreSQL")
    pool = await new_pool(1_000_000)
    assert await reserve(pool, 100, 1_000_000, partial=False) == 100  # room carved into a first slice
    outside = contextvars.copy_context()  # a transaction opened in there is not nested in the one below
    async with in_transaction() as first:
        held = await reserve_in_pool(pool.campaign_id, 100, 1_000_000, first)  # that slice, held till commit
        assert held is not None and held.slice_no is not None

        async def second() -> Reserved | None:
            async with in_transaction() as conn:
                return await reserve_in_pool(pool.campaign_id, 100, 1_000_000, conn)

        other = await asyncio.wait_for(asyncio.create_task(second(), context=outside), timeout=5)
        assert other is not None and other.slice_no not in (None, held.slice_no)
