"""The audit log names every mutating call (API and page forms alike) and is read with filters and a cursor;
keys are revoked over the API and refused at once after."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from prometheus_client import REGISTRY

from tests.commerce.helpers import Storefront, bearer, ok
from tests.conftest import MakeKey
from tests.pages import sign_in, submit


async def audit(client: httpx.AsyncClient, admin: str, **params: Any) -> dict[str, Any]:
    return dict(await ok(await client.get("/v1/audit", params=params, headers=bearer(admin))))


async def test_a_mutating_call_is_audited_with_who_what_and_its_decisions(client: httpx.AsyncClient,
                                                                         make_key: MakeKey) -> None:
    shop_key, admin = await make_key("storefront", label="shop A"), await make_key("policy_admin")
    shop = Storefront(client, shop_key)
    await shop.open_store("S-AUD")
    response = await shop.order("O-AUD", "S-AUD", "B-1")
    assert response.status_code == 201, response.text
    [entry] = (await audit(client, admin, route="/v1/orders/{order_id}"))["entries"]
    assert entry["who"] == {"key_id": shop_key.split("_")[1], "label": "shop A", "role": "storefront"}
    assert (entry["method"], entry["status"], entry["resource_id"]) == ("PUT", 201, "order_id=O-AUD")
    assert entry["caller_id"] == "seller_id=S-AUD"
    assert entry["request_id"] == response.headers["x-request-id"]
    assert entry["decision_ids"], "the order's commission decisions are named"
    for decision_id in entry["decision_ids"]:
        decision = await ok(await client.get(f"/v1/decisions/{decision_id}", headers=bearer(admin)))
        assert decision["subject"].startswith("order:O-AUD")
    event = await shop.event("O-AUD", "E-AUD-1", "shipped", "2026-11-06T10:00:00+08:00")
    assert event.status_code == 201, event.text
    [entry] = (await audit(client, admin, route="/v1/orders/{order_id}/events"))["entries"]
    assert entry["caller_id"] == "event_id=E-AUD-1"


async def test_refused_calls_are_audited_and_reads_are_not(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    """A refused call with a key is written; one without a valid key names nobody and is only counted (a
    stranger cannot fill the audit log at will)."""
    admin, reviewer = await make_key("policy_admin"), await make_key("reviewer")
    before = unauthenticated_count("POST")
    assert (await client.post("/v1/sellers", json={"seller_id": "S-X"})).status_code == 401
    assert (await client.request("FOOBAR", "/v1/sellers")).status_code in (401, 405)
    assert (await client.post("/v1/sellers", json={"seller_id": "S-X"}, headers=bearer(reviewer))).status_code == 403
    assert (await client.get("/v1/decisions", headers=bearer(reviewer))).status_code == 200
    entries = (await audit(client, admin))["entries"]
    assert [(e["method"], e["route"], e["status"], e["who"]["role"]) for e in entries] == [
        ("POST", "/v1/sellers", 403, "reviewer")]
    assert unauthenticated_count("POST") == before + 1
    scraped = (await client.get("/metrics", headers=bearer(admin))).text
    assert 'method="FOOBAR"' not in scraped  # methods outside the fixed set are counted as "other"
    assert all(e["decision_ids"] == [] for e in entries)


def unauthenticated_count(method: str) -> float:
    return REGISTRY.get_sample_value("xiaopu_unauthenticated_requests_total", {"method": method}) or 0.0


async def test_the_audit_log_filters_and_pages_newest_first(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    shop_key, admin = await make_key("storefront"), await make_key("policy_admin")
    shop = Storefront(client, shop_key)
    for n in range(5):
        await shop.open_store(f"S-P{n}")
    await client.delete("/v1/sellers/S-P0/shelf/NOPE", headers=bearer(shop_key))
    seen: list[str] = []
    cursor: int | None = None
    while True:
        page = await audit(client, admin, route="/v1/sellers", limit=2, **({"after": cursor} if cursor else {}))
        seen += [e["caller_id"] for e in page["entries"]]
        if page["next"] is None:
            break
        cursor = page["next"]
    assert seen == [f"seller_id=S-P{n}" for n in (4, 3, 2, 1, 0)]
    deletes = (await audit(client, admin, method="DELETE"))["entries"]
    assert [e["resource_id"] for e in deletes] == ["seller_id=S-P0, sku=NOPE"]
    mine = await audit(client, admin, key_id=shop_key.split("_")[1], status=201)
    assert len(mine["entries"]) == 5
    assert (await audit(client, admin, since="2999-01-01T00:00:00Z"))["entries"] == []


@pytest.mark.parametrize("params", [
    pytest.param({"limit": 0}, id="limit-zero"), pytest.param({"after": "x"}, id="cursor-not-a-number"),
    pytest.param({"method": "GET"}, id="not-a-mutating-method"), pytest.param({"since": "2026-12-01"}, id="naive"),
])
async def test_bad_audit_queries_are_422(client: httpx.AsyncClient, make_key: MakeKey, params: dict[str, Any]) -> None:
    response = await client.get("/v1/audit", params=params, headers=bearer(await make_key("policy_admin")))
    assert response.status_code == 422 and response.json()["code"] == "invalid_input"


async def test_page_forms_are_audited_without_the_key(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    admin = await make_key("policy_admin", label="policy team")
    signed_in = await sign_in(client, "/policy", admin)
    assert signed_in.status_code == 303
    form = await submit(client, "/policy/versions", "/policy/rollback", {"message": "back"})
    assert form.status_code in (303, 409, 422)
    entries = (await audit(client, admin))["entries"]
    assert [(e["route"], e["who"]["label"]) for e in entries] == [
        ("/policy/rollback", "policy team"), ("/policy/sign-in", None)]
    assert entries[0]["status"] == form.status_code  # written with the rollback or after it, the same status
    listing = await client.get("/v1/audit", headers=bearer(admin))
    assert admin not in listing.text and admin.split("_", 2)[2] not in listing.text


async def test_a_revoked_key_is_refused_at_once(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    admin, shop_key = await make_key("policy_admin"), await make_key("storefront", label="old till")
    assert (await client.get("/v1/whoami", headers=bearer(shop_key))).status_code == 200
    key_id = shop_key.split("_")[1]
    revoked = await ok(await client.post(f"/v1/keys/{key_id}/revoke", headers=bearer(admin)))
    assert (revoked["key_id"], revoked["role"], revoked["label"], revoked["status"]) == (
        key_id, "storefront", "old till", "revoked")
    assert revoked["revoked_at"].endswith("Z") and "key_hash" not in revoked
    refused = await client.get("/v1/whoami", headers=bearer(shop_key))
    assert refused.status_code == 401 and refused.json()["code"] == "unauthenticated"
    again = await ok(await client.post(f"/v1/keys/{key_id}/revoke", headers=bearer(admin)))
    assert again["revoked_at"] == revoked["revoked_at"]
    [entry] = [e for e in (await audit(client, admin))["entries"] if e["status"] == 200][:1]
    assert entry["route"] == "/v1/keys/{key_id}/revoke" and entry["resource_id"] == f"key_id={key_id}"


@pytest.mark.parametrize(("key_id", "status", "code"), [
    pytest.param("000000000000", 404, "key_not_found", id="unknown"),
    pytest.param("a" * 33, 422, "invalid_input", id="too-long"),
    pytest.param("a.b", 422, "invalid_input", id="bad-character"),
])
async def test_revoking_a_missing_or_malformed_key_id(client: httpx.AsyncClient, make_key: MakeKey, key_id: str,
                                                      status: int, code: str) -> None:
    response = await client.post(f"/v1/keys/{key_id}/revoke", headers=bearer(await make_key("policy_admin")))
    assert (response.status_code, response.json()["code"]) == (status, code)


async def test_a_refused_write_with_a_nul_in_its_path_is_still_audited(client: httpx.AsyncClient,
                                                                       make_key: MakeKey) -> None:
    response = await client.post("/v1/orders/O%00X/events", json={}, headers=bearer(await make_key("storefront")))
    assert (response.status_code, response.json()["code"]) == (422, "nul_character")
    [entry] = (await audit(client, await make_key("policy_admin")))["entries"]
    assert (entry["status"], entry["route"], entry["request_id"]) == (
        422, "/v1/orders/O\ufffdX/events", response.headers["x-request-id"])


@pytest.mark.parametrize("key_role", [pytest.param(None, id="no-key"), pytest.param("storefront", id="storefront")])
async def test_a_write_nested_too_deep_for_json_is_refused_and_audited(client: httpx.AsyncClient, make_key: MakeKey,
                                                                       key_role: str | None) -> None:
    """A body of brackets nested 5,000 deep: the audit log's look for the caller's own id ran out of Python's stack
    (RecursionError, not the ValueError it expected) and the request, even without a key, ended in a 500."""
    headers = {"content-type": "application/json", **(bearer(await make_key(key_role)) if key_role else {})}
    response = await client.put("/v1/orders/O-1", content="[" * 5000 + "]" * 5000, headers=headers)
    assert 400 <= response.status_code < 500 and response.json()["code"], response.text
    [entry] = (await audit(client, await make_key("policy_admin")))["entries"]
    assert (entry["status"], entry["caller_id"]) == (response.status_code, None)
