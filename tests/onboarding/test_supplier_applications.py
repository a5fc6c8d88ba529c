"""Supplier entry through HTTP: every requirement evaluated by the published rules, with evidence."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from store.suppliers import ReviewEvent, Supplier
from tests.commerce.helpers import bearer
from tests.onboarding.helpers import app_path, application, chain, pay_deposit, platform_id


async def submit(client: Any, key: str, body: dict[str, Any]) -> Any:
    return await client.post("/v1/supplier-applications", json=body, headers=bearer(key))


def failed(view: dict[str, Any]) -> list[str]:
    return [r["id"] for r in view["requirements"] if not r["passed"]]


@pytest.mark.parametrize(("changes", "failing"), [
    pytest.param({}, [], id="compliant"),
    pytest.param({"registered_capital": "999999.99"}, ["registered_capital_min"], id="capital-999999.99"),
    pytest.param({"registered_capital": "1000000.00"}, [], id="capital-exactly-1000000"),
    pytest.param({"taxpayer_type": "small_scale"}, ["general_taxpayer"], id="small-scale-taxpayer"),
    pytest.param({"deposit_paid": "9999.99"}, ["deposit_min"], id="deposit-9999.99"),
    pytest.param({"brand_authorizations": [{"brand": "Orchard", "chain": chain(4)}]},
                 ["authorization_chain_max_3"], id="4-level-chain"),
    pytest.param({"brand_authorizations": [{"brand": "Orchard", "chain": [dict(chain(1)[0], valid_to="2026-06-30")]}]},
                 ["authorizations_in_force"], id="expired-authorization"),
    pytest.param({"brand_authorizations": [], "purchase_vouchers": [
        {"brand": "Orchard", "documents": ["INV-1", "INV-2"], "traceable_to_source": True}]}, [],
        id="no-authorization-traceable-vouchers"),
    pytest.param({"brand_authorizations": [], "purchase_vouchers": [
        {"brand": "Orchard", "documents": ["INV-1"], "traceable_to_source": False}]}, ["goods_source_proven"],
        id="no-authorization-untraceable-vouchers"),
    pytest.param({"categories": ["fresh_fruit", "electronics"]}, ["core_categories_only"], id="category-outside-core"),
])
async def test_entry_requirements(client: Any, make_key: Any, changes: dict[str, Any], failing: list[str]) -> None:
    r = await submit(client, await make_key("supplier"), application("APP-V", **changes))
    assert r.status_code == 201, r.text
    view = r.json()
    assert failed(view) == failing
    assert view["recommendation"] == ("reject" if failing else "approve")
    assert view["status"] == "pending_review"
    assert len(view["requirements"]) == 8 and view["policy_version"].startswith("2026.11.0+")


async def test_capital_requirement_names_rule_evidence_and_gap(client: Any, make_key: Any) -> None:
    view = (await submit(client, await make_key("supplier"),
                         application("APP-CAP", registered_capital="999999.99"))).json()
    [capital] = [r for r in view["requirements"] if r["id"] == "registered_capital_min"]
    assert capital["rule_id"] == "registered_capital_min"
    assert capital["rule"]["file"] == "rules/supplier_entry.yaml"
    assert capital["title"] == "Registered capital of at least RMB 1,000,000."
    assert capital["evidence"] == {"registered_capital": "999999.99"}
    assert "short by RMB 0.01" in capital["message"]
    chain_req = next(r for r in view["requirements"] if r["id"] == "authorization_chain_max_3")
    assert chain_req["evidence"]["authorization_chain_depth"] == "3"
    assert view["evidence"]["chains"][0]["brand"] == "Orchard"
    assert [link["document_id"] for link in view["evidence"]["chains"][0]["links"]] == ["AUTH-0", "AUTH-1", "AUTH-2"]


async def test_replay_changes_nothing_and_another_body_conflicts(client: Any, make_key: Any) -> None:
    key = await make_key("supplier")
    first = await submit(client, key, application("APP-R"))
    again = await submit(client, key, application("APP-R"))
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["decision_id"] == again.json()["decision_id"]
    assert await ReviewEvent.filter(application_id=platform_id("APP-R")).count() == 1
    other = await submit(client, key, application("APP-R", legal_name="Someone Else"))
    assert other.status_code == 409 and other.json()["code"] == "application_id_reused"


async def test_unknown_category_is_422(client: Any, make_key: Any) -> None:
    r = await submit(client, await make_key("supplier"), application("APP-U", categories=["spaceships"]))
    assert r.status_code == 422 and r.json()["code"] == "unknown_category"


async def test_reviewer_approves_with_overrides_and_the_trail_records_it(client: Any, make_key: Any) -> None:
    await submit(client, await make_key("supplier"), application("APP-O", registered_capital="800000.00"))
    reviewer = bearer(await make_key("reviewer"))
    queue = (await client.get("/v1/supplier-applications?status=pending_review", headers=reviewer)).json()
    assert [a["application_id"] for a in queue["applications"]] == [platform_id("APP-O")]  # qualified
    assert queue["applications"][0]["failed"] == ["registered_capital_min"]

    url = "/v1/supplier-applications/APP-O@SUP-91330100MA2AXXXX07/decision"
    unpaid = await client.post(url, json={"decision": "approve", "reason": "strategic brand", "overrides": [
        {"requirement_id": "registered_capital_min", "justification": "parent company guarantee, doc G-77"}]},
        headers=reviewer)
    assert unpaid.status_code == 409 and unpaid.json()["code"] == "deposit_not_paid", unpaid.text
    assert (unpaid.json()["required"], unpaid.json()["paid"]) == ("10000.00", "0.00")
    await pay_deposit(client, await make_key("policy_admin"), "APP-O")
    bare = await client.post(url, json={"decision": "approve", "reason": "strategic brand"}, headers=reviewer)
    assert bare.status_code == 422 and bare.json()["code"] == "override_required"
    wrong = await client.post(url, json={"decision": "approve", "reason": "ok", "overrides": [
        {"requirement_id": "general_taxpayer", "justification": "not needed at all here"}]}, headers=reviewer)
    assert wrong.status_code == 422 and wrong.json()["code"] == "override_not_needed"
    ok = await client.post(url, json={"decision": "approve", "reason": "strategic brand", "overrides": [
        {"requirement_id": "registered_capital_min", "justification": "parent company guarantee, doc G-77"}]},
        headers=reviewer)
    assert ok.status_code == 200, ok.text
    view = ok.json()
    assert view["status"] == "approved" and view["supplier_id"] == "SUP-91330100MA2AXXXX07"
    assert [e["action"] for e in view["audit_trail"]] == ["submitted", "approved"]
    assert view["audit_trail"][1]["overrides"][0]["justification"] == "parent company guarantee, doc G-77"
    assert view["audit_trail"][1]["role"] == "reviewer" and view["audit_trail"][1]["policy_version"]
    assert await Supplier.filter(application_id=platform_id("APP-O")).count() == 1
    again = await client.post(url, json={"decision": "reject", "reason": "changed my mind"}, headers=reviewer)
    assert again.status_code == 409 and again.json()["code"] == "already_decided"


async def test_rejection_creates_no_supplier(client: Any, make_key: Any) -> None:
    await submit(client, await make_key("supplier"), application("APP-X", taxpayer_type="small_scale"))
    r = await client.post("/v1/supplier-applications/APP-X@SUP-91330100MA2AXXXX07/decision", json={"decision": "reject",
                          "reason": "small-scale taxpayer"}, headers=bearer(await make_key("reviewer")))
    assert r.json()["status"] == "rejected"
    assert await Supplier.filter(application_id=platform_id("APP-X")).count() == 0


async def test_two_suppliers_apply_under_the_same_id_each_for_its_own(client: Any, make_key: Any) -> None:
    """An application id is the applicant's own: the platform tells the two apart by their qualified ids, and
    neither supplier reaches the other's, by either id."""
    other_uscc = "91110000600037341L"
    mine, theirs = await make_key("supplier"), await make_key("supplier", party=f"SUP-{other_uscc}")
    first = await submit(client, mine, application("APP-1"))
    second = await submit(client, theirs, application("APP-1", uscc=other_uscc, legal_name="Other Orchard Ltd"))
    assert (first.status_code, second.status_code) == (201, 201)
    assert (first.json()["application_id"], second.json()["application_id"]) == ("APP-1", "APP-1")
    assert (await client.get("/v1/supplier-applications/APP-1", headers=bearer(theirs))).json()["uscc"] == other_uscc
    assert (await client.get(app_path("APP-1"), headers=bearer(theirs))).status_code == 404
    reviewer = bearer(await make_key("reviewer"))
    for qualified, name in ((platform_id("APP-1"), first.json()["legal_name"]),
                            (f"APP-1@SUP-{other_uscc}", "Other Orchard Ltd")):
        view = await client.get(f"/v1/supplier-applications/{qualified}", headers=reviewer)
        assert (view.json()["application_id"], view.json()["legal_name"]) == (qualified, name)
    assert (await client.get("/v1/supplier-applications/APP-1", headers=reviewer)).status_code == 404  # ambiguous


async def test_two_applications_of_one_credit_code_approved_at_once(client: Any, make_key: Any) -> None:
    """Approved together, two applications of one supplier had answered the second 500 on PostgreSQL (its supplier
    a duplicate key); one is approved, the other is 409 `supplier_exists` and stays pending."""
    keys = {role: await make_key(role) for role in ("supplier", "reviewer", "policy_admin")}
    for application_id in ("APP-A", "APP-B"):
        assert (await submit(client, keys["supplier"], application(application_id))).status_code == 201
    await pay_deposit(client, keys["policy_admin"], "APP-A")
    approve, reviewer = {"decision": "approve", "reason": "compliant"}, bearer(keys["reviewer"])
    answers = await asyncio.gather(*(client.post(app_path(a, "/decision"), headers=reviewer, json=approve)
                                     for a in ("APP-A", "APP-B")))
    assert sorted((r.status_code, r.json().get("code")) for r in answers) == [(200, None), (409, "supplier_exists")], \
        [r.text for r in answers]
    assert await Supplier.filter(uscc=application("APP-A")["uscc"]).count() == 1
    statuses = [(await client.get(app_path(a), headers=bearer(keys["reviewer"]))).json()["status"]
                for a in ("APP-A", "APP-B")]
    assert sorted(statuses) == ["approved", "pending_review"]
