"""Shadow mode: a stored candidate decides beside the version in force on live traffic; only differences
are kept, with their money effect, and the responses never change."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from tests.commerce.helpers import bearer, ok
from tests.conftest import SHIPPED_POLICY_VERSION, MakeKey
from tests.policy_versions.helpers import FRUIT_AT_16, edited_files, quote_apples


async def test_shadow_logs_differences_with_their_money_and_changes_no_response(
        client: httpx.AsyncClient, app: FastAPI, make_key: MakeKey) -> None:
    admin, storefront = bearer(await make_key("policy_admin")), bearer(await make_key("storefront"))
    stored = await ok(await client.post("/v1/policy-versions", headers=admin, json={
        "files": edited_files(FRUIT_AT_16), "message": "fruit at 16%, to try", "activate": False}), 201)
    assert stored["activation"] is None
    candidate = stored["version"]["label"]
    await ok(await client.put("/v1/policy-shadow", headers=admin, json={"version": candidate}), 201)
    registry = app.state.evaluator
    await registry.refresh()
    quotes = [await ok(await quote_apples(client, storefront)) for _ in range(3)]
    snacks = await ok(await client.post("/v1/commission/quotes", headers=storefront, json={
        "items": [{"sku": "CHIPS", "category": "snacks", "price": "10.00"}]}))
    await registry.shadow.flush()  # what the watch loop does every poll
    assert {(q["policy_version"], q["total_commission"]) for q in quotes} == {(SHIPPED_POLICY_VERSION, "5.20")}
    assert snacks["total_commission"] == "1.50"
    report = await ok(await client.get("/v1/policy-shadow", headers=bearer(await make_key("reviewer"))))
    assert (report["candidate"], report["differences"], report["money_delta"]) == (candidate, 3, "-1.74")
    assert report["by_policy"] == {"commission": {"differences": 3, "money_delta": "-1.74"}}
    first = report["items"][0]
    assert (first["active"]["outputs"]["commission"], first["candidate"]["outputs"]["commission"]) == ("5.20", "4.62")
    assert first["facts"]["category"] == "fresh_fruit" and first["money_delta"] == "-0.58"
    # stopped: nothing more is compared
    await ok(await client.delete("/v1/policy-shadow", headers=admin))
    await registry.refresh()
    await quote_apples(client, storefront)
    await registry.shadow.flush()
    assert (await ok(await client.get("/v1/policy-shadow", headers=admin)))["differences"] == 3



async def test_no_shadow_run_yet(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    response = await client.get("/v1/policy-shadow", headers=bearer(await make_key("reviewer")))
    assert (response.status_code, response.json()["code"]) == (404, "no_shadow_run")
