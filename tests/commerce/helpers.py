"""Small helpers shared by the storefront API tests."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx

from api.app import create_app
from store.api_keys import create_key
from tests.clock import advance_to
from tests.listings import SUPPLIER, Listings, list_goods

ROOT_DIR = Path(__file__).resolve().parents[2]
APPLES = {"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90", "quantity": 1}
PAID_AT = "2026-11-05T10:00:00+08:00"
CHANNEL = "default"  # the storefront channel of the tests' storefront keys


def case_id(dispute_id: str, role: str) -> str:
    """A dispute as `role` names it: the opening channel by its own id, the supplier and the platform by the
    qualified id."""
    return dispute_id if role == "storefront" else f"{dispute_id}@{CHANNEL}"


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def ok(response: httpx.Response, *statuses: int) -> Any:
    assert response.status_code in (statuses or (200, 201)), response.text
    return response.json()


# what the test supplier listed through each client (a client talks to one database), and its keys
# (one at a time: orders sent at once list their goods once)
_SUPPLY: weakref.WeakKeyDictionary[httpx.AsyncClient, tuple[Listings, dict[str, str], asyncio.Lock]] = \
    weakref.WeakKeyDictionary()


def supply_through(client: httpx.AsyncClient, keys: dict[str, str], like: httpx.AsyncClient | None = None) -> None:
    """The test supplier lists through `client` with these keys (a served process's development keys: no key can be
    made in this process); `like`: another client of the same database, whose listings it shares."""
    _SUPPLY[client] = _SUPPLY[like] if like is not None else (Listings(), dict(keys), asyncio.Lock())


async def listed_goods(client: httpx.AsyncClient, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items naming the test supplier, which lists them first where it has not (tests/listings.py)."""
    if client not in _SUPPLY:
        _SUPPLY[client] = (Listings(), {}, asyncio.Lock())
    book, keys, lock = _SUPPLY[client]
    async with lock:
        if not keys:
            for role, options in (("supplier", {"party": SUPPLIER}),
                                  ("reviewer", {"person": "Supply Reviewer <reviewer@xiaopu.test>"}),
                                  ("policy_admin", {"person": "Supply Admin <policy_admin@xiaopu.test>"})):
                keys[role] = (await create_key(role, **options))[1]
        return await list_goods(client, keys, book, items)


class Storefront:
    """Drives the API as a storefront would: the goods it orders are listed by the test supplier."""

    def __init__(self, client: httpx.AsyncClient, key: str) -> None:
        self.client, self.headers = client, bearer(key)

    async def open_store(self, seller_id: str) -> Any:
        return await ok(await self.client.post("/v1/sellers", json={"seller_id": seller_id}, headers=self.headers))

    async def seller(self, seller_id: str) -> Any:
        return await ok(await self.client.get(f"/v1/sellers/{seller_id}", headers=self.headers))

    async def order(self, order_id: str, seller_id: str, buyer_id: str, items: list[dict[str, Any]] | None = None,
                    paid_at: str = PAID_AT) -> httpx.Response:
        body = {"seller_id": seller_id, "buyer_id": buyer_id, "paid_at": paid_at,
                "items": await listed_goods(self.client, items or [APPLES])}
        advance_to(paid_at)  # the storefront reports the order as it is paid
        return await self.client.put(f"/v1/orders/{order_id}", json=body, headers=self.headers)

    async def event(self, order_id: str, event_id: str, type_: str, at: str, **extra: Any) -> httpx.Response:
        body = {"event_id": event_id, "type": type_, "at": at, **extra}
        advance_to(at)
        return await self.client.post(f"/v1/orders/{order_id}/events", json=body, headers=self.headers)

    async def lines(self, seller_id: str, status: str | None = None) -> list[dict[str, Any]]:
        params = {"status": status} if status else {}
        body = await ok(await self.client.get(f"/v1/sellers/{seller_id}/commission-lines", params=params,
                                              headers=self.headers))
        return list(body["lines"])

    async def shelve(self, seller_id: str, sku: str, category: str = "snacks", price: str = "9.90") -> httpx.Response:
        return await self.client.put(f"/v1/sellers/{seller_id}/shelf/{sku}",
                                     json={"category": category, "price": price}, headers=self.headers)


@asynccontextmanager
async def running_app(database_url: str, tick_seconds: float = 0, policy_path: Any = None
                      ) -> AsyncIterator[httpx.AsyncClient]:
    """A server's whole life (start-up to shutdown) on `database_url`, for tests about restarts."""
    app = create_app(database_url=database_url, tick_seconds=tick_seconds, policy_path=policy_path)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://xiaopu.test") as client:
        yield client
