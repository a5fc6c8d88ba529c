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
    assert [d["subject"] for d in fruit["decisions"]] == ["order:O-2@default/APPLE-5KG", "order:O-1@default/APPLE-5KG"]
    recent = await ok(await client.get("/v1/decisions", headers=admin, params={
        "policy": "commission", "since": "2026-11-10T00:00:00Z"}))
    assert sorted(d["subject"] for d in recent["decisions"]) == ["order:O-2@default/APPLE-5KG", "order:O-2@default/LIP"]

    counts = await ok(await client.get("/v1/decisions/rule-counts", params={"policy": "commission"}, headers=admin))
    fired = {r["rule_id"]: r["fired"] for r in counts["rules"]}
    assert (fired["fresh_fruit_rate"], fired["beauty_rate"], fired["supplier_rate"]) == (2, 1, 0)
    assert "supplier_fixed_amount" in counts["never_fired"] and "fresh_fruit_rate" not in counts["never_fired"]
    november_first_half = await ok(await client.get("/v1/decisions/rule-counts", headers=admin, params={
        "policy": "commission", "until": "2026-11-10T00:00:00Z"}))
    assert {r["rule_id"]: r["fired"] for r in november_first_half["rules"]}["fresh_fruit_rate"] == 1

    unknown = await client.get("/v1/decisions/rule-counts", params={"policy": "comission"}, headers=admin)
    assert unknown.status_code == 404 and 'did you mean "commission"' in unknown.json()["detail"]


async def test_the_decision_log_pages_with_a_cursor(client: Any, make_key: Any) -> None:
    """`after` = `next` walks every decision once, newest first, also when decisions share one as_of; a new
    decision arriving between pages shifts nothing (with `offset` it would repeat one)."""
    shop = Storefront(client, await make_key("storefront"))
    admin = bearer(await make_key("reviewer"))
    await shop.open_store("S-PAGE")
    items = [{**APPLES, "sku": f"A{n}"} for n in range(5)]  # five decisions with the same as_of
    await ok(await shop.order("O-P1", "S-PAGE", "b1", items=items, paid_at="2026-11-05T10:00:00+08:00"), 201)
    await ok(await shop.order("O-P2", "S-PAGE", "b2", items=[APPLES], paid_at="2026-11-06T10:00:00+08:00"), 201)
    everything = await ok(await client.get("/v1/decisions", params={"policy": "commission"}, headers=admin))
    expected = [d["decision_id"] for d in everything["decisions"]]
    assert len(expected) == 6 and everything["next"] is None

    seen: list[str] = []
    cursor = None
    while True:
        params = {"policy": "commission", "limit": 2, **({"after": cursor} if cursor else {})}
        page = await ok(await client.get("/v1/decisions", params=params, headers=admin))
        seen += [d["decision_id"] for d in page["decisions"]]
        if len(seen) == 2:  # a newer decision arrives after the first page
            await ok(await shop.order("O-P3", "S-PAGE", "b3", items=[APPLES], paid_at="2026-11-07T10:00:00+08:00"),
                     201)
        if page["next"] is None:
            break
        cursor = page["next"]
    assert seen == expected

    old_style = await ok(await client.get("/v1/decisions", params={"policy": "commission", "limit": 2, "offset": 2},
                                          headers=admin))
    assert old_style["next_offset"] == 4 and len(old_style["decisions"]) == 2


async def test_a_bad_decision_cursor_is_422(client: Any, make_key: Any) -> None:
    admin = bearer(await make_key("reviewer"))
    for params, code in (({"after": "bm90LWEtY3Vyc29y"}, "invalid_cursor"), ({"after": "!!"}, "invalid_input"),
                         ({"after": "bm90", "offset": 5}, "invalid_input")):
        response = await client.get("/v1/decisions", params=params, headers=admin)
        assert (response.status_code, response.json()["code"]) == (422, code), response.text
