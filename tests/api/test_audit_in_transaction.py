"""An action's audit entry commits with the action: a process that dies between the two cannot leave an order
without its entry (here the late write after the response fails instead), a refused action leaves exactly
one entry (its refusal) and a replay one more (its 200)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from api.common.middleware import audit_trail
from store.audit import AuditEntry
from store.orders import Order
from tests.commerce.helpers import APPLES, Storefront, bearer, listed_goods, ok
from tests.conftest import MakeKey
from tests.onboarding.helpers import app_path, application, pay_deposit


async def entries(request_id: str) -> list[AuditEntry]:
    return await AuditEntry.filter(request_id=request_id).order_by("id")


async def test_the_entry_is_written_by_the_actions_own_transaction(client: httpx.AsyncClient, make_key: MakeKey,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    shop = Storefront(client, await make_key("storefront", label="shop A"))
    await shop.open_store("S-TX")
    await listed_goods(client, [APPLES])  # the supplier's onboarding and listing are not what is watched here

    async def lost(**values: Any) -> None:  # what a crash after the commit would lose
        raise AssertionError(f"an action's entry was left to be written after it: {values['route']}")
    monkeypatch.setattr(audit_trail, "append_audit", lost)
    response = await shop.order("O-TX", "S-TX", "B-1")
    assert response.status_code == 201, response.text
    [entry] = await entries(response.headers["x-request-id"])
    assert (entry.method, entry.route, entry.status) == ("PUT", "/v1/orders/{order_id}", 201)
    assert entry.resource_id == "order_id=O-TX" and entry.caller_id == "seller_id=S-TX"
    assert len(entry.decision_ids) == 1  # the line's commission decision, recorded in the same transaction
    assert await Order.exists(order_id="O-TX@default")


async def test_a_refused_action_and_a_replay_are_written_once_each(client: httpx.AsyncClient,
                                                                     make_key: MakeKey) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-TX")
    first = await shop.order("O-TX", "S-TX", "B-1")
    replay = await shop.order("O-TX", "S-TX", "B-1")
    conflict = await shop.order("O-TX", "S-TX", "B-2")  # another body under the id: refused inside apply_once
    assert [r.status_code for r in (first, replay, conflict)] == [201, 200, 409]
    for response in (first, replay, conflict):
        [entry] = await entries(response.headers["x-request-id"])
        assert entry.status == response.status_code
        assert bool(entry.decision_ids) == (response.status_code == 201)
    event = await shop.event("O-TX", "E-1", "shipped", "2026-11-04T10:00:00+08:00")  # before payment: refused
    assert event.status_code == 422, event.text
    [entry] = await entries(event.headers["x-request-id"])
    assert (entry.status, entry.decision_ids) == (422, [])
    admin = await make_key("policy_admin")
    listed = await ok(await client.get("/v1/audit", params={"route": "/v1/orders/{order_id}"}, headers=bearer(admin)))
    assert [e["status"] for e in listed["entries"]] == [409, 200, 201]


async def test_a_supplier_decision_writes_its_entry_in_its_own_transaction(client: httpx.AsyncClient,
                                                                          make_key: MakeKey,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Approving an application creates the supplier: the decision's entry commits with it, not after it."""
    supplier, reviewer = await make_key("supplier"), await make_key("reviewer")
    await ok(await client.post("/v1/supplier-applications", json=application("APP-AU"), headers=bearer(supplier)))
    await pay_deposit(client, await make_key("policy_admin"), "APP-AU")

    async def lost(**values: Any) -> None:
        raise AssertionError(f"an action's entry was left to be written after it: {values['route']}")
    monkeypatch.setattr(audit_trail, "append_audit", lost)
    response = await client.post(app_path("APP-AU", "/decision"), headers=bearer(reviewer),
                                 json={"decision": "approve", "reason": "compliant"})
    assert response.status_code == 200, response.text
    [entry] = await entries(response.headers["x-request-id"])
    assert (entry.route, entry.status) == ("/v1/supplier-applications/{application_id}/decision", 200)
