"""A listing may name no commission rate of its own: its lines then earn the program's rate for the listing's
category (rules/commission.yaml), as in force when each order is decided, so the policy team's category rates
decide the commission of listed goods whose supplier set none. Parity judges the program's rate in force: at the
listing, at each new snapshot, and at the tick after the policy team changes the rate."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from tests.commerce.helpers import APPLES, bearer, ok
from tests.policy_versions.helpers import APPROVER, FRUIT_AT_16, approved, edited_files, shipped_files
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


async def test_a_program_rate_lowered_below_the_taoke_market_suspends_the_listings_that_earn_it(
        client: Any, app: FastAPI, make_key: Any) -> None:
    keys = await listed_supplier(client, make_key)
    admin, approver = await make_key("policy_admin"), await make_key("policy_admin", person=APPROVER)
    at_17 = {"taoke_commission": {"rate_bp": 1700, "source": "taoke market", "observed_at": "2026-11-10T01:00:00Z"}}
    pears = await ok(await client.post(f"/v1/suppliers/{SUP}/products", json={**PEARS, "references": at_17},
                                       headers=bearer(keys["supplier"])), 201)
    own = await ok(await client.post(f"/v1/suppliers/{SUP}/products", headers=bearer(keys["supplier"]), json={
        **PEARS, "sku": "PEAR-OWN", "commission_rate_bp": 1800, "references": at_17}), 201)
    assert (pears["status"], pears["commission_rate"], own["status"]) == ("listed", "17.99%", "listed")

    async def in_force(files: dict[str, str]) -> dict[str, Any]:
        """The files put in force now by two people, every process's evaluator refreshed, then a tick."""
        await approved(client, await client.post("/v1/policy-versions", headers=bearer(admin), json={
            "files": files, "message": "fresh fruit rate"}), bearer(approver))
        await app.state.evaluator.refresh()
        return await ok(await client.post("/v1/jobs/tick", json={}, headers=bearer(admin)))

    async def pear(sku: str = "PEAR-5KG") -> dict[str, Any]:
        return await ok(await client.get(f"/v1/suppliers/{SUP}/products/{sku}", headers=bearer(keys["supplier"])))

    assert (await in_force(edited_files(FRUIT_AT_16)))["judged_listings"] == 1  # not the one with a rate of its own
    suspended = await pear()
    assert (suspended["status"], suspended["commission_rate"]) == ("suspended", "16%")
    assert suspended["failed_rules"] == ["commission_at_least_taoke"] and suspended["decision_id"] != pears[
        "decision_id"]
    assert (await pear("PEAR-OWN"))["status"] == "listed"
    line = {**APPLES, "sku": "PEAR-5KG", "price": "30.00", "supplier_id": SUP}
    refused = await client.put("/v1/orders/O-PEAR", json=order(line), headers=bearer(keys["storefront"]))
    assert (refused.status_code, refused.json()["code"]) == (409, "product_not_listed")
    again = await ok(await client.post("/v1/jobs/tick", json={}, headers=bearer(admin)))
    assert again["judged_listings"] == 0  # judged once per change of the rate

    # a new snapshot is judged at the rate in force too: still short of the market's 17%
    newer = {"taoke_commission": {**at_17["taoke_commission"], "observed_at": "2026-11-10T01:30:00Z"}}
    seen = await ok(await client.put(f"/v1/suppliers/{SUP}/products/PEAR-5KG/parity", json=newer,
                                     headers=bearer(keys["supplier"])))
    assert (seen["status"], seen["commission_rate"]) == ("suspended", "16%")

    assert (await in_force(shipped_files()))["judged_listings"] == 1  # 17.99% again: listed
    relisted = await pear()
    assert (relisted["status"], relisted["commission_rate"], relisted["failed_rules"]) == ("listed", "17.99%", [])
    await ok(await client.put("/v1/orders/O-PEAR", json=order(line), headers=bearer(keys["storefront"])), 201)
