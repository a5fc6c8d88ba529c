"""Quotes: what each line earns, with rules and explanation, money as yuan text."""

from __future__ import annotations

from typing import Any

import pytest

from tests.commerce.helpers import APPLES, bearer

pytestmark = pytest.mark.asyncio


async def quote(client: Any, key: str, items: list[dict[str, Any]], **extra: Any) -> Any:
    return await client.post("/v1/commission/quotes", json={"items": items, **extra}, headers=bearer(key))


async def test_apples_quote_5_20(client: Any, make_key: Any) -> None:
    r = await quote(client, await make_key("storefront"), [APPLES])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["items"][0]["commission"] == "5.20"
    assert body["items"][0]["rules"] == ["fresh_fruit_rate"]
    assert "17.99% of RMB 28.90 = RMB 5.20" in body["items"][0]["explanation"]
    assert body["total_commission"] == "5.20"
    assert body["policy_version"].startswith("2026.11.0+")


@pytest.mark.parametrize(("commission", "expected", "rule"), [
    pytest.param({"rate_bp": 1800}, "5.20", "supplier_rate", id="supplier-rate-18pct"),
    pytest.param({"amount": "6.00"}, "6.00", "supplier_fixed_amount", id="supplier-fixed-amount"),
])
async def test_supplier_set_commission(client: Any, make_key: Any, commission: dict[str, Any], expected: str,
                                       rule: str) -> None:
    r = await quote(client, await make_key("storefront"), [dict(APPLES, commission=commission)])
    assert r.status_code == 200, r.text
    assert (r.json()["items"][0]["commission"], r.json()["items"][0]["rules"]) == (expected, [rule])


async def test_basket_total_and_repeated_lines(client: Any, make_key: Any) -> None:
    items = [APPLES, dict(APPLES, sku="APPLE-2"), {"sku": "LIP", "category": "cosmetics", "price": "99.00"}]
    body = (await quote(client, await make_key("storefront"), items)).json()
    assert [i["commission"] for i in body["items"]] == ["5.20", "5.20", "19.80"]
    assert body["total_commission"] == "30.20"


@pytest.mark.parametrize(("items", "field"), [
    pytest.param([dict(APPLES, price="28.9x")], "body.items.0.price", id="malformed-money"),
    pytest.param([dict(APPLES, price=28.9)], "body.items.0.price", id="money-as-float"),
    pytest.param([dict(APPLES, price="28.901")], "body.items.0.price", id="sub-fen-money"),
    pytest.param([dict(APPLES, category="fruit")], "body.items.0.category", id="unknown-category"),
    pytest.param([dict(APPLES, quantity=0)], "body.items.0.quantity", id="zero-quantity"),
    pytest.param([dict(APPLES, commission={"rate_bp": 1800, "amount": "1.00"})], "body.items.0.commission",
                 id="two-supplier-commissions"),
    pytest.param([dict(APPLES, colour="red")], "body.items.0.colour", id="unknown-field"),
    pytest.param([APPLES] * 1001, "body.items", id="over-1000-items"),
    pytest.param([], "body.items", id="no-items"),
])
async def test_bad_quotes_are_422_naming_the_field(client: Any, make_key: Any, items: list[Any], field: str) -> None:
    r = await quote(client, await make_key("storefront"), items)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["code"] in ("invalid_input", "invalid_fact")
    assert any(e["field"].startswith(field) for e in body["errors"]), body


async def test_quote_for_unknown_seller_is_404(client: Any, make_key: Any) -> None:
    r = await quote(client, await make_key("storefront"), [APPLES], seller_id="nobody")
    assert r.status_code == 404
    assert r.json()["code"] == "seller_not_found"


async def test_a_price_sent_as_a_number_is_told_how_money_is_written(client: Any, make_key: Any) -> None:
    r = await client.post("/v1/commission/quotes", headers=bearer(await make_key("storefront")),
                          json={"items": [{"sku": "APPLE-5KG", "category": "fresh_fruit", "price": 28.90}]})
    assert r.status_code == 422
    [error] = r.json()["errors"]
    assert error["field"] == "body.items.0.price"
    assert error["message"] == 'money is a decimal string of yuan such as "28.90", not a number'
