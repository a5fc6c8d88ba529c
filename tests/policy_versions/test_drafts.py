"""The policy workbench's drafts over the JSON API: started from the version in force (idempotently by the
caller's id), edited as decision-table grids and as raw text, checked after every change (diagnostics with
their lines, examples expected against got, lint), tried with what-if inputs, their impact read against the
version in force over stored orders, and proposed under four eyes with the diff and impact attached. Only the
author edits a draft; every change is audited; a refused edit changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from engine import load_policy_bundle
from engine.diff import diff
from store import clock
from store.audit import AuditEntry
from store.policy_drafts import PolicyDraft
from tests.commerce.helpers import bearer, listed_goods, ok
from tests.conftest import SHIPPED_POLICY_VERSION, MakeKey
from tests.policy_versions.helpers import APPROVER, quote_apples, shipped_files

ANALYST = "Li Na <li.na@example.com>"
RULES = "rules/commission.yaml"
CHINA = dt.timezone(dt.timedelta(hours=8))
FRESH_FRUIT_AT_16 = [
    {"op": "set_cell", "policy": "commission", "row": "fresh_fruit_rate", "column": "rate_bp", "value": "16%"},
    {"op": "set_cell", "policy": "commission", "row": "fresh_fruit_rate", "column": "commission", "part": "rate",
     "value": "16%"}]
# 2890 fen x 1600 bp = 462.4 -> 462 fen; the other examples of the row follow
EXAMPLES_AT_16 = [
    {"op": "set_expected", "policy": "commission", "example": "apples", "column": "rate_bp", "value": "16%"},
    {"op": "set_expected", "policy": "commission", "example": "apples", "column": "commission", "value": "4.62"},
    {"op": "set_expected", "policy": "commission", "example": "three boxes of apples round once per line",
     "column": "commission", "value": "13.87"},
    {"op": "set_expected", "policy": "commission", "example": "a partial refund before lock recomputes the line",
     "column": "commission", "value": "9.25"}]


@pytest.fixture
async def people(make_key: MakeKey) -> dict[str, dict[str, str]]:
    return {"analyst": bearer(await make_key("policy_admin", person=ANALYST)),
            "approver": bearer(await make_key("policy_admin", person=APPROVER)),
            "reviewer": bearer(await make_key("reviewer", person="Wang Fang <wang.fang@example.com>")),
            "storefront": bearer(await make_key("storefront"))}


async def start(client: httpx.AsyncClient, who: dict[str, str], draft_id: str = "D-1", **body: Any) -> httpx.Response:
    return await client.post("/v1/policy-drafts", headers=who,
                             json={"draft_id": draft_id, "name": "fresh fruit to 16%", **body})


async def edit(client: httpx.AsyncClient, who: dict[str, str], edits: list[dict[str, Any]], draft_id: str = "D-1"
               ) -> httpx.Response:
    return await client.post(f"/v1/policy-drafts/{draft_id}/edits", headers=who, json={"file": RULES, "edits": edits})


def failing(draft: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["name"]: e for e in draft["check"]["examples"] if not e["passed"]}


async def test_a_draft_starts_from_the_version_in_force_once_per_id(
        client: httpx.AsyncClient, people: dict[str, dict[str, str]]) -> None:
    draft = await ok(await start(client, people["analyst"]), 201)
    assert (draft["author"], draft["base_version"], draft["name"]) == (ANALYST, SHIPPED_POLICY_VERSION,
                                                                       "fresh fruit to 16%")
    assert draft["files"] == shipped_files()
    assert draft["check"]["passed"] and not draft["check"]["lint"] and draft["proposal_id"] is None
    assert (await ok(await start(client, people["analyst"]), 200))["draft_id"] == "D-1"  # a replay
    reused = await start(client, people["analyst"], name="something else")
    assert (reused.status_code, reused.json()["code"]) == (409, "draft_id_reused")
    stolen = await start(client, people["approver"])  # another person, the same id and body
    assert (stolen.status_code, stolen.json()["code"]) == (409, "draft_id_reused")
    await ok(await start(client, people["approver"], "D-2", **{"from": SHIPPED_POLICY_VERSION}), 201)
    listed = await ok(await client.get("/v1/policy-drafts?limit=1", headers=people["reviewer"]))
    assert [d["draft_id"] for d in listed["items"]] == ["D-1"] and listed["next"]
    rest = await ok(await client.get(f"/v1/policy-drafts?after={listed['next']}", headers=people["reviewer"]))
    assert [(d["draft_id"], d["author"]) for d in rest["items"]] == [("D-2", APPROVER)]
    missing = await start(client, people["analyst"], "D-3", **{"from": "0123456789abcdef"})
    assert (missing.status_code, missing.json()["code"]) == (404, "policy_version_not_found")
    refused = await client.post("/v1/policy-drafts", headers=people["reviewer"], json={"draft_id": "D-4", "name": "x"})
    assert refused.status_code == 403
    assert await PolicyDraft.all().count() == 2


async def test_grid_edits_show_the_failing_example_until_it_is_updated(
        client: httpx.AsyncClient, people: dict[str, dict[str, str]]) -> None:
    await ok(await start(client, people["analyst"]), 201)
    draft = await ok(await edit(client, people["analyst"], FRESH_FRUIT_AT_16))
    changes = [str(c) for c in diff(load_policy_bundle(shipped_files()), load_policy_bundle(draft["files"]))]
    assert changes == ["commission: fresh_fruit_rate: commission 17.99% of line_amount -> 16% of line_amount",
                       "commission: fresh_fruit_rate: rate_bp 17.99% -> 16%"]
    before, after = shipped_files()[RULES].splitlines(), draft["files"][RULES].splitlines()
    assert [(a, b) for a, b in zip(before, after, strict=True) if a != b] == [  # only there, in the file's style
        ('          then: {rate_bp: "17.99%", commission: {rate: "17.99%", of: line_amount}, basis: program_rate}',
         '          then: {rate_bp: "16%", commission: {rate: "16%", of: line_amount}, basis: program_rate}')]
    apples = failing(draft)["apples"]
    assert {o["name"]: (o["expected"], o["got"]) for o in apples["outputs"]} == {
        "rate_bp": ("17.99%", "16%"), "commission": ("5.20", "4.62"), "basis": ("program_rate", "program_rate")}
    assert apples["file"] == RULES and "commission: expected 5.20, got 4.62" in apples["problems"]
    assert draft["check"]["valid"] and not draft["check"]["passed"]
    assert set(failing(draft)) == {"apples", "three boxes of apples round once per line",
                                   "a partial refund before lock recomputes the line"}
    draft = await ok(await edit(client, people["analyst"], EXAMPLES_AT_16))
    assert draft["check"]["passed"] and not failing(draft) and draft["check"]["lint"] == []

    moved = await ok(await edit(client, people["analyst"], [
        {"op": "move_row", "policy": "commission", "row": "food_health_rate", "to": 0}]))
    shadowed = [f for f in moved["check"]["lint"] if f["code"] == "lint_never_fires"]
    assert shadowed and "food_health_rate" in shadowed[0]["message"]
    assert shadowed[0]["example"]["category"] == "fresh_fruit"  # the input that shows it
    assert "fired: expected ['fresh_fruit_rate'], got ['food_health_rate']" in failing(moved)["apples"]["problems"]
    back = await ok(await edit(client, people["analyst"], [
        {"op": "move_row", "policy": "commission", "row": "food_health_rate", "to": 1}]))
    assert back["check"]["passed"]
    grown = await ok(await edit(client, people["analyst"], [
        {"op": "add_row", "policy": "commission", "row": "snacks_rate", "after": "fresh_fruit_rate",
         "value": "Snacks earn 16%."},
        {"op": "set_cell", "policy": "commission", "row": "snacks_rate", "column": "category", "value": "snacks"},
        {"op": "set_hit_policy", "policy": "commission", "value": "first"},
        {"op": "set_default", "policy": "commission", "column": "basis", "value": "program_default"}]))
    assert ('- id: snacks_rate\n          description: Snacks earn 16%.\n          category: snacks\n'
            '          then: {rate_bp: "16%"') in grown["files"][RULES]
    assert "fired: expected ['food_health_rate'], got ['snacks_rate']" in failing(grown)["snacks"]["problems"]
    removed = await ok(await edit(client, people["analyst"], [
        {"op": "remove_row", "policy": "commission", "row": "snacks_rate"}]))
    assert removed["check"]["passed"] and "snacks_rate" not in removed["files"][RULES]


async def test_a_refused_edit_changes_nothing_and_invalid_text_is_kept_with_its_lines(
        client: httpx.AsyncClient, people: dict[str, dict[str, str]]) -> None:
    await ok(await start(client, people["analyst"]), 201)
    kept = await PolicyDraft.get(draft_id="D-1")
    for edits, code in (([{"op": "set_cell", "policy": "commission", "row": "fresh_fruit_rate", "column": "category",
                           "value": "{in_group: food"}], "cell_unreadable"),
                        ([{"op": "set_cell", "policy": "commission", "row": "no_such_row", "column": "category",
                           "value": "snacks"}], "edit_target_missing"),
                        ([{"op": "set_cell", "policy": "commission", "row": "fresh_fruit_rate", "column": "rate_bp",
                           "value": "16%"},
                          {"op": "add_row", "policy": "commission", "row": "beauty_rate"}], "row_id_taken"),
                        ([{"op": "set_hit_policy", "policy": "commission", "value": "best"}], "edit_value_invalid"),
                        ([{"op": "set_cell", "policy": "commission", "row": "fresh_fruit_rate"}],
                         "edit_value_invalid")):
        refused = await edit(client, people["analyst"], edits)
        assert (refused.status_code, refused.json()["code"]) == (422, code), refused.text
    other = await edit(client, people["approver"], FRESH_FRUIT_AT_16)
    assert (other.status_code, other.json()["code"]) == (403, "not_draft_author")
    assert (await edit(client, people["reviewer"], FRESH_FRUIT_AT_16)).status_code == 403
    unchanged = await PolicyDraft.get(draft_id="D-1")
    assert (unchanged.files, unchanged.updated_at) == (kept.files, kept.updated_at)

    broken = shipped_files()[RULES].replace("category: fresh_fruit\n", "category: fresh_fruits\n", 1)
    draft = await ok(await client.put(f"/v1/policy-drafts/D-1/files/{RULES}", headers=people["analyst"],
                                      json={"text": broken}))
    line = broken.splitlines().index("          category: fresh_fruits") + 1
    assert not draft["check"]["valid"] and draft["files"][RULES] == broken  # stored: work is not lost
    assert [(d["file"], d["line"], d["code"]) for d in draft["check"]["diagnostics"]] == [
        (RULES, line, "unknown_category")]
    unreadable = await ok(await client.put(f"/v1/policy-drafts/D-1/files/{RULES}", headers=people["analyst"],
                                           json={"text": broken + "  - id: [oops\n"}))
    assert unreadable["check"]["diagnostics"][0]["code"] == "yaml_syntax"
    grid = await edit(client, people["analyst"], FRESH_FRUIT_AT_16)
    assert (grid.status_code, grid.json()["code"]) == (422, "file_unreadable")
    no_file = await client.post("/v1/policy-drafts/D-1/edits", headers=people["analyst"],
                                json={"file": "rules/nothing.yaml", "edits": FRESH_FRUIT_AT_16})
    assert (no_file.status_code, no_file.json()["code"]) == (404, "file_not_in_draft")
    assert (await client.get("/v1/policy-drafts/D-9", headers=people["reviewer"])).json()["code"] == "draft_not_found"


async def test_what_if_explains_an_input_and_an_imported_tree_is_a_draft(
        client: httpx.AsyncClient, people: dict[str, dict[str, str]]) -> None:
    files = shipped_files()
    imported = await ok(await start(client, people["analyst"], "D-IMPORT", files=files), 201)
    assert imported["files"] == files and imported["check"]["passed"]
    exported = await ok(await client.get("/v1/policy-drafts/D-IMPORT", headers=people["reviewer"]))
    assert exported["files"] == files
    await ok(await edit(client, people["analyst"], FRESH_FRUIT_AT_16, "D-IMPORT"))
    answer = await ok(await client.post("/v1/policy-drafts/D-IMPORT/what-if", headers=people["reviewer"], json={
        "policy": "commission", "facts": {"category": "fresh_fruit", "price": "28.90", "quantity": 1}}))
    decision = answer["decision"]
    assert decision["outputs"]["commission"] == "4.62"
    assert [r["id"] for r in decision["fired"]] == ["fresh_fruit_rate"]
    assert decision["fired"][0]["checks"][0]["actual"] == "fresh_fruit"
    assert {r["id"] for r in decision["not_fired"]} == {"supplier_fixed_amount", "supplier_rate"}
    assert "did not fire supplier_rate" in answer["text"]
    # a what-if changes nothing: counted in the metrics, not written to the audit log
    assert not await AuditEntry.filter(route="/v1/policy-drafts/{draft_id}/what-if").exists()
    assert await AuditEntry.filter(route="/v1/policy-drafts/{draft_id}/edits").exists()
    bad = await client.post("/v1/policy-drafts/D-IMPORT/what-if", headers=people["reviewer"], json={
        "policy": "commission", "facts": {"category": "fresh_fruit", "price": "cheap", "quantity": 1}})
    assert (bad.status_code, bad.json()["code"]) == (422, "invalid_fact")
    assert bad.json()["errors"][0]["field"].endswith("price")
    unknown = await client.post("/v1/policy-drafts/D-IMPORT/what-if", headers=people["reviewer"],
                                json={"policy": "comission", "facts": {}})
    assert (unknown.status_code, unknown.json()["code"]) == (422, "unknown_policy")
    both = await start(client, people["analyst"], "D-BOTH", files=files, **{"from": "in_force"})
    assert (both.status_code, both.json()["code"]) == (422, "draft_source_ambiguous")
    no_manifest = await start(client, people["analyst"], "D-NOMAN", files={RULES: files[RULES]})
    assert (no_manifest.status_code, no_manifest.json()["code"]) == (422, "manifest_missing")


async def test_impact_then_proposal_with_diff_and_impact_that_a_second_person_approves(
        client: httpx.AsyncClient, app: FastAPI, people: dict[str, dict[str, str]]) -> None:
    await ok(await client.post("/v1/sellers", headers=people["storefront"], json={"seller_id": "S1"}))
    paid = (clock.now().astimezone(CHINA) + dt.timedelta(seconds=1)).replace(microsecond=0).isoformat()  # just after
    await ok(await client.put("/v1/orders/O1", headers=people["storefront"], json={
        "seller_id": "S1", "buyer_id": "B1", "paid_at": paid,
        "items": await listed_goods(client, [{"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90"}])}))
    await ok(await start(client, people["analyst"]), 201)
    await ok(await edit(client, people["analyst"], FRESH_FRUIT_AT_16))
    unfit = await client.get("/v1/policy-drafts/D-1/impact", headers=people["reviewer"])
    assert (unfit.status_code, unfit.json()["code"]) == (422, "policy_rejected")  # the examples fail
    unfit_proposal = await client.post("/v1/policy-drafts/D-1/proposal", headers=people["analyst"],
                                       json={"message": "fresh fruit to 16%"})
    assert (unfit_proposal.status_code, unfit_proposal.json()["code"]) == (422, "policy_rejected")
    await ok(await edit(client, people["analyst"], EXAMPLES_AT_16))
    report = await ok(await client.get("/v1/policy-drafts/D-1/impact", headers=people["reviewer"]))
    assert report["in_force"] == SHIPPED_POLICY_VERSION
    assert [c["text"] for c in report["changes"] if c["subject"] == "fresh_fruit_rate: rate_bp"] == [
        "commission: fresh_fruit_rate: rate_bp 17.99% -> 16%"]
    commission = report["simulation"]["commission"]
    assert (commission["lines"], commission["active"], commission["candidate"], commission["delta"]) == (
        1, "5.20", "4.62", "-0.58")

    other = await client.post("/v1/policy-drafts/D-1/proposal", headers=people["approver"],
                              json={"message": "mine now"})
    assert (other.status_code, other.json()["code"]) == (403, "not_draft_author")
    too_far = await client.post("/v1/policy-drafts/D-1/proposal", headers=people["analyst"],
                                json={"message": "fresh fruit to 16%", "impact_days": 367})
    assert too_far.status_code == 422  # at most a year of stored history
    proposed = await ok(await client.post("/v1/policy-drafts/D-1/proposal", headers=people["analyst"],
                                          json={"message": "fresh fruit to 16%", "impact_days": 45}), 202)
    proposal = proposed["proposal"]
    assert (proposal["state"], proposal["author"]) == ("proposed", ANALYST)
    draft = proposed["draft"]
    assert draft["proposal_id"] == proposal["proposal_id"] and draft["proposal"]["state"] == "proposed"
    assert any("17.99% -> 16%" in c["text"] for c in draft["proposed_diff"])
    assert draft["proposed_impact"]["commission"]["delta"] == "-0.58"
    window = [dt.datetime.fromisoformat(draft["proposed_impact"][k].replace("Z", "+00:00")) for k in ("from", "to")]
    assert window[1] - window[0] == dt.timedelta(days=45)  # the history the proposer chose
    again = await ok(await client.post("/v1/policy-drafts/D-1/proposal", headers=people["analyst"],
                                       json={"message": "fresh fruit to 16%"}), 200)
    assert again["proposal"]["proposal_id"] == proposal["proposal_id"]
    frozen = await edit(client, people["analyst"], EXAMPLES_AT_16)
    assert (frozen.status_code, frozen.json()["code"]) == (409, "draft_proposed")

    approval = f"/v1/policy-proposals/{proposal['proposal_id']}/approval"
    own = await client.post(approval, headers=people["analyst"], json={"comment": "looks right"})
    assert (own.status_code, own.json()["code"]) == (403, "approver_is_author")
    await ok(await client.post(approval, headers=people["approver"], json={"comment": "impact checked"}), 201)
    await app.state.evaluator.refresh()
    quote = await ok(await quote_apples(client, people["storefront"]))
    assert (quote["policy_version"], quote["total_commission"]) == (proposal["version"], "4.62")

    audited = {(e.method, e.route, e.status) for e in await AuditEntry.filter(route__startswith="/v1/policy-drafts")}
    assert {("POST", "/v1/policy-drafts", 201), ("POST", "/v1/policy-drafts/{draft_id}/edits", 200),
            ("POST", "/v1/policy-drafts/{draft_id}/proposal", 202),
            ("POST", "/v1/policy-drafts/{draft_id}/proposal", 403),
            ("POST", "/v1/policy-drafts/{draft_id}/edits", 409)} <= audited
