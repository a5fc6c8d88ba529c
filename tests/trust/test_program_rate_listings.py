"""A listing may name no commission rate of its own: its lines then earn the program's rate for the listing's
category (rules/commission.yaml), as in force when each order is decided, so the policy team's category rates
decide the commission of listed goods whose supplier set none. Parity judges the program's rate as of the listing."""

from __future__ import annotations

from typing import Any

from tests.commerce.helpers import APPLES, bearer, ok
from tests.trust.test_listed_terms import SUP, listed_supplier, order

PEARS = {"sku": "PEAR-5KG", "category": "fresh_fruit", "price": "30.00",
         "references": {"taoke_commission": {"rate_bp": 1500, "source": "taoke market",
                                             "observed_at": "2026-11-10T01:00:00Z"}}}


async def test_a_listing_without_a_rate_earns_the_programs_rate_for_its_category(client: Any, make_key: Any) -> None:
    keys = await listed_supplier(client, make_key)
    listed = await ok(await client.post(f"/v1/suppliers/{SUP}/products", json=PEARS,
                                        headers=bearer(keys["supplier"])), 201)
    assert (listed["status"], listed["program_rate"], listed["commission_rate"]) == ("listed", True, "17.99%")
    line = {**APPLES, "sku": "PEAR-5KG", "price": "30.00", "supplier_id": SUP}
    quote = await ok(await client.post("/v1/commission/quotes", json={"items": [line]},
                                       headers=bearer(keys["storefront"])))
    assert (quote["items"][0]["commission"], quote["items"][0]["rules"]) == ("5.40", ["fresh_fruit_rate"])
    placed = await ok(await client.put("/v1/orders/O-PEAR", json=order(line), headers=bearer(keys["storefront"])),
                      201)
    assert placed["commission_lines"][0]["amount"] == "5.40"  # 17.99% of 30.00 = 5.397, the program's rate
    sent = await client.put("/v1/orders/O-PEAR-2", json=order({**line, "commission": {"rate_bp": 5000}}),
                            headers=bearer(keys["storefront"]))
    assert (sent.status_code, sent.json()["code"]) == (422, "commission_from_listing")


async def test_parity_judges_the_programs_rate_of_a_listing_without_one(client: Any, make_key: Any) -> None:
    keys = await listed_supplier(client, make_key)
    above = {**PEARS, "references": {"taoke_commission": {"rate_bp": 2500, "source": "taoke market",
                                                          "observed_at": "2026-11-10T01:00:00Z"}}}
    refused = await client.post(f"/v1/suppliers/{SUP}/products", json=above, headers=bearer(keys["supplier"]))
    assert (refused.status_code, refused.json()["code"]) == (409, "listing_refused")
    assert refused.json()["product"]["failed_rules"] == ["commission_at_least_taoke"]  # 17.99% < 25% elsewhere
