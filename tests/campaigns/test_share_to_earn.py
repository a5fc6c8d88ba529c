"""Share-to-earn through the API: what an attributed order earns, when it earns nothing and which rule says
so, and how the pool moves: reserved at payment, committed at receipt, released on refund."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from api.app import create_app
from tests.campaigns.helpers import (
    APPLES,
    CAMPAIGN,
    CRATE,
    LIPSTICK,
    PHONE,
    Sharing,
    moved_window_files,
    pool_files,
    small_pool_policies,
)
from tests.commerce.helpers import bearer, ok
from tests.policy_versions.helpers import APPROVER, approved


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> FastAPI:
    """The shipped rules with a RMB 100.00 pool, so a test can spend it."""
    return create_app(database_url=database_url, tick_seconds=0, policy_path=small_pool_policies(tmp_path),
                      run_migrations=False)


@pytest.fixture
async def shop(client: httpx.AsyncClient, make_key: Any) -> AsyncIterator[Sharing]:
    shop = Sharing(client, await make_key("storefront"))
    await shop.open_store("S-1")
    await ok(await shop.share("L-1", "CONSUMER-1"), 201)
    yield shop


def pool(view: dict[str, Any]) -> tuple[str, str, str, str]:
    return view["budget"], view["reserved"], view["committed"], view["remaining"]


async def test_reserved_at_payment_committed_at_receipt_released_on_refund(shop: Sharing) -> None:
    reward = await shop.reward("O-1", items=[APPLES, LIPSTICK])
    assert (reward["state"], reward["amount"], reward["code"]) == ("reserved", "5.58", None)
    replay = await shop.buy("O-1", "L-1", items=[APPLES, LIPSTICK])  # a replay reserves nothing more
    assert (replay.status_code, replay.json()["campaign_reward"]["amount"]) == (200, "5.58")
    assert set(reward["rules"]) >= {"core_goods_reward", "beauty_fixed_reward", "within_per_order_limit",
                                    "per_user_allowance", "share_to_earn_1212_terms"}
    assert pool(await shop.campaign()) == ("100.00", "5.58", "0.00", "94.42")
    order = await ok(await shop.event("O-1", "E-1", "receipt_confirmed", "2026-12-10T10:00:00+08:00"))
    assert order["campaign_reward"]["state"] == "committed"
    assert pool(await shop.campaign()) == ("100.00", "0.00", "5.58", "94.42")
    order = await ok(await shop.event("O-1", "E-2", "refunded", "2026-12-11T10:00:00+08:00", sku="LIPSTICK"))
    assert (order["campaign_reward"]["state"], order["campaign_reward"]["amount"]) == ("committed", "0.58")
    order = await ok(await shop.event("O-1", "E-3", "refunded", "2026-12-11T11:00:00+08:00", sku="APPLE-5KG"))
    assert (order["campaign_reward"]["state"], order["campaign_reward"]["amount"]) == ("released", "0.00")
    assert order["campaign_reward"]["code"] == "refunded"
    view = await shop.campaign()
    assert pool(view) == ("100.00", "0.00", "0.00", "100.00")
    assert view["orders"]["released"] == 1
    assert (view["terms"]["window_start"], view["terms"]["window_end"]) == ("2026-12-06T16:00:00Z",
                                                                            "2026-12-12T16:00:00Z")
    assert (view["terms"]["budget_cap"], view["terms"]["rules"]) == ("100.00", ["share_to_earn_1212_terms"])


async def test_a_line_whose_reward_rounds_to_nothing_says_so(shop: Sharing) -> None:
    reward = await shop.reward("O-1", items=[{**APPLES, "price": "0.20"}])  # 2% of 0.20 = 0.004 -> 0.00
    assert (reward["state"], reward["code"], reward["rule"]) == ("refused", "nothing_to_earn", "core_goods_reward")


async def test_a_reservation_goes_back_when_the_order_closes_before_receipt(shop: Sharing) -> None:
    await shop.reward("O-1")
    order = await ok(await shop.event("O-1", "E-1", "closed", "2026-12-09T10:00:00+08:00"))
    assert (order["campaign_reward"]["state"], order["campaign_reward"]["code"]) == ("released", "order_closed")
    assert pool(await shop.campaign()) == ("100.00", "0.00", "0.00", "100.00")


@pytest.mark.parametrize(("kwargs", "code", "rule"), [
    pytest.param({"paid_at": "2026-12-06T23:59:59+08:00"}, "outside_window", "outside_campaign_window", id="dec-6"),
    pytest.param({"paid_at": "2026-12-13T00:00:00+08:00"}, "outside_window", "outside_campaign_window", id="dec-13"),
    pytest.param({"buyer_id": "CONSUMER-1"}, "self_purchase", "self_purchase_earns_nothing", id="self-purchase"),
    pytest.param({"items": [{**APPLES, "sku": "PEAR"}]}, "not_attributed", "not_attributed", id="not-on-the-list"),
    pytest.param({"items": [PHONE]}, "category_excluded", "outside_campaign_categories", id="electronics"),
])
async def test_a_refused_reward_names_its_rule_and_spends_nothing(shop: Sharing, kwargs: dict[str, Any], code: str,
                                                                  rule: str) -> None:
    reward = await shop.reward("O-1", **kwargs)
    assert (reward["state"], reward["amount"], reward["code"], reward["rule"]) == ("refused", "0.00", code, rule)
    assert reward["reason"]
    assert pool(await shop.campaign()) == ("100.00", "0.00", "0.00", "100.00")


async def test_one_order_earns_at_most_the_per_order_limit(shop: Sharing) -> None:
    reward = await shop.reward("O-1", items=[CRATE])
    assert (reward["requested"], reward["amount"], reward["code"], reward["rule"]) == (
        "57.80", "50.00", "per_order_limit", "per_order_limit")


async def test_the_pool_pays_what_is_left_then_says_it_is_spent(shop: Sharing) -> None:
    for n in range(2):
        await ok(await shop.share(f"L-{n + 2}", f"CONSUMER-{n + 2}"), 201)
    assert (await shop.reward("O-1", "L-1"))["amount"] == "0.58"
    assert (await shop.reward("O-2", "L-2", items=[CRATE]))["amount"] == "50.00"
    short = await shop.reward("O-3", "L-3", items=[CRATE])
    assert (short["state"], short["amount"], short["code"], short["rule"]) == (
        "reserved", "49.42", "budget_short", "share_to_earn_1212_terms")
    spent = await shop.reward("O-4", "L-1")
    assert (spent["state"], spent["amount"], spent["code"], spent["rule"]) == (
        "refused", "0.00", "budget_exhausted", "share_to_earn_1212_terms")
    assert "budget is spent" in spent["reason"]
    assert pool(await shop.campaign()) == ("100.00", "100.00", "0.00", "0.00")
    await ok(await shop.event("O-2", "E-1", "refunded", "2026-12-09T10:00:00+08:00"))
    assert pool(await shop.campaign()) == ("100.00", "50.00", "0.00", "50.00")
    assert (await shop.reward("O-5", "L-1"))["amount"] == "0.58"


async def test_a_new_version_of_the_terms_moves_the_cap(shop: Sharing, make_key: Any) -> None:
    """The cap is the one in force when the order was paid: publishing a bigger pool lets orders earn again."""
    await ok(await shop.share("L-2", "CONSUMER-2"), 201)
    for n in range(2):
        await shop.reward(f"O-{n}", f"L-{n + 1}", items=[CRATE])
    assert (await shop.reward("O-2", "L-1"))["code"] == "budget_exhausted"
    admin = bearer(await make_key("policy_admin"))
    await approved(shop.client, await shop.client.post("/v1/policy-versions", headers=admin, json={
        "files": pool_files("200.00"), "message": "12.12 pool doubled"}),
        bearer(await make_key("policy_admin", person=APPROVER)))
    reward = await shop.reward("O-3", "L-1")
    assert (reward["state"], reward["amount"]) == ("reserved", "0.58")
    assert pool(await shop.campaign()) == ("200.00", "100.58", "0.00", "99.42")


async def test_moving_the_window_in_the_terms_moves_it_for_the_rewards(shop: Sharing, make_key: Any) -> None:
    """The window is stated once, in campaign_terms: a version whose terms end it a day later (nothing else
    changed) lets an order paid in the extra day earn, and a refund decides again within that same window."""
    dec_13 = "2026-12-13T10:00:00+08:00"
    before = await shop.reward("O-1", paid_at=dec_13)
    assert (before["state"], before["code"], before["rule"]) == ("refused", "outside_window", "outside_campaign_window")
    admin = bearer(await make_key("policy_admin"))
    await approved(shop.client, await shop.client.post("/v1/policy-versions", headers=admin, json={
        "files": moved_window_files("2026-12-14T00:00:00+08:00", "2026-12-13T16:00:00Z"),
        "message": "12.12 window extended to Dec 13"}), bearer(await make_key("policy_admin", person=APPROVER)))
    assert (await shop.campaign())["terms"]["window_end"] == "2026-12-13T16:00:00Z"
    reward = await shop.reward("O-2", paid_at=dec_13, items=[APPLES, LIPSTICK])
    assert (reward["state"], reward["amount"], reward["code"]) == ("reserved", "5.58", None)
    assert "outside_campaign_window" not in reward["rules"]
    order = await ok(await shop.event("O-2", "E-1", "refunded", "2026-12-14T10:00:00+08:00", sku="LIPSTICK"))
    assert (order["campaign_reward"]["state"], order["campaign_reward"]["amount"]) == ("reserved", "0.58")
    late = await shop.reward("O-3", paid_at="2026-12-14T00:00:00+08:00")  # the new end is still exclusive
    assert (late["state"], late["code"]) == ("refused", "outside_window")
    assert pool(await shop.campaign()) == ("100.00", "0.58", "0.00", "99.42")


async def test_bad_attribution_is_422_and_changes_nothing(shop: Sharing) -> None:
    response = await shop.buy("O-1", "L-NOPE")
    assert response.status_code == 422
    assert response.json()["code"] == "unknown_share_list"
    assert response.json()["errors"][0]["field"] == "body.share_list_id"
    assert (await shop.client.get("/v1/orders/O-1", headers=shop.headers)).status_code == 404
    assert pool(await shop.campaign()) == ("100.00", "0.00", "0.00", "100.00")


async def test_share_lists_are_idempotent_by_the_callers_id(shop: Sharing) -> None:
    again = await ok(await shop.share("L-1", "CONSUMER-1"), 200)
    assert (again["consumer_id"], again["campaign_id"], again["orders"]) == ("CONSUMER-1", CAMPAIGN, 0)
    other = await shop.share("L-1", "CONSUMER-2")
    assert (other.status_code, other.json()["code"]) == (409, "share_list_id_reused")
    await shop.reward("O-1")
    seen = await ok(await shop.client.get("/v1/share-lists/L-1", headers=shop.headers))
    assert (seen["orders"], seen["earned"]) == (1, "0.58")


@pytest.mark.parametrize(("body", "status", "code"), [
    pytest.param({"skus": []}, 422, "invalid_input", id="no-skus"),
    pytest.param({"skus": ["A", "A"]}, 422, "duplicate_sku", id="duplicate-sku"),
    pytest.param({"seller_id": "S-NOPE"}, 404, "seller_not_found", id="unknown-store"),
])
async def test_a_bad_share_list_is_refused(shop: Sharing, body: dict[str, Any], status: int, code: str) -> None:
    request = {"share_list_id": "L-BAD", "consumer_id": "C-9", "seller_id": "S-1", "skus": ["A"], **body}
    response = await shop.client.post("/v1/share-lists", json=request, headers=shop.headers)
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert (await shop.client.get("/v1/share-lists/L-BAD", headers=shop.headers)).status_code == 404


async def test_an_order_without_a_list_has_no_reward(shop: Sharing) -> None:
    order = await ok(await shop.buy("O-1", None), 201)
    assert order["campaign_reward"] is None


async def test_the_campaign_in_force_is_shown_before_its_first_list(client: httpx.AsyncClient, make_key: Any) -> None:
    view = await ok(await client.get(f"/v1/campaigns/{CAMPAIGN}", headers=bearer(await make_key("storefront"))))
    assert pool(view) == ("100.00", "0.00", "0.00", "100.00")
    assert view["terms"]["budget_cap"] == "100.00"
    other = await client.get("/v1/campaigns/no_such_campaign", headers=bearer(await make_key("storefront")))
    assert other.status_code == 404 and other.json()["code"] == "campaign_not_found"


async def test_a_list_shows_reserved_and_committed_apart_and_an_order_its_lines(shop: Sharing) -> None:
    reward = await shop.reward("O-1", items=[APPLES, LIPSTICK, PHONE])
    assert [(line["sku"], line["eligible"], line["reward"], line["refusal"]) for line in reward["lines"]] == [
        ("APPLE-5KG", True, "0.58", None), ("LIPSTICK", True, "5.00", None),
        ("PHONE", False, "0.00", "category_excluded")]
    assert reward["lines"][1]["rule"] == "beauty_fixed_reward"
    await shop.reward("O-2", items=[LIPSTICK])
    await ok(await shop.event("O-1", "E-1", "receipt_confirmed", "2026-12-10T10:00:00+08:00"))
    listed = await ok(await shop.client.get("/v1/share-lists/L-1", headers=shop.headers))
    assert (listed["reserved"], listed["committed"], listed["earned"]) == ("5.00", "5.58", "10.58")
