"""Terms come from their source of record: the listing's category, price and supplier commission, never the
caller's; a commission never exceeds its line; amounts beyond the program's range are 422, not a 500."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from engine.outputs import per_unit_of
from store.api_keys import create_key
from tests.clock import advance_to
from tests.commerce.helpers import APPLES, Storefront, bearer, ok, running_app
from tests.onboarding.helpers import app_path, application, pay_deposit
from tests.policy_versions.helpers import edited_files, write_files

SUP = "SUP-91330100MA2AXXXX07"
LISTED = {"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90", "commission_rate_bp": 1800}
PAID = "2026-11-10T02:00:00Z"


async def listed_supplier(client: Any, make_key: Any) -> dict[str, str]:
    keys = {role: await make_key(role) for role in ("storefront", "supplier", "reviewer")}
    await ok(await client.post("/v1/supplier-applications", json=application("APP-T"),
                               headers=bearer(keys["supplier"])))
    await pay_deposit(client, await make_key("policy_admin"), "APP-T")
    await ok(await client.post(app_path("APP-T", "/decision"), headers=bearer(keys["reviewer"]),
                               json={"decision": "approve", "reason": "compliant"}))
    await ok(await client.post(f"/v1/suppliers/{SUP}/products", json=LISTED, headers=bearer(keys["supplier"])), 201)
    await ok(await client.post("/v1/sellers", json={"seller_id": "S-T"}, headers=bearer(keys["storefront"])))
    advance_to(PAID)
    return keys


def order(*items: dict[str, Any]) -> dict[str, Any]:
    return {"seller_id": "S-T", "buyer_id": "b", "paid_at": PAID, "items": list(items)}


def problem(response: Any, status: int, code: str, field: str | None = None) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] == code, body
    if field:
        assert body["errors"][0]["field"] == f"body.{field}", body


@pytest.mark.parametrize("commission", [{"rate_bp": 10000}, {"amount": "1.00"}], ids=["rate-100%", "amount"])
async def test_an_order_cannot_choose_its_commission(client: Any, make_key: Any, commission: dict[str, Any]) -> None:
    keys = await listed_supplier(client, make_key)
    for item in (dict(APPLES, commission=commission), dict(APPLES, supplier_id=SUP, commission=commission)):
        r = await client.put("/v1/orders/O-C", json=order(item), headers=bearer(keys["storefront"]))
        problem(r, 422, "commission_from_listing", "items.0.commission")
    assert (await client.get("/v1/orders/O-C", headers=bearer(keys["storefront"]))).status_code == 404


async def test_the_listings_rate_decides_the_quote_and_the_order(client: Any, make_key: Any) -> None:
    keys = await listed_supplier(client, make_key)
    line = dict(APPLES, supplier_id=SUP)
    quote = await ok(await client.post("/v1/commission/quotes", json={"items": [line]},
                                       headers=bearer(keys["storefront"])))
    assert (quote["items"][0]["commission"], quote["items"][0]["rules"]) == ("5.20", ["supplier_rate"])
    placed = await ok(await client.put("/v1/orders/O-L", json=order(line), headers=bearer(keys["storefront"])), 201)
    assert placed["commission_lines"][0]["amount"] == "5.20"  # 18% of 28.90 = 5.202, the listing's rate


async def test_an_order_line_naming_no_supplier_is_refused_and_records_nothing(client: Any, make_key: Any) -> None:
    """Goods no supplier listed have no category, price or commission the platform can vouch for: a storefront
    could report them in any category it likes, and so choose the seller's commission and tier progress."""
    keys = await listed_supplier(client, make_key)
    unlisted = {"sku": "GOLD-BAR", "category": "cosmetics", "price": "9999.00", "quantity": 1}
    for items, field in (([unlisted], "items.0.supplier_id"), ([dict(APPLES, supplier_id=SUP), APPLES],
                                                                "items.1.supplier_id")):
        r = await client.put("/v1/orders/O-U", json=order(*items), headers=bearer(keys["storefront"]))
        problem(r, 422, "supplier_required", field)
    assert (await client.get("/v1/orders/O-U", headers=bearer(keys["storefront"]))).status_code == 404
    lines = await ok(await client.get("/v1/sellers/S-T/commission-lines", headers=bearer(keys["storefront"])))
    assert lines["lines"] == []
    # a quote writes nothing: it may still ask what the program's table pays for goods of a category
    quote = await ok(await client.post("/v1/commission/quotes", json={"items": [unlisted]},
                                       headers=bearer(keys["storefront"])))
    assert quote["items"][0]["rules"] == ["beauty_rate"]


@pytest.mark.parametrize(("change", "field"), [
    ({"category": "snacks"}, "items.0.category"), ({"price": "2890.00"}, "items.0.price")])
async def test_a_listed_skus_category_and_price_are_the_listings(client: Any, make_key: Any, change: dict[str, str],
                                                                 field: str) -> None:
    keys = await listed_supplier(client, make_key)
    line = dict(APPLES, supplier_id=SUP, **change)
    for method, url, body in (("PUT", "/v1/orders/O-P", order(line)),
                              ("POST", "/v1/commission/quotes", {"items": [line]})):
        r = await client.request(method, url, json=body, headers=bearer(keys["storefront"]))
        problem(r, 422, "terms_differ_from_listing", field)


async def test_goods_the_supplier_never_listed_cannot_be_ordered_under_its_name(client: Any, make_key: Any) -> None:
    keys = await listed_supplier(client, make_key)
    never = {"sku": "GOLD-BAR", "category": "fresh_fruit", "price": "28.90", "quantity": 1, "supplier_id": SUP}
    problem(await client.put("/v1/orders/O-N", json=order(never), headers=bearer(keys["storefront"])),
            409, "product_not_listed")


@pytest.mark.parametrize(("line", "field"), [
    ({"price": "9999999999999.99", "quantity": 100000}, "items.0"),
    ({"price": "28.90", "commission": {"amount": "28.91"}}, "items.0"),
], ids=["beyond-the-fen-range", "commission-above-price"])
async def test_amounts_beyond_the_program_are_422(client: Any, make_key: Any, line: dict[str, Any],
                                                  field: str) -> None:
    shop = Storefront(client, await make_key("storefront"))
    item = {"sku": "X", "category": "fresh_fruit", "quantity": 1, **line}
    r = await client.post("/v1/commission/quotes", json={"items": [item]}, headers=shop.headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"].startswith(f"body.{field}"), r.text


async def test_a_policy_paying_more_than_the_line_records_nothing(database_url: str, tmp_path: Path) -> None:
    fruit = 'then: {rate_bp: "17.99%", commission: {rate: "17.99%", of: line_amount}, basis: program_rate}'
    greedy = edited_files({fruit: 'then: {rate_bp: "17.99%", commission: "100.00", basis: program_rate}'})
    async with running_app(database_url, policy_path=write_files(tmp_path, greedy)) as client:
        key = (await create_key("storefront", party="default"))[1]
        shop = Storefront(client, key)
        await shop.open_store("S-G")
        r = await shop.order("O-G", "S-G", "b")
        problem(r, 409, "commission_exceeds_line")
        assert (await client.get("/v1/orders/O-G", headers=shop.headers)).status_code == 404


def test_a_fixed_amount_per_unit_follows_what_is_left_of_the_line() -> None:
    assert per_unit_of(200, 20000, 10000) == 400  # RMB 2.00 a unit, two RMB 100.00 units: RMB 4.00
    assert per_unit_of(200, 1000, 10000) == 20  # RMB 190.00 refunded: a tenth of a unit is left
    assert per_unit_of(520, 1445, 2890) == 260  # half a box of apples: half of RMB 5.20
    assert per_unit_of(1, 5000, 10000) == 1  # half a fen rounds half-up


@pytest.mark.parametrize(("changed", "field"), [({"category": "snacks"}, "category"), ({"price": "1.00"}, "price")])
async def test_a_suppliers_product_is_shelved_on_its_listings_terms(client: Any, make_key: Any,
                                                                     changed: dict[str, str], field: str) -> None:
    keys = await listed_supplier(client, make_key)
    shop = bearer(keys["storefront"])
    shelf = {"supplier_id": SUP, "category": "fresh_fruit", "price": "28.90"}
    problem(await client.put("/v1/sellers/S-T/shelf/APPLE-5KG", json={**shelf, **changed}, headers=shop), 422,
            "terms_differ_from_listing", field)
    seller = await ok(await client.get("/v1/sellers/S-T", headers=shop))
    assert seller["shelf_count"] == 0
    await ok(await client.put("/v1/sellers/S-T/shelf/APPLE-5KG", json=shelf, headers=shop), 201)
