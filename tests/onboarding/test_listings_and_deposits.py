"""The listing gate (parity, suspension visible to storefronts) and the deposit ledger."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from store.suppliers import Product
from tests.clock import advance_to, start_at
from tests.commerce.helpers import Storefront, bearer, ok
from tests.onboarding.helpers import application, pay_deposit
from workflows.common.cursors import cursor_of

SUP = "SUP-91330100MA2AXXXX07"
SEEN = "2026-11-20T10:00:00+08:00"
TODAY = "2026-12-06T08:00:30+08:00"  # half a minute into the world (below), after its supplier's approval
# the supplier lists on Dec 6 what it saw elsewhere in late November; deposits move in December
pytestmark = pytest.mark.world_starts("2026-12-06T00:00:00Z")


async def approved_supplier(client: Any, make_key: Any, **changes: Any) -> dict[str, str]:
    supplier = bearer(await make_key("supplier"))
    await ok(await client.post("/v1/supplier-applications", json=application("APP-L", **changes), headers=supplier))
    await pay_deposit(client, await make_key("policy_admin"), "APP-L")
    await ok(await client.post("/v1/supplier-applications/APP-L@SUP-91330100MA2AXXXX07/decision", json={
        "decision": "approve", "reason": "compliant"}, headers=bearer(await make_key("reviewer"))))
    return supplier


def apples(rate_bp: int = 1799, taoke_bp: int = 1500, elsewhere: str = "29.90") -> dict[str, Any]:
    return {"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90", "commission_rate_bp": rate_bp,
            "references": {"taoke_commission": {"rate_bp": taoke_bp, "source": "taoke market", "observed_at": SEEN},
                           "other_platform_price": {"price": elsewhere, "source": "jd.com", "observed_at": SEEN}}}


async def test_listing_passes_parity_and_a_breach_suspends_it_for_storefronts(client: Any, make_key: Any) -> None:
    supplier = await approved_supplier(client, make_key)
    listed = await ok(await client.post(f"/v1/suppliers/{SUP}/products", json=apples(), headers=supplier), 201)
    assert (listed["status"], listed["failed_rules"]) == ("listed", [])
    assert listed["commission_rate"] == "17.99%"
    assert listed["references"]["taoke_commission"] == {"rate": "15%", "source": "taoke market",
                                                        "observed_at": "2026-11-20T02:00:00Z"}
    assert listed["references"]["other_platform_price"]["price"] == "29.90"
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-GATE")
    shelf = {"supplier_id": SUP, "category": "fresh_fruit", "price": "28.90"}
    assert (await client.put("/v1/sellers/S-GATE/shelf/APPLE-5KG", json=shelf, headers=shop.headers)).status_code == 201

    cheaper = {"other_platform_price": {"price": "25.00", "source": "jd.com", "observed_at": "2026-11-22T10:00:00Z"}}
    view = await ok(await client.put(f"/v1/suppliers/{SUP}/products/APPLE-5KG/parity", json=cheaper,
                                     headers=supplier))
    assert (view["status"], view["failed_rules"]) == ("suspended", ["price_at_most_other_platforms"])
    quote = await client.post("/v1/commission/quotes", headers=shop.headers, json={"items": [
        {"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90", "supplier_id": SUP}]})
    assert quote.status_code == 409 and quote.json()["code"] == "product_not_listed"
    again = await client.put("/v1/sellers/S-GATE/shelf/APPLE-2", json=shelf, headers=shop.headers)
    assert again.status_code == 409

    cured = {"other_platform_price": {"price": "30.00", "source": "jd.com", "observed_at": "2026-11-23T10:00:00Z"}}
    view = await ok(await client.put(f"/v1/suppliers/{SUP}/products/APPLE-5KG/parity", json=cured, headers=supplier))
    assert view["status"] == "listed"


async def test_listing_below_the_taoke_commission_is_refused_with_the_rule(client: Any, make_key: Any) -> None:
    supplier = await approved_supplier(client, make_key)
    r = await client.post(f"/v1/suppliers/{SUP}/products", json=apples(rate_bp=1000), headers=supplier)
    assert r.status_code == 409 and r.json()["code"] == "listing_refused"
    assert r.json()["product"]["failed_rules"] == ["commission_at_least_taoke"]
    other = await client.post(f"/v1/suppliers/{SUP}/products", headers=supplier,
                              json=dict(apples(), sku="TV", category="electronics"))
    assert other.status_code == 422 and other.json()["code"] == "category_not_approved"


async def test_a_refused_listing_is_the_suppliers_own_not_the_catalogues(client: Any, make_key: Any) -> None:
    """A storefront read a product the parity rules had refused before it was ever listed: the terms the supplier
    tried and the prices it had seen elsewhere. Storefronts read the catalogue (listed, or suspended once listed);
    the supplier and the platform still read the refused one."""
    supplier = await approved_supplier(client, make_key)
    shop, reviewer = bearer(await make_key("storefront")), bearer(await make_key("reviewer"))
    tried = await client.post(f"/v1/suppliers/{SUP}/products", json=apples(rate_bp=1000), headers=supplier)
    assert tried.json()["product"]["status"] == "refused"
    path = f"/v1/suppliers/{SUP}/products/APPLE-5KG"
    hidden = await client.get(path, headers=shop)
    assert (hidden.status_code, hidden.json()["code"]) == (404, "product_not_found"), hidden.text
    for owner in (supplier, reviewer):
        assert (await ok(await client.get(path, headers=owner)))["status"] == "refused"
    await ok(await client.post(f"/v1/suppliers/{SUP}/products", json=apples(), headers=supplier), 201)
    assert (await ok(await client.get(path, headers=shop)))["status"] == "listed"


async def test_counterfeit_deduction_then_fifteen_days_restricts_listings(client: Any, make_key: Any) -> None:
    start_at(SEEN)  # the day the listing's parity snapshots were observed
    supplier = await approved_supplier(client, make_key)
    admin = bearer(await make_key("policy_admin"))
    await ok(await client.post(f"/v1/suppliers/{SUP}/products", json=apples(), headers=supplier), 201)
    deposit = await ok(await client.get(f"/v1/suppliers/{SUP}/deposit", headers=admin))
    assert (deposit["balance"], deposit["standing"]) == ("10000.00", "good")
    assert all(m["decision_id"] for m in deposit["movements"])  # every movement is explained by a rule

    movement = {"movement_id": "D-1", "kind": "deduction", "amount": "3000.00", "reason": "counterfeit finding",
                "at": "2026-11-21T10:00:00+08:00"}
    advance_to(movement["at"])  # recorded as it happens: the top-up window runs from when the platform learns of it
    deposit = await ok(await client.post(f"/v1/suppliers/{SUP}/deposit/movements", json=movement, headers=admin), 201)
    assert (deposit["balance"], deposit["standing"], deposit["listings_visible"]) == ("7000.00", "underfunded", True)
    [deduction] = [m for m in deposit["movements"] if m["movement_id"] == "D-1"]
    assert (deduction["amount"], deduction["decision_id"]) == ("-3000.00", deposit["standing_decision_id"])
    replay = await client.post(f"/v1/suppliers/{SUP}/deposit/movements", json=movement, headers=admin)
    assert replay.status_code == 200 and replay.json()["balance"] == "7000.00"

    advance_to("2026-12-05T10:00:00+08:00")
    tick = await ok(await client.post("/v1/jobs/tick", json={}, headers=admin))
    assert tick["restricted_suppliers"] == 0  # day 14: still inside the top-up window
    advance_to("2026-12-06T10:00:00+08:00")
    tick = await ok(await client.post("/v1/jobs/tick", json={}, headers=admin))
    assert tick["restricted_suppliers"] == 1
    deposit = await ok(await client.get(f"/v1/suppliers/{SUP}/deposit", headers=admin))
    assert (deposit["standing"], deposit["listings_visible"]) == ("restricted", False)
    decision = await ok(await client.get(f"/v1/decisions/{deposit['standing_decision_id']}", headers=admin))
    assert decision["rules"] == ["restricted_after_top_up_window"]

    shop = Storefront(client, await make_key("storefront"))
    quote = await client.post("/v1/commission/quotes", headers=shop.headers, json={"items": [
        {"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90", "supplier_id": SUP}]})
    assert quote.status_code == 409 and quote.json()["code"] == "supplier_restricted"

    top_up = dict(movement, movement_id="P-1", kind="payment", amount="3000.00", reason="top-up",
                  at="2026-12-07T10:00:00+08:00")
    advance_to(top_up["at"])
    deposit = await ok(await client.post(f"/v1/suppliers/{SUP}/deposit/movements", json=top_up, headers=admin), 201)
    assert (deposit["balance"], deposit["standing"], deposit["listings_visible"]) == ("10000.00", "good", True)


async def test_release_on_exit_returns_the_deposit(client: Any, make_key: Any) -> None:
    await approved_supplier(client, make_key)
    admin = bearer(await make_key("policy_admin"))
    release = {"movement_id": "R-1", "kind": "release", "amount": "0", "reason": "supplier exits", "at": TODAY}
    deposit = await ok(await client.post(f"/v1/suppliers/{SUP}/deposit/movements", json=release, headers=admin), 201)
    assert (deposit["balance"], deposit["status"], deposit["listings_visible"]) == ("0.00", "exited", False)
    [release] = [m for m in deposit["movements"] if m["kind"] == "release"]
    assert release["amount"] == "-10000.00" and release["decision_id"]
    decision = await ok(await client.get(f"/v1/decisions/{release['decision_id']}", headers=admin))
    assert decision["rules"] == ["release_on_exit"]


async def test_deduction_beyond_the_balance_is_refused(client: Any, make_key: Any) -> None:
    await approved_supplier(client, make_key)
    admin = bearer(await make_key("policy_admin"))
    r = await client.post(f"/v1/suppliers/{SUP}/deposit/movements", headers=admin, json={
        "movement_id": "D-X", "kind": "deduction", "amount": "10000.01", "reason": "x", "at": TODAY})
    assert r.status_code == 422 and r.json()["code"] == "deduction_exceeds_balance"


@pytest.mark.parametrize("kind", ["payment", "deduction"])
async def test_a_movement_of_nothing_is_refused_and_books_nothing(client: Any, make_key: Any, kind: str) -> None:
    await approved_supplier(client, make_key)
    admin = bearer(await make_key("policy_admin"))
    before = await ok(await client.get(f"/v1/suppliers/{SUP}/deposit", headers=admin))
    r = await client.post(f"/v1/suppliers/{SUP}/deposit/movements", headers=admin, json={
        "movement_id": "M-0", "kind": kind, "amount": "0.00", "reason": "nothing", "at": TODAY})
    assert (r.status_code, r.json()["code"]) == (422, "invalid_input"), r.text
    assert f"a {kind} is more than 0.00" in r.text
    assert await ok(await client.get(f"/v1/suppliers/{SUP}/deposit", headers=admin)) == before


async def test_a_movement_dated_before_the_supplier_was_approved_is_refused(client: Any, make_key: Any) -> None:
    """Dated before the supplier existed, a movement would be judged by deposit rules that never applied to it."""
    start_at("2026-12-06T10:00:00+08:00")
    await approved_supplier(client, make_key)
    admin = bearer(await make_key("policy_admin"))
    before = {"movement_id": "D-EARLY", "kind": "deduction", "amount": "3000.00", "reason": "late shipment",
              "at": "2026-12-06T09:59:59+08:00"}
    r = await client.post(f"/v1/suppliers/{SUP}/deposit/movements", headers=admin, json=before)
    assert (r.status_code, r.json()["code"]) == (422, "time_before_previous_step"), r.text
    assert r.json()["earliest"] == "2026-12-06T02:00:00Z" and r.json()["errors"][0]["field"] == "body.at"
    deposit = await ok(await client.get(f"/v1/suppliers/{SUP}/deposit", headers=admin))
    assert (deposit["balance"], [m["movement_id"] for m in deposit["movements"] if m["kind"] == "deduction"]) == (
        "10000.00", [])
    at_approval = await client.post(f"/v1/suppliers/{SUP}/deposit/movements", headers=admin,
                                    json={**before, "at": "2026-12-06T10:00:00+08:00"})
    assert at_approval.status_code == 201, at_approval.text


async def test_a_deduction_dated_back_leaves_the_supplier_its_fifteen_days(client: Any, make_key: Any) -> None:
    """Recorded on Dec 1 and dated Nov 2, a deduction still gives the supplier 15 days to top up from when the
    platform learned of it: the window's start is the platform's, not the movement's date."""
    start_at("2026-11-01T10:00:00+08:00")
    await approved_supplier(client, make_key)
    admin = bearer(await make_key("policy_admin"))
    advance_to("2026-12-01T10:00:00+08:00")
    deduction = {"movement_id": "M-LATE", "kind": "deduction", "amount": "3000.00", "reason": "late shipment",
                 "at": "2026-11-02T10:00:00+08:00"}
    deposit = await ok(await client.post(f"/v1/suppliers/{SUP}/deposit/movements", json=deduction, headers=admin),
                       201)
    assert (deposit["standing"], deposit["underfunded_since"]) == ("underfunded", "2026-12-01T02:00:00Z")
    assert (await ok(await client.post("/v1/jobs/tick", json={}, headers=admin)))["restricted_suppliers"] == 0
    advance_to("2026-12-15T10:00:00+08:00")  # day 14
    assert (await ok(await client.post("/v1/jobs/tick", json={}, headers=admin)))["restricted_suppliers"] == 0
    advance_to("2026-12-16T10:00:00+08:00")  # day 15
    assert (await ok(await client.post("/v1/jobs/tick", json={}, headers=admin)))["restricted_suppliers"] == 1


def price_seen(price: str, observed_at: str, source: str = "jd.com") -> dict[str, Any]:
    return {"other_platform_price": {"price": price, "source": source, "observed_at": observed_at}}


async def test_an_older_parity_snapshot_does_not_cure_a_newer_breach(client: Any, make_key: Any) -> None:
    """The platform saw the apples cheaper elsewhere on Dec 1 (suspended); the supplier re-sending its Nov 20
    observation is refused and the listing stays suspended."""
    start_at(SEEN)
    supplier = await approved_supplier(client, make_key)
    admin = bearer(await make_key("policy_admin"))
    assert (await ok(await client.post(f"/v1/suppliers/{SUP}/products", json=apples(), headers=supplier),
                     201))["status"] == "listed"
    advance_to("2026-12-01T10:00:00+08:00")
    parity = f"/v1/suppliers/{SUP}/products/APPLE-5KG/parity"
    breach = await ok(await client.put(parity, headers=admin, json=price_seen("20.00", "2026-12-01T09:00:00+08:00")))
    assert breach["status"] == "suspended"
    stale = await client.put(parity, headers=supplier, json=price_seen("29.90", SEEN))
    assert (stale.status_code, stale.json()["code"]) == (409, "snapshot_older_than_recorded"), stale.text
    product = await ok(await client.get(f"/v1/suppliers/{SUP}/products/APPLE-5KG", headers=supplier))
    assert (product["status"], product["references"]["other_platform_price"]["price"]) == ("suspended", "20.00")
    cured = await ok(await client.put(parity, headers=supplier, json=price_seen("29.90", "2026-12-01T10:00:00+08:00")))
    assert cured["status"] == "listed"  # a newer observation is taken


async def test_a_snapshot_dated_ahead_of_the_clock_does_not_hold_off_the_platforms(client: Any,
                                                                                    make_key: Any) -> None:
    """A supplier's snapshot dated four minutes ahead (within the skew allowed for callers' clocks) is recorded as
    observed when it arrived: recorded ahead, it refused the platform's own observation of a breach a minute later
    (409 `snapshot_older_than_recorded`), and one sent every few minutes would have held the platform's off."""
    start_at(SEEN)
    supplier = await approved_supplier(client, make_key)
    admin = bearer(await make_key("policy_admin"))
    await ok(await client.post(f"/v1/suppliers/{SUP}/products", json=apples(), headers=supplier), 201)
    advance_to("2026-12-01T10:00:00+08:00")
    parity = f"/v1/suppliers/{SUP}/products/APPLE-5KG/parity"
    ahead = await ok(await client.put(parity, headers=supplier, json=price_seen("29.90", "2026-12-01T10:04:00+08:00")))
    assert ahead["references"]["other_platform_price"]["observed_at"] == "2026-12-01T02:00:00Z"  # when it arrived
    advance_to("2026-12-01T10:01:00+08:00")
    breach = await ok(await client.put(parity, headers=admin, json=price_seen("20.00", "2026-12-01T10:01:00+08:00")))
    assert (breach["status"], breach["references"]["other_platform_price"]["price"]) == ("suspended", "20.00")


async def test_a_parity_snapshot_from_the_future_is_refused(client: Any, make_key: Any) -> None:
    start_at(SEEN)
    supplier = await approved_supplier(client, make_key)
    r = await client.post(f"/v1/suppliers/{SUP}/products", headers=supplier,
                          json={**apples(), "references": price_seen("30.00", "2999-01-01T00:00:00Z")})
    assert (r.status_code, r.json()["code"]) == (422, "time_in_future"), r.text
    assert (await client.get(f"/v1/suppliers/{SUP}/products/APPLE-5KG", headers=supplier)).status_code == 404


async def test_listing_a_product_again_does_not_drop_the_breach_on_record(client: Any, make_key: Any) -> None:
    """The platform recorded the apples at RMB 20.00 elsewhere and a 30% taoke commission (suspended); the supplier
    listing them again with no references at all had cured the breach, at a 1% commission."""
    start_at(SEEN)
    supplier = await approved_supplier(client, make_key)
    admin = bearer(await make_key("policy_admin"))
    assert (await ok(await client.post(f"/v1/suppliers/{SUP}/products", json=apples(), headers=supplier),
                     201))["status"] == "listed"
    advance_to("2026-12-01T10:00:00+08:00")
    breach = await ok(await client.put(f"/v1/suppliers/{SUP}/products/APPLE-5KG/parity", headers=admin, json={
        **price_seen("20.00", "2026-12-01T09:00:00+08:00"),
        "taoke_commission": {"rate_bp": 3000, "source": "taoke", "observed_at": "2026-12-01T09:00:00+08:00"}}))
    assert breach["status"] == "suspended"
    refused = await client.post(f"/v1/suppliers/{SUP}/products", headers=supplier,
                                json={**apples(rate_bp=100), "references": {}})
    assert (refused.status_code, refused.json()["code"]) == (409, "listing_refused")
    relisted = await ok(await client.get(f"/v1/suppliers/{SUP}/products/APPLE-5KG", headers=supplier))
    assert relisted["status"] == "suspended"
    assert set(relisted["failed_rules"]) == {"commission_at_least_taoke", "price_at_most_other_platforms"}
    assert relisted["references"]["other_platform_price"]["price"] == "20.00"


async def test_two_first_listings_of_one_sku_at_once_list_it_once(client: Any, make_key: Any) -> None:
    """Two listings of the same new SKU arriving together had answered 500 (the second insert's duplicate key)."""
    start_at(SEEN)
    supplier = await approved_supplier(client, make_key)
    answers = await asyncio.gather(*(client.post(f"/v1/suppliers/{SUP}/products", json=apples(), headers=supplier)
                                     for _ in range(4)))
    assert sorted(r.status_code for r in answers) == [201, 201, 201, 201], [r.text for r in answers]
    assert await Product.filter(supplier_id=SUP, sku="APPLE-5KG").count() == 1


async def test_a_movement_dated_back_does_not_lift_a_restriction_the_clock_reached(client: Any, make_key: Any) -> None:
    """Restricted after 15 days underfunded, the supplier's standing was decided again as of a small payment's date,
    a day after the deduction: 1 day underfunded, its listings visible again until the next tick."""
    start_at("2026-11-01T10:00:00+08:00")
    await approved_supplier(client, make_key)
    admin = bearer(await make_key("policy_admin"))
    movements = f"/v1/suppliers/{SUP}/deposit/movements"
    await ok(await client.post(movements, headers=admin, json={
        "movement_id": "D-1", "kind": "deduction", "amount": "3000.00", "reason": "late shipment",
        "at": "2026-11-01T10:00:00+08:00"}), 201)
    advance_to("2026-11-17T10:00:00+08:00")
    assert (await ok(await client.post("/v1/jobs/tick", json={}, headers=admin)))["restricted_suppliers"] == 1
    deposit = await ok(await client.post(movements, headers=admin, json={
        "movement_id": "P-1", "kind": "payment", "amount": "1.00", "reason": "part of a top-up",
        "at": "2026-11-02T10:00:00+08:00"}), 201)
    assert (deposit["standing"], deposit["listings_visible"]) == ("restricted", False)


async def test_the_deposit_pages_its_movements_newest_first(client: Any, make_key: Any) -> None:
    """A supplier years on the program has thousands of movements: the deposit answers a page of them, newest
    first (ties in time by movement id), with the balance of them all; the pages together are every movement."""
    start_at("2026-11-01T10:00:00+08:00")
    await approved_supplier(client, make_key)
    admin = bearer(await make_key("policy_admin"))
    advance_to("2026-11-02T10:00:00+08:00")
    for n, at in enumerate(["2026-11-01T11:00:00+08:00", "2026-11-01T12:00:00+08:00", "2026-11-01T12:00:00+08:00",
                            "2026-11-01T13:00:00+08:00"]):
        await ok(await client.post(f"/v1/suppliers/{SUP}/deposit/movements", headers=admin, json={
            "movement_id": f"P-{n}", "kind": "payment", "amount": "1.00", "reason": "top-up", "at": at}), 201)
    pages, after = [], None
    while True:
        page = await ok(await client.get(f"/v1/suppliers/{SUP}/deposit", headers=admin,
                                         params={"limit": 2, **({"after": after} if after else {})}))
        pages.append([m["movement_id"] for m in page["movements"]])
        assert page["balance"] == "10004.00"  # the balance is every movement's, on every page
        if not (after := page["next"]):
            break
    assert pages[:2] == [["P-3", "P-2"], ["P-1", "P-0"]]  # P-1 and P-2 share their time
    assert len(pages) == 3 and len(pages[2]) == 1  # and the deposit paid at application
    last = await ok(await client.post(f"/v1/suppliers/{SUP}/deposit/movements", headers=admin, json={
        "movement_id": "D-1", "kind": "deduction", "amount": "1.00", "reason": "late shipment",
        "at": "2026-11-02T09:00:00+08:00"}), 201)
    assert last["movements"][0]["movement_id"] == "D-1"  # the answer of a movement leads with it
    for cursor in ("not-a-cursor", "WyIyMDI2LTExLTAxVDA0OjAwOjAwIiwgIlAtMSJd"):  # garbage; a time without offset
        refused = await client.get(f"/v1/suppliers/{SUP}/deposit", headers=admin, params={"after": cursor})
        assert (refused.status_code, refused.json()["code"]) == (422, "invalid_cursor"), refused.text


@pytest.mark.parametrize(("at", "movement_id"), [
    pytest.param("0001-01-01T00:00:00+14:00", "P-1", id="before-year-1-in-utc"),
    pytest.param("9999-12-31T23:59:59-14:00", "P-1", id="after-year-9999-in-utc"),
    pytest.param("2026-11-01T04:00:00+00:00", "P-\x001", id="nul-in-the-id"),
])
async def test_a_forged_deposit_cursor_is_422_never_a_500(client: Any, make_key: Any, at: str,
                                                          movement_id: str) -> None:
    """A supplier reading its deposit with a cursor it made itself (well-formed, holding a time no row can have or a
    NUL) had answered 500 on PostgreSQL."""
    supplier = await approved_supplier(client, make_key)
    cursor = cursor_of(at, movement_id)
    refused = await client.get(f"/v1/suppliers/{SUP}/deposit", headers=supplier, params={"after": cursor})
    assert (refused.status_code, refused.json()["code"]) == (422, "invalid_cursor"), refused.text
