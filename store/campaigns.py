"""Campaign budgets, shared shopping lists and the rewards reserved against them.

A campaign's pool is the central row (`campaigns`: `budget_fen`, the cap it was last reserved under, and the
money reserved and committed through it) and SLICES rows of `campaign_pool_slices` carved from it, so that
attributed orders do not all queue on one row. Every fen of the cap is in exactly one place:

    central.reserved + central.committed + central.sliced_fen <= budget_fen  (checked whenever it grows)
    central.sliced_fen = sum over the slices of (room + reserved + committed)

- An order reserves from any slice nobody else holds (`FOR UPDATE SKIP LOCKED`) whose `room_fen` covers it
  and which was carved under the cap in force for the order: one UPDATE on that slice, the central row untouched.
- When no slice can, the central row is locked: a chunk of its free room is carved into a free slice (the
  order's reward taken from it at once; other free slices short of a chunk are topped up alongside), or,
  when the central room is short or the cap in force differs, every slice's unreserved room is taken back
  into the central row (the slices locked in slice_no order) and the order reserves on the central row as
  before, partially when the terms say so: a near-empty pool pays out to the cap exactly, whatever the slices
  held.
- A slice's room is carved under the central row's cap; changing that cap (`set_cap`, or a reservation under
  other terms) takes every slice's room back in the same transaction, so room in a slice is always room
  under the central row's cap and reserved + committed never passes the cap in force at reservation.
- Rewards remember their slice (`CampaignReward.slice_no`, NULL for the central row): confirmation moves
  reserved to committed within that row; a release gives the money back to the central row's free room.
- Locks are taken in one order: the sharer's row, the central row, then slices in slice_no order (the
  fast path never waits for a slice and, on PostgreSQL, is one call of a function whose subtransaction lets
  go of any slice it locked on a miss); no deadlock. An attributed order's reward counts towards its sharer's
  total and takes from a free slice in one call on PostgreSQL too (`reserve_for_sharer_and_pool`, migration 20),
  the sharer's row first; in the statement that writes the order's rows (`reservation_in_full`) neither the
  sharer's row nor a slice is waited for (the statement may hold the order's new keys), so it never waits
  while holding anything another transaction waits for.

`pool_totals` sums the rows for the views. Each sharer's own total is one conditional UPDATE against the
per-user limit.

Reward states: reserved (at payment) -> committed (receipt confirmed); either -> released (refunded or
closed); refused rewards are kept too, with their reason, so every attributed order has one row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import asyncpg
from tortoise import fields
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F
from tortoise.models import Model

from store.row_writes import Leading, NewRows, Sql, insert_rows

REWARD_STATES = ("reserved", "committed", "released", "refused")
SLICES = 32  # slices per campaign: more than the orders one server process has in flight at once


class Campaign(Model):
    campaign_id = fields.CharField(max_length=64, primary_key=True)
    budget_fen = fields.BigIntField()
    reserved_fen = fields.BigIntField(default=0)
    committed_fen = fields.BigIntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    sliced_fen = fields.BigIntField(default=0)  # carved into the slices: their room + reserved + committed

    class Meta:
        table = "campaigns"

    @property
    def free_fen(self) -> int:
        """The central row's own room under its cap (the slices' room not counted)."""
        return int(self.budget_fen) - int(self.reserved_fen) - int(self.committed_fen) - int(self.sliced_fen)


class CampaignPoolSlice(Model):
    """A slice of a campaign's pool: room carved from the central row under `budget_fen`, and the rewards
    reserved and committed from it."""

    id = fields.BigIntField(primary_key=True)
    campaign_id = fields.CharField(max_length=64)
    slice_no = fields.IntField()
    budget_fen = fields.BigIntField(default=0)  # the cap the room was carved under
    room_fen = fields.BigIntField(default=0)
    reserved_fen = fields.BigIntField(default=0)
    committed_fen = fields.BigIntField(default=0)

    class Meta:
        table = "campaign_pool_slices"
        unique_together = (("campaign_id", "slice_no"),)


@dataclass(frozen=True)
class PoolTotals:
    """The pool as one: the cap last reserved under, and reserved and committed over the central row and the
    slices."""

    budget_fen: int
    reserved_fen: int
    committed_fen: int

    @property
    def remaining_fen(self) -> int:
        return max(0, self.budget_fen - self.reserved_fen - self.committed_fen)


class CampaignSharer(Model):
    """One consumer's rewards in one campaign, reserved and committed, for the per-user limit."""

    id = fields.BigIntField(primary_key=True)
    campaign_id = fields.CharField(max_length=64)
    consumer_id = fields.CharField(max_length=160)  # "<the channel's id>@<channel>" (bare: before ids were scoped)
    reserved_fen = fields.BigIntField(default=0)
    committed_fen = fields.BigIntField(default=0)

    class Meta:
        table = "campaign_sharers"
        unique_together = (("campaign_id", "consumer_id"),)


class ShareList(Model):
    share_list_id = fields.CharField(max_length=160, primary_key=True)  # "<the channel's id>@<channel>"
    campaign_id = fields.CharField(max_length=64)
    consumer_id = fields.CharField(max_length=160, db_index=True)  # the sharer's key, as on campaign_sharers
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
    sharer_id = fields.CharField(max_length=160)  # the sharer's key, as on campaign_sharers
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
    slice_no = fields.IntField(null=True)  # the pool slice it was reserved from; NULL: the central row

    class Meta:
        table = "campaign_rewards"


@dataclass(frozen=True)
class Reserved:
    """Where a reservation was taken: a slice, or the central row (None)."""

    slice_no: int | None


def _postgres(conn: BaseDBAsyncClient) -> bool:
    return conn.capabilities.dialect == "postgres"


async def reserve_in_pool(campaign_id: str, amount_fen: int, budget_fen: int, conn: BaseDBAsyncClient
                          ) -> Reserved | None:
    """Reserve `amount_fen` only if the pool, capped at `budget_fen` (the terms in force), still has that much
    room; None when it has not. A free slice carved under that cap first, else the central row (see the
    module's docstring); the central row keeps the cap it was last reserved under."""
    if amount_fen <= 0:
        return None
    slice_no = await _from_a_slice(campaign_id, amount_fen, budget_fen, conn)
    if slice_no is not None:
        return Reserved(slice_no)
    return await _through_the_central_row(campaign_id, amount_fen, budget_fen, conn)


async def _from_a_slice(campaign_id: str, amount_fen: int, budget_fen: int, conn: BaseDBAsyncClient) -> int | None:
    """The fast path: one slice nobody holds, carved under `budget_fen`, with the room; never waits."""
    if not _postgres(conn):  # SQLite runs one write transaction at a time: nothing to skip
        return await _take_from_slice(campaign_id, amount_fen, budget_fen, conn)
    # one round trip: migration 19's function, whose subtransaction lets go of a row locked on a miss
    _, rows = await conn.execute_query('SELECT "campaign_take_from_slice"($1, $2, $3) AS "slice_no"',
                                       [campaign_id, amount_fen, budget_fen])
    slice_no = rows[0]["slice_no"] if rows else None
    return int(slice_no) if slice_no is not None else None


async def _take_from_slice(campaign_id: str, amount_fen: int, budget_fen: int, conn: BaseDBAsyncClient
                           ) -> int | None:
    # (a locking read returns models: Tortoise drops FOR UPDATE from values()/values_list())
    found = await CampaignPoolSlice.filter(campaign_id=campaign_id, budget_fen=budget_fen, room_fen__gte=amount_fen
                                           ).select_for_update(skip_locked=True).only("id", "slice_no").limit(1
                                           ).using_db(conn)
    if not found:
        return None
    updated = await CampaignPoolSlice.filter(id=found[0].id, budget_fen=budget_fen, room_fen__gte=amount_fen
                                             ).using_db(conn).update(room_fen=F("room_fen") - amount_fen,
                                                                     reserved_fen=F("reserved_fen") + amount_fen)
    return int(found[0].slice_no) if updated else None


async def _through_the_central_row(campaign_id: str, amount_fen: int, budget_fen: int, conn: BaseDBAsyncClient
                                   ) -> Reserved | None:
    """The central row locked: carve a chunk into a free slice, or take the slices' room back and reserve here."""
    central = await _lock_central(campaign_id, conn)
    if central is None:
        return None
    if int(central.budget_fen) != budget_fen:  # other terms: the slices' room was carved under the old cap
        await _take_back_room(central, conn)
        central.budget_fen = budget_fen
        await _save_central(central, conn)
    elif (slice_no := await _from_a_slice(campaign_id, amount_fen, budget_fen, conn)) is not None:
        return Reserved(slice_no)  # carved while this order waited for the central row
    if central.free_fen >= amount_fen:
        chunk = min(central.free_fen, max(amount_fen, central.free_fen // (2 * SLICES)))
        slice_no = await _carve(central, chunk, amount_fen, conn)
        if slice_no is not None:
            return Reserved(slice_no)
    else:  # the central room is short: what the slices hold unreserved comes back first
        await _take_back_room(central, conn)
    if central.free_fen < amount_fen:
        return None
    central.reserved_fen = int(central.reserved_fen) + amount_fen
    await _save_central(central, conn, grew=True)
    return Reserved(None)


async def _lock_central(campaign_id: str, conn: BaseDBAsyncClient) -> Campaign | None:
    return await Campaign.filter(campaign_id=campaign_id).select_for_update().using_db(conn).first()


async def _save_central(central: Campaign, conn: BaseDBAsyncClient, *, grew: bool = False) -> None:
    """Write the central row (locked by the caller); when it `grew` (more reserved or carved), check once more
    that it holds no more than its cap."""
    if grew and central.free_fen < 0:
        raise RuntimeError(f"campaign {central.campaign_id}: the pool would pass its cap")
    await Campaign.filter(campaign_id=central.campaign_id).using_db(conn).update(
        budget_fen=central.budget_fen, reserved_fen=central.reserved_fen, sliced_fen=central.sliced_fen)


async def _carve(central: Campaign, chunk_fen: int, amount_fen: int, conn: BaseDBAsyncClient) -> int | None:
    """Move `chunk_fen` of the central row's room (locked by the caller) into a slice nobody holds, the order's
    `amount_fen` reserved from it at once; while the chunk is more than the order, every other free slice short
    of a chunk is topped up in the same go (so orders arriving together do not queue here one carve each).
    None when every slice is held (or none exists yet)."""
    campaign_id, budget_fen = central.campaign_id, int(central.budget_fen)
    # the emptiest slices nobody holds: room spread over more slices is room more orders reach at once
    query = CampaignPoolSlice.filter(campaign_id=campaign_id, room_fen__lt=max(chunk_fen, 1)).select_for_update(
        skip_locked=True).only("id", "slice_no").order_by("room_fen", "slice_no").limit(
        SLICES if chunk_fen > amount_fen else 1)
    rows = await query.using_db(conn)
    if not rows and not await CampaignPoolSlice.exists(campaign_id=campaign_id, using_db=conn):
        await CampaignPoolSlice.bulk_create([CampaignPoolSlice(campaign_id=campaign_id, slice_no=n)
                                             for n in range(SLICES)], ignore_conflicts=True, using_db=conn)
        rows = await query.using_db(conn)
    if not rows:
        return None
    central.sliced_fen = int(central.sliced_fen) + chunk_fen * len(rows)  # chunk <= free / (2 * SLICES) if > 1
    await _save_central(central, conn, grew=True)
    own, others = rows[0], [row.id for row in rows[1:]]
    # the central row's cap is the only one any slice's room was carved under (a change takes it all back)
    await CampaignPoolSlice.filter(id=own.id).using_db(conn).update(
        budget_fen=budget_fen, room_fen=F("room_fen") + (chunk_fen - amount_fen),
        reserved_fen=F("reserved_fen") + amount_fen)
    if others:
        await CampaignPoolSlice.filter(id__in=others).using_db(conn).update(
            budget_fen=budget_fen, room_fen=F("room_fen") + chunk_fen)
    return int(own.slice_no)


async def _take_back_room(central: Campaign, conn: BaseDBAsyncClient) -> None:
    """Every slice's unreserved room back into the central row (locked by the caller; the caller saves it). The
    slices with room are locked in slice_no order and waited for: their holders wait for nothing the caller
    holds, and none gains room meanwhile (only a carve adds room, under the central row's lock)."""
    held = await CampaignPoolSlice.filter(campaign_id=central.campaign_id, room_fen__gt=0).select_for_update(
        ).only("id", "room_fen").order_by("slice_no").using_db(conn)
    room = sum(int(s.room_fen) for s in held)
    if room:
        await CampaignPoolSlice.filter(id__in=[s.id for s in held]).using_db(conn).update(room_fen=0)
        central.sliced_fen = int(central.sliced_fen) - room
        await _save_central(central, conn)


async def pool_room(campaign_id: str, budget_fen: int, conn: BaseDBAsyncClient) -> int:
    """What the pool could still reserve under `budget_fen`: the central row's room and the slices'."""
    central = await Campaign.get(campaign_id=campaign_id, using_db=conn)
    rooms = await CampaignPoolSlice.filter(campaign_id=campaign_id, room_fen__gt=0).using_db(conn).values_list(
        "id", "room_fen")
    return (budget_fen - int(central.reserved_fen) - int(central.committed_fen) - int(central.sliced_fen)
            + sum(int(r) for _, r in rooms))


async def set_cap(campaign_id: str, budget_fen: int, conn: BaseDBAsyncClient) -> None:
    """The central row carries `budget_fen`; a change takes the slices' room back first (in `conn`'s
    transaction)."""
    central = await _lock_central(campaign_id, conn)
    if central is not None and int(central.budget_fen) != budget_fen:
        await _take_back_room(central, conn)
        central.budget_fen = budget_fen
        await Campaign.filter(campaign_id=campaign_id).using_db(conn).update(budget_fen=budget_fen)


async def pool_totals(campaign_id: str, conn: BaseDBAsyncClient | None = None) -> PoolTotals | None:
    """The pool as one (the central row and its slices); None when the campaign has no row yet."""
    central = await Campaign.get_or_none(campaign_id=campaign_id, using_db=conn)
    if central is None:
        return None
    rows = await CampaignPoolSlice.filter(campaign_id=campaign_id).using_db(conn).values_list(
        "reserved_fen", "committed_fen")
    return PoolTotals(budget_fen=int(central.budget_fen),
                      reserved_fen=int(central.reserved_fen) + sum(int(r) for r, _ in rows),
                      committed_fen=int(central.committed_fen) + sum(int(c) for _, c in rows))


@dataclass(frozen=True)
class SharerTotals:
    """What a sharer has earned in a campaign so far, as read (unlocked)."""

    reserved_fen: int
    committed_fen: int

    @classmethod
    def read(cls, reserved: Any, committed: Any) -> SharerTotals | None:
        """The totals from a read's columns; None where the read found no sharer row (a LEFT JOIN's NULLs)."""
        return cls(int(reserved), int(committed)) if reserved is not None else None


SharedList = tuple[ShareList, SharerTotals | None]  # a share list and its sharer's totals (None: no sharer row)


async def share_lists_and_sharers(keys: list[str], conn: BaseDBAsyncClient | None = None) -> dict[str, SharedList]:
    """The share lists stored under `keys` that exist, each with its sharer's totals in the list's campaign, in
    one read (no lock: the reservation's conditional UPDATE guards the per-user limit)."""
    conn = conn or ShareList._meta.db
    columns = ", ".join(f'l."{column}"' for column in ShareList._meta.fields_db_projection.values())
    marks = ", ".join(f"${n}" if _postgres(conn) else "?" for n in range(1, len(keys) + 1))
    found = await conn.execute_query_dict(
        f'SELECT {columns}, s."reserved_fen" AS "sharer_reserved_fen", s."committed_fen" AS "sharer_committed_fen" '
        'FROM "share_lists" l LEFT JOIN "campaign_sharers" s '
        'ON s."campaign_id" = l."campaign_id" AND s."consumer_id" = l."consumer_id" '
        f'WHERE l."share_list_id" IN ({marks})', list(keys))
    lists = {}
    for record in found:
        row = dict(record)
        reserved, committed = row.pop("sharer_reserved_fen"), row.pop("sharer_committed_fen")
        share = ShareList._init_from_db(**row)
        lists[share.share_list_id] = share, SharerTotals.read(reserved, committed)
    return lists


async def reserve_for_sharer_and_pool(campaign_id: str, consumer_id: str, amount_fen: int, limit_fen: int,
                                      budget_fen: int, conn: BaseDBAsyncClient) -> tuple[bool, Reserved | None]:
    """Count `amount_fen` towards the sharer's total within `limit_fen` and, when it was, reserve it in the pool
    under `budget_fen`: (whether the sharer's limit took it, where the pool reserved it or None). The sharer's row
    is locked first, then the pool's, as everywhere. On PostgreSQL the sharer and a free slice are one call
    (migration 20's function); the central row only when no slice has the room."""
    if amount_fen <= 0:
        return False, None
    if not _postgres(conn):
        if not await reserve_for_sharer(campaign_id, consumer_id, amount_fen, limit_fen, conn):
            return False, None
        return True, await reserve_in_pool(campaign_id, amount_fen, budget_fen, conn)
    _, rows = await conn.execute_query(
        'SELECT "sharer_took", "slice_no" FROM "campaign_reserve_for_sharer"($1, $2, $3, $4, $5)',
        [campaign_id, consumer_id, amount_fen, limit_fen, budget_fen])
    if not rows or not rows[0]["sharer_took"]:
        return False, None
    if rows[0]["slice_no"] is not None:
        return True, Reserved(int(rows[0]["slice_no"]))
    return True, await _through_the_central_row(campaign_id, amount_fen, budget_fen, conn)


NOT_IN_FULL = "XP001"  # migration 20's campaign_reserve_in_full: the sharer's limit or every free slice was short
RESERVED_SLICE = Sql('(SELECT "slice_no" FROM "reserved_in_full")')  # the slice, in a row of the same statement


class NotReservedInFull(Exception):
    """The sharer's limit or every free slice was short of the whole reward: nothing of the statement was
    written."""


def reservation_in_full(campaign_id: str, consumer_id: str, amount_fen: int, limit_fen: int, budget_fen: int
                        ) -> Leading:
    """`reserve_for_sharer_and_pool` all or nothing, to run in the statement that writes the order's rows
    (PostgreSQL): a row gives `RESERVED_SLICE` for the slice it came from."""
    return Leading("reserved_in_full", 'SELECT "campaign_reserve_in_full"($1, $2, $3, $4, $5) AS "slice_no"',
                   [campaign_id, consumer_id, amount_fen, limit_fen, budget_fen])


async def insert_rows_reserving(conn: BaseDBAsyncClient, writes: list[NewRows], reservation: Leading
                                ) -> list[dict[str, Any]]:
    """`insert_rows` with `reservation` (`reservation_in_full`) in the same statement, on a pooled PostgreSQL
    connection: the rows and the reservation commit together, or NotReservedInFull and neither is written."""
    try:
        return await insert_rows(conn, writes, leading=reservation)
    except asyncpg.PostgresError as exc:
        if exc.sqlstate == NOT_IN_FULL:
            raise NotReservedInFull(str(exc)) from exc
        raise


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


async def move_reserved(campaign_id: str, consumer_id: str, amount_fen: int, slice_no: int | None, *, commit: bool,
                        conn: BaseDBAsyncClient) -> None:
    """Take `amount_fen` out of reserved, in the row it was reserved from (`slice_no`, None: the central row):
    into committed there (commit) or back to the central row's free room (release)."""
    sharer = {"reserved_fen": F("reserved_fen") - amount_fen}
    if commit:
        sharer["committed_fen"] = F("committed_fen") + amount_fen
    await CampaignSharer.filter(campaign_id=campaign_id, consumer_id=consumer_id).using_db(conn).update(**sharer)
    if slice_no is None:
        await Campaign.filter(campaign_id=campaign_id).using_db(conn).update(**sharer)
        return
    if not commit:
        await Campaign.filter(campaign_id=campaign_id).using_db(conn).update(sliced_fen=F("sliced_fen") - amount_fen)
    await CampaignPoolSlice.filter(campaign_id=campaign_id, slice_no=slice_no).using_db(conn).update(**sharer)


async def release_committed(campaign_id: str, consumer_id: str, amount_fen: int, slice_no: int | None,
                            conn: BaseDBAsyncClient) -> None:
    """A refund after receipt confirmation gives committed money back to the pool (the central row's room)."""
    change = {"committed_fen": F("committed_fen") - amount_fen}
    await CampaignSharer.filter(campaign_id=campaign_id, consumer_id=consumer_id).using_db(conn).update(**change)
    if slice_no is None:
        await Campaign.filter(campaign_id=campaign_id).using_db(conn).update(**change)
        return
    await Campaign.filter(campaign_id=campaign_id).using_db(conn).update(sliced_fen=F("sliced_fen") - amount_fen)
    await CampaignPoolSlice.filter(campaign_id=campaign_id, slice_no=slice_no).using_db(conn).update(**change)
