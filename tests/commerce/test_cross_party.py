"""Every key speaks for one party and reaches only what that party owns. Generated from the OpenAPI document:
every operation that names an object (in its path, or a store, order or supplier in its body) is called with
a key of another party of the same role, and answers 404, as for an object that does not exist. The owner's
own keys still get through (the same calls with them are not 404)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from store.decisions import DecisionRecord
from tests.clock import advance_to
from tests.commerce.helpers import APPLES, Storefront, bearer, ok
from tests.conftest import TEST_SUPPLIER, MakeKey
from tests.onboarding.helpers import app_path, application, pay_deposit
from workflows.common.scoped_ids import scoped_id

AT = "2026-11-08T10:00:00+08:00"
LISTED = {"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90", "supplier_id": TEST_SUPPLIER}
PATH_VALUES = {"seller_id": "S-A", "order_id": "O-A", "sku": "APPLE-5KG", "period": "2026-11",
               "supplier_id": TEST_SUPPLIER, "application_id": "APP-A", "dispute_id": "D-A", "share_list_id": "L-A",
               "merchant_id": "S-A"}
BODIES: dict[str, Any] = {
    "put_on_shelf": {"category": "snacks", "price": "9.90"},
    "report_order": {"seller_id": "S-A", "buyer_id": "B-9", "paid_at": AT, "items": [APPLES]},
    "report_event": {"event_id": "E-X", "type": "shipped", "at": AT},
    "post_event": {"event_id": "DE-X", "type": "escalate", "at": AT},
    "put_product": {"sku": "PEAR", "category": "fresh_fruit", "price": "9.90", "commission_rate_bp": 1800},
    "put_parity": {"other_platform_price": {"price": "30.00", "source": "jd.com", "observed_at": AT}},
}
# Operations naming another party's object in the body rather than the path.
BODY_NAMED = {
    ("post", "/v1/commission/quotes"): {"seller_id": "S-A", "items": [APPLES]},
    ("post", "/v1/share-lists"): {"share_list_id": "L-X", "consumer_id": "C-9", "seller_id": "S-A",
                                  "skus": ["APPLE-5KG"]},
    ("post", "/v1/disputes"): {"dispute_id": "D-X", "order_id": "O-A", "sku": "APPLE-5KG", "type": "not_received",
                               "amount": "1.00", "opened_at": AT},
    ("post", "/v1/supplier-applications"): application("APP-X"),
}
ACTOR = {"storefront": "buyer", "supplier": "supplier"}


async def world(client: httpx.AsyncClient, make_key: MakeKey) -> dict[str, dict[str, str]]:
    """Channel A's store S-A with an order, a shared list and a dispute on the test supplier's listed apples;
    the owner's keys and another party's key of each role."""
    owner = {"storefront": bearer(await make_key("storefront", party="channel-A")),
             "supplier": bearer(await make_key("supplier")), "reviewer": bearer(await make_key("reviewer"))}
    await ok(await client.post("/v1/supplier-applications", json=application("APP-A"), headers=owner["supplier"]))
    await pay_deposit(client, await make_key("policy_admin"), "APP-A")
    await ok(await client.post(app_path("APP-A", "/decision"), headers=owner["reviewer"],
                               json={"decision": "approve", "reason": "compliant"}))
    await ok(await client.post(f"/v1/suppliers/{TEST_SUPPLIER}/products", headers=owner["supplier"], json={
        "sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90", "commission_rate_bp": 1799}), 201)
    shop = owner["storefront"]
    await ok(await client.post("/v1/sellers", json={"seller_id": "S-A"}, headers=shop), 201)
    await ok(await client.put("/v1/sellers/S-A/shelf/APPLE-5KG", json={k: v for k, v in LISTED.items() if k != "sku"},
                              headers=shop), 201)
    advance_to(AT)  # the order, its receipt and the dispute are reported as they happen
    await ok(await client.put("/v1/orders/O-A", headers=shop, json={
        "seller_id": "S-A", "buyer_id": "B-1", "paid_at": "2026-11-05T10:00:00+08:00", "items": [LISTED]}), 201)
    await ok(await client.post("/v1/orders/O-A/events", headers=shop,
                               json={"event_id": "RC", "type": "receipt_confirmed", "at": AT}))
    await ok(await client.post("/v1/share-lists", headers=shop, json={
        "share_list_id": "L-A", "consumer_id": "C-1", "seller_id": "S-A", "skus": ["APPLE-5KG"]}), 201)
    advance_to("2026-11-08T12:00:00+08:00")
    await ok(await client.post("/v1/disputes", headers=shop, json={
        "dispute_id": "D-A", "order_id": "O-A", "sku": "APPLE-5KG", "type": "not_received", "amount": "28.90",
        "opened_at": "2026-11-08T12:00:00+08:00"}), 201)
    other = {"storefront": bearer(await make_key("storefront", party="channel-B")),
             "supplier": bearer(await make_key("supplier", party="SUP-91110000600037341L"))}
    return {"owner": owner, "other": other}


def calls(document: dict[str, Any]) -> list[tuple[str, str, str, Any]]:
    """(method, path, operation id, body) of every operation naming an object, path filled in."""
    found = []
    for template, operations in document["paths"].items():
        for method, op in operations.items():
            named = [p["name"] for p in op.get("parameters", []) if p["in"] == "path"]
            body = BODY_NAMED.get((method, template))
            if not template.startswith("/v1/") or not (set(named) & set(PATH_VALUES) or body):
                continue
            path = template.format(**{name: PATH_VALUES.get(name, "x") for name in named})
            found.append((method, path, op["operationId"], body or BODIES.get(op["operationId"])))
    return found


async def test_another_party_of_the_same_role_gets_404_on_every_operation(client: httpx.AsyncClient,
                                                                           make_key: MakeKey) -> None:
    keys = await world(client, make_key)
    document = (await client.get("/openapi.json")).json()
    checked: list[str] = []
    for method, path, operation, body in calls(document):
        for role, headers in keys["other"].items():
            sent = dict(body or {})
            if operation == "post_event":
                sent["actor"] = ACTOR[role]
            response = await client.request(method.upper(), path, headers=headers, json=sent if body else None)
            if response.status_code == 403 and response.json()["code"] == "forbidden":
                continue  # the role may not call it at all: the role matrix covers that
            if operation == "read_product" and role == "storefront":  # a listing is the catalogue storefronts sell
                assert response.status_code == 200
                continue
            if operation == "apply" and role == "supplier":  # applying names the applicant: not another's object
                assert response.status_code == 403 and response.json()["code"] == "not_your_supplier"
                continue
            assert response.status_code == 404, f"{role} of another party: {method.upper()} {path} -> " \
                                                f"{response.status_code} {response.text[:200]}"
            checked.append(f"{role} {method.upper()} {path}")
    assert len(checked) >= 20, checked  # storefront and supplier operations alike


async def test_the_owner_still_reaches_its_objects(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    keys = await world(client, make_key)
    shop, supplier = keys["owner"]["storefront"], keys["owner"]["supplier"]
    for path in ("/v1/sellers/S-A", "/v1/orders/O-A", "/v1/share-lists/L-A", "/v1/disputes/D-A",
                 "/v1/sellers/S-A/commission-lines", "/v1/merchants/S-A/badge"):
        assert (await client.get(path, headers=shop)).status_code == 200, path
    for path in (f"/v1/suppliers/{TEST_SUPPLIER}/deposit", "/v1/disputes/D-A@channel-A",
                 "/v1/supplier-applications/APP-A", f"/v1/suppliers/{TEST_SUPPLIER}/products/APPLE-5KG"):
        assert (await client.get(path, headers=supplier)).status_code == 200, path
    order = (await client.get("/v1/orders/O-A", headers=shop)).json()
    decision = order["commission_lines"][0]["decision_id"]
    assert (await client.get(f"/v1/decisions/{decision}", headers=shop)).status_code == 200
    assert (await client.get(f"/v1/decisions/{decision}", headers=keys["other"]["storefront"])).status_code == 404


@pytest.mark.parametrize(("role", "party", "person", "message"), [
    pytest.param("supplier", None, None, "needs --party", id="supplier-without-party"),
    pytest.param("reviewer", "SUP-1", None, "speaks for a person", id="reviewer-with-party"),
    pytest.param("storefront", None, "Li Wei <li@example.com>", "not a person", id="storefront-with-person"),
])
async def test_a_key_speaks_for_the_kind_of_party_its_role_has(client: httpx.AsyncClient, make_key: MakeKey,
                                                                role: str, party: str | None, person: str | None,
                                                                message: str) -> None:
    with pytest.raises(ValueError, match=message):
        await make_key(role, party=party, person=person)


async def test_two_channels_cannot_share_a_store_id(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    first, second = [bearer(await make_key("storefront", party=p)) for p in ("channel-A", "channel-B")]
    await ok(await client.post("/v1/sellers", json={"seller_id": "S-SAME"}, headers=first), 201)
    taken = await client.post("/v1/sellers", json={"seller_id": "S-SAME"}, headers=second)
    assert taken.status_code == 409 and taken.json()["code"] == "seller_id_taken"
    assert "channel-A" not in taken.text  # whose it is stays unsaid


async def test_a_decision_about_the_callers_own_order_or_store_is_readable_and_no_other(
        client: httpx.AsyncClient, make_key: MakeKey) -> None:
    """A ledger line recomputed after a refund names its refund decision, which its own channel got 404 for; and a
    decision's object was read only up to a ':' in its id, so the channel of the order "O:1" could not read the
    decisions on it, while the channel of store "S" passed for the owner of store "S:1"."""
    owner = Storefront(client, await make_key("storefront", party="channel-A"))
    other = Storefront(client, await make_key("storefront", party="channel-B"))
    await owner.open_store("S:1")
    await other.open_store("S")
    await ok(await owner.order("O:1", "S:1", "B-1", items=[dict(APPLES, quantity=2)], paid_at=AT), 201)
    await ok(await owner.event("O:1", "E-R", "refunded", AT, amount="10.00"))
    [line] = await owner.lines("S:1")
    assert line["reason"] == "recomputed after a partial refund"
    placed = await DecisionRecord.get(subject=f"order:{scoped_id('channel-A', 'O:1')}/APPLE-5KG")
    shelved = await ok(await owner.shelve("S:1", "NUTS"))
    for decision_id in (line["decision_id"], str(placed.id), shelved["decision_id"]):
        assert (await client.get(f"/v1/decisions/{decision_id}", headers=owner.headers)).status_code == 200
        assert (await client.get(f"/v1/decisions/{decision_id}", headers=other.headers)).status_code == 404
