"""A write that meets another process's lock on the SQLite file longer than it may wait is 503 store_busy with
Retry-After, and changes nothing; once the lock is gone the same request succeeds."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator

import httpx
import pytest

from api.app import create_app
from store.api_keys import create_key
from tests.clock import advance_to
from tests.commerce.helpers import APPLES, PAID_AT, bearer, listed_goods


@pytest.fixture
async def busy_client(database_url: str) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    if not database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL has row locks and no file lock: writers wait for each other, they are not refused")
    app = create_app(database_url=f"{database_url}?busy_timeout=50", tick_seconds=0, run_migrations=False)
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport,
                                                                   base_url="http://xiaopu.test") as c:
        yield c, database_url.removeprefix("sqlite://")


async def test_a_lock_held_by_another_process_is_503_and_changes_nothing(
        busy_client: tuple[httpx.AsyncClient, str]) -> None:
    client, path = busy_client
    _, key = await create_key("storefront", party="default")
    assert (await client.post("/v1/sellers", json={"seller_id": "S-1"}, headers=bearer(key))).status_code == 201
    items = await listed_goods(client, [APPLES])
    advance_to(PAID_AT)  # the order is reported as it is paid
    other = sqlite3.connect(path, isolation_level=None)  # another process's writer, holding the write lock
    other.execute("BEGIN IMMEDIATE")
    order = {"seller_id": "S-1", "buyer_id": "B-1", "paid_at": PAID_AT, "items": items}
    try:
        refused = await client.put("/v1/orders/O-1", json=order, headers=bearer(key))
        assert refused.status_code == 503 and refused.headers["retry-after"] == "1"
        assert refused.json()["code"] == "store_busy"
        quote = await client.post("/v1/commission/quotes", json={"items": [APPLES]}, headers=bearer(key))
        assert quote.status_code == 200  # reads go on: WAL readers never wait for the writer
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert (await client.get("/v1/orders/O-1", headers=bearer(key))).status_code == 404  # nothing was written
    assert (await client.put("/v1/orders/O-1", json=order, headers=bearer(key))).status_code == 201
