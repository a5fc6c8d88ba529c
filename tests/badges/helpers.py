"""Drives the maker-badge API as a panel would; seeds a merchant's orders and disputes through the store."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx

from store.disputes import Dispute
from store.orders import Order
from tests.clock import advance_to
from tests.commerce.helpers import bearer, ok

AS_OF = dt.datetime(2026, 12, 10, 2, 0, tzinfo=dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.isoformat()


def orders_for_rate(rate_bp: int) -> tuple[int, int]:
    """The fewest (orders, disputed orders) whose share, rounded up to a basis point, is `rate_bp`."""
    if rate_bp == 0:
        return 10, 0
    for orders in range(1, 100_000):
        for disputed in range(1, orders + 1):
            share = -(-disputed * 10_000 // orders)
            if share == rate_bp:
                return orders, disputed
            if share > rate_bp:
                break
    raise ValueError(rate_bp)


async def seed_orders(merchant_id: str, orders: int, disputed: int, *, paid_at: dt.datetime,
                      disputed_at: dt.datetime, prefix: str = "O") -> None:
    """`orders` paid orders of the merchant, the first `disputed` of them with a dispute opened."""
    await Order.bulk_create([Order(order_id=f"{merchant_id}-{prefix}{i}", seller_id=merchant_id, buyer_id=f"B{i}",
                                   paid_at=paid_at, body_hash="seeded") for i in range(orders)])
    await Dispute.bulk_create([Dispute(dispute_id=f"{merchant_id}-D{prefix}{i}", order_id=f"{merchant_id}-{prefix}{i}",
                                       sku="A", case_type="quality_problem", amount_fen=100,
                                       state="awaiting_supplier", body_hash="seeded", opened_at=disputed_at)
                               for i in range(disputed)])


class Panel:
    """A reviewer who opens rounds and awards, judges who each score with their own reviewer key."""

    def __init__(self, client: httpx.AsyncClient, make_key: Any) -> None:
        self.client, self.make_key = client, make_key
        self.judges: list[dict[str, str]] = []
        self.chair: dict[str, str] = {}
        self.storefront: dict[str, str] = {}

    async def seat(self, judges: int) -> Panel:
        self.chair = bearer(await self.make_key("reviewer"))
        self.storefront = bearer(await self.make_key("storefront"))
        self.judges = [bearer(await self.make_key("reviewer")) for _ in range(judges)]
        return self

    async def merchant(self, merchant_id: str) -> None:
        await ok(await self.client.post("/v1/sellers", json={"seller_id": merchant_id}, headers=self.storefront))

    async def open_round(self, round_id: str, merchant_id: str, opened_at: dt.datetime = AS_OF - dt.timedelta(days=3)
                         ) -> httpx.Response:
        advance_to(opened_at)  # the panel opens the round as it happens
        return await self.client.post("/v1/badge-rounds", headers=self.chair, json={
            "round_id": round_id, "merchant_id": merchant_id, "opened_at": iso(opened_at)})

    async def score(self, round_id: str, judge: int, score: Any, **extra: Any) -> httpx.Response:
        return await self.client.put(f"/v1/badge-rounds/{round_id}/scores", headers=self.judges[judge],
                                     json={"score": score, **extra})

    async def award(self, round_id: str, as_of: dt.datetime = AS_OF) -> httpx.Response:
        advance_to(as_of)  # the award is decided as of now or a moment already passed
        return await self.client.post(f"/v1/badge-rounds/{round_id}/award", headers=self.chair,
                                      json={"as_of": iso(as_of)})

    async def judged(self, round_id: str, merchant_id: str, scores: list[int], as_of: dt.datetime = AS_OF
                     ) -> dict[str, Any]:
        """Open a round, enter each score with its own judge, award at `as_of`: the award."""
        await ok(await self.open_round(round_id, merchant_id, as_of - dt.timedelta(days=3)), 201)
        for judge, score in enumerate(scores):
            await ok(await self.score(round_id, judge, score), 201)
        result: dict[str, Any] = await ok(await self.award(round_id, as_of), 201)
        return result

    async def good_find(self, as_of: dt.datetime, **params: Any) -> dict[str, Any]:
        result: dict[str, Any] = await ok(await self.client.get(
            "/v1/good-find", params={"as_of": iso(as_of), **params}, headers=self.storefront))
        return result

    async def badge(self, merchant_id: str, as_of: dt.datetime) -> dict[str, Any]:
        result: dict[str, Any] = await ok(await self.client.get(
            f"/v1/merchants/{merchant_id}/badge", params={"as_of": iso(as_of)}, headers=self.storefront))
        return result
