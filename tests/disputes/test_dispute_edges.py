"""Dispute edges a careless or hostile client reached: an empty evidence list took the party's one evidence
submission of the round; one order item carried any number of open cases at once (each claiming the item's amount,
each decided with its own penalty)."""

from __future__ import annotations

from typing import Any

from tests.clock import advance_to
from tests.commerce.helpers import bearer, case_id, ok
from tests.disputes.test_dispute_lifecycle_http import Case, at


async def test_an_empty_evidence_list_is_not_a_submission(client: Any, make_key: Any) -> None:
    case = await Case.start(client, make_key, "quality_problem")
    shop = bearer(case.keys["storefront"])
    advance_to(at(0))
    # a second order, whose case a careless client opens with "evidence": [] (nothing submitted)
    await ok(await client.put("/v1/orders/O-E", headers=shop, json={
        "seller_id": "S-D", "buyer_id": "buyer-2", "paid_at": at(-1),
        "items": [{"sku": "DRESS", "category": "womens_clothing", "price": "200.00", "quantity": 1,
                   "supplier_id": "SUP-91330100MA2AXXXX07"}]}), 201)
    await ok(await client.post("/v1/disputes", headers=shop, json={
        "dispute_id": "D-E", "order_id": "O-E", "sku": "DRESS", "type": "quality_problem", "amount": "200.00",
        "opened_at": at(0), "evidence": []}), 201)
    for dispute_id in ("D-1", "D-E"):
        advance_to(at(1))
        await ok(await client.post(f"/v1/disputes/{case_id(dispute_id, 'supplier')}/events",
                                   headers=bearer(case.keys["supplier"]), json={
                                       "event_id": "rej", "type": "supplier_rejects", "actor": "supplier",
                                       "at": at(1)}), 201)
    advance_to(at(2))
    escalate = {"event_id": "esc", "type": "escalate", "actor": "buyer", "at": at(2), "evidence": ["PHOTO-1"]}
    # the buyer's first evidence of round 1: accepted on D-1, refused on D-E
    assert (await client.post("/v1/disputes/D-1/events", headers=shop, json=escalate)).status_code == 201
    r = await client.post("/v1/disputes/D-E/events", headers=shop, json=escalate)
    assert r.status_code == 201, f"first real evidence refused after an empty list: {r.text[:200]}"


async def test_one_item_cannot_carry_two_open_cases(client: Any, make_key: Any) -> None:
    case = await Case.start(client, make_key, "counterfeit")  # D-1 open on O-D/DRESS for 200.00
    second = await client.post("/v1/disputes", headers=bearer(case.keys["storefront"]), json={
        "dispute_id": "D-2", "order_id": "O-D", "sku": "DRESS", "type": "counterfeit", "amount": "200.00",
        "opened_at": at(0)})
    assert (second.status_code, second.json()["code"]) == (409, "dispute_already_open"), second.text
    assert (await client.get("/v1/disputes/D-2", headers=bearer(case.keys["storefront"]))).status_code == 404
