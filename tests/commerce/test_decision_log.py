"""The decision log: decisions by policy, rule and time; fire counts per rule, dead rules visible."""

from __future__ import annotations

from typing import Any

from tests.commerce.helpers import APPLES, Storefront, bearer, ok

LIPSTICK = {"sku": "LIP", "category": "cosmetics", "price": "99.00", "quantity": 1}


async def test_query_decisions_and_rule_counts(client: Any, make_key: Any) -> None:
    shop = Storefront(client, await make_key("storefront"))
    admin = bearer(await make_key("policy_admin"))
    await shop.open_store("S-LOG")
    await ok(await shop.order("O-1", "S-LOG", "b1", items=[APPLES], paid_at="2026-11-05T10:00:00+08:00"), 201)
    await ok(await shop.order("O-2", "S-LOG", "b2", items=[APPLES, LIPSTICK], paid_at="2026-11-20T10:00:00+08:00"),
             201)

    fruit = await ok(await client.get("/v1/decisions", params={"policy": "commission", "rule": "fresh_fruit_rate"},
                                      headers=admin))
    assert [d["subject"] for d in fruit["decisions"]] == ["order:O-2/APPLE-5KG", "order:O-1/APPLE-5KG"]
    recent = await ok(await client.get("/v1/decisions", headers=admin, params={
        "policy": "commission", "since": "2026-11-10T00:00:00Z"}))
    assert sorted(d["subject"] for d in recent["decisions"]) == ["order:O-2/APPLE-5KG", "order:O-2/LIP"]

    counts = await ok(await client.get("/v1/decisions/rule-counts", params={"policy": "commission"}, headers=admin))
    fired = {r["rule_id"]: r["fired"] for r in counts["rules"]}
    assert (fired["fresh_fruit_rate"], fired["beauty_rate"], fired["supplier_rate"]) == (2, 1, 0)
    assert "supplier_fixed_amount" in counts["never_fired"] and "fresh_fruit_rate" not in counts["never_fired"]
    november_first_half = await ok(await client.get("/v1/decisions/rule-counts", headers=admin, params={
        "policy": "commission", "until": "2026-11-10T00:00:00Z"}))
    assert {r["rule_id"]: r["fired"] for r in november_first_half["rules"]}["fresh_fruit_rate"] == 1

    unknown = await client.get("/v1/decisions/rule-counts", params={"policy": "comission"}, headers=admin)
    assert unknown.status_code == 404 and 'did you mean "commission"' in unknown.json()["detail"]
