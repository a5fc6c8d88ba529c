"""Publishing, scheduling and rolling back policy versions through the API: every decision is made by the
version in force at its as_of, and names it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from store import clock
from store.policy_versions import PolicyActivation, PolicyVersion
from tests.commerce.helpers import bearer, ok
from tests.conftest import SHIPPED_POLICY_VERSION, MakeKey
from tests.pages import sign_in, submit
from tests.policy_versions.helpers import APPROVER, FRUIT_AT_16, approved, edited_files, quote_apples


async def publish(client: httpx.AsyncClient, admin: str, files: dict[str, str], **extra: Any) -> httpx.Response:
    return await client.post("/v1/policy-versions", json={"files": files, "message": "fresh fruit to 16%", **extra},
                             headers=bearer(admin))


def soon(seconds: float = 0) -> dt.datetime:
    return clock.now() + dt.timedelta(seconds=seconds)


ANALYST = "Li Na <li.na@example.com>"
# the policy team publishes on Dec 1, after the orders of early November that the quotes are dated to
pytestmark = pytest.mark.world_starts("2026-12-01T00:00:00Z")


@pytest.fixture
async def keys(client: httpx.AsyncClient, make_key: MakeKey) -> dict[str, str]:
    return {"admin": await make_key("policy_admin", person=ANALYST), "storefront": await make_key("storefront"),
            "reviewer": await make_key("reviewer"), "approver": await make_key("policy_admin", person=APPROVER)}


async def published(client: httpx.AsyncClient, keys: dict[str, str], files: dict[str, str], **extra: Any) -> Any:
    """Proposed by the analyst, approved by a second person: how a change to the shipped set goes in force."""
    return await approved(client, await publish(client, keys["admin"], files, **extra), bearer(keys["approver"]))


async def test_start_up_stores_the_shipped_files_as_the_initial_version(client: httpx.AsyncClient,
                                                                       keys: dict[str, str]) -> None:
    body = await ok(await client.get("/v1/policy-versions", headers=bearer(keys["reviewer"])))
    assert [v["label"] for v in body["versions"]] == [SHIPPED_POLICY_VERSION]
    assert body["in_force"] == SHIPPED_POLICY_VERSION
    [initial] = body["activations"]
    assert (initial["kind"], initial["state"], initial["effective_from"]) == ("initial", "in force",
                                                                            "2026-10-31T16:00:00Z")


async def test_publish_now_switches_quotes_and_names_the_version(client: httpx.AsyncClient, app: FastAPI,
                                                                 keys: dict[str, str]) -> None:
    headers = bearer(keys["storefront"])
    before = await ok(await quote_apples(client, headers))
    proposed = await publish(client, keys["admin"], edited_files(FRUIT_AT_16))
    assert proposed.status_code == 202 and proposed.json()["new_version"] is True
    done = await approved(client, proposed, bearer(keys["approver"]))
    new_label = done["version"]["label"]
    assert new_label != SHIPPED_POLICY_VERSION
    assert done["version"]["author"] == ANALYST  # the person the key speaks for, not the key
    [activation] = [a for a in (await ok(await client.get("/v1/policy-versions", headers=bearer(keys["reviewer"]))
                                         ))["activations"] if a["kind"] != "initial"]
    assert (activation["author"], activation["approved_by"]) == (ANALYST, APPROVER)
    await app.state.evaluator.refresh()  # what every process's watch loop does every XIAOPU_POLICY_POLL_SECONDS
    after = await ok(await quote_apples(client, headers))
    assert (before["policy_version"], before["total_commission"]) == (SHIPPED_POLICY_VERSION, "5.20")
    assert (after["policy_version"], after["total_commission"]) == (new_label, "4.62")
    # a decision dated before the publish is still made by the version in force then
    earlier = await ok(await quote_apples(client, headers, as_of="2026-11-05T10:00:00+08:00"))
    assert (earlier["policy_version"], earlier["total_commission"]) == (SHIPPED_POLICY_VERSION, "5.20")


async def test_a_scheduled_version_takes_over_at_its_time(client: httpx.AsyncClient, app: FastAPI,
                                                          keys: dict[str, str]) -> None:
    headers = bearer(keys["storefront"])
    at = soon(3600)
    done = await published(client, keys, edited_files(FRUIT_AT_16), effective_from=at.isoformat())
    await app.state.evaluator.refresh()
    now = await ok(await quote_apples(client, headers))
    just_before = await ok(await quote_apples(client, headers, as_of=(at - dt.timedelta(seconds=1)).isoformat()))
    from_then = await ok(await quote_apples(client, headers, as_of=at.isoformat()))
    assert [q["policy_version"] for q in (now, just_before, from_then)] == [
        SHIPPED_POLICY_VERSION, SHIPPED_POLICY_VERSION, done["version"]["label"]]
    assert from_then["total_commission"] == "4.62"
    timeline = await ok(await client.get("/v1/policy-versions", headers=bearer(keys["admin"])))
    assert [a["state"] for a in timeline["activations"]] == ["in force", "scheduled"]


async def test_rollback_returns_to_the_previous_version_from_now_on(client: httpx.AsyncClient, app: FastAPI,
                                                                    keys: dict[str, str]) -> None:
    headers = bearer(keys["storefront"])
    new_label = (await published(client, keys, edited_files(FRUIT_AT_16)))["version"]["label"]
    rolled = await ok(await client.post("/v1/policy-versions/rollback", headers=bearer(keys["admin"]),
                                        json={"message": "fruit growers complained", "activation_id": "RB-1"}), 201)
    assert (rolled["version"]["label"], rolled["activation"]["kind"]) == (SHIPPED_POLICY_VERSION, "rollback")
    await app.state.evaluator.refresh()
    assert (await ok(await quote_apples(client, headers)))["policy_version"] == SHIPPED_POLICY_VERSION
    replay = await client.post("/v1/policy-versions/rollback", headers=bearer(keys["admin"]),
                               json={"message": "fruit growers complained", "activation_id": "RB-1"})
    assert replay.status_code == 200 and await PolicyActivation.all().count() == 3
    timeline = await ok(await client.get("/v1/policy-versions", headers=bearer(keys["admin"])))
    assert [(a["version"], a["kind"], a["state"]) for a in timeline["activations"]] == [
        (SHIPPED_POLICY_VERSION, "initial", "past"), (new_label, "publish", "past"),
        (SHIPPED_POLICY_VERSION, "rollback", "in force")]
    # and forward again: a stored version is activated by its label, through a second person too
    again = await approved(client, await client.post(f"/v1/policy-versions/{new_label}/activations", headers=bearer(
        keys["admin"]), json={"message": "growers agreed after all"}), bearer(keys["approver"]))
    assert again["version"]["label"] == new_label and await PolicyVersion.all().count() == 2


async def test_nothing_to_roll_back_to(client: httpx.AsyncClient, keys: dict[str, str]) -> None:
    response = await client.post("/v1/policy-versions/rollback", headers=bearer(keys["admin"]),
                                 json={"message": "oops"})
    assert (response.status_code, response.json()["code"]) == (409, "nothing_to_roll_back")


@pytest.mark.parametrize(("edits", "code_in_problems"), [
    pytest.param({'commission: {rate: "17.99%"': 'commission: {rate: "17.99%", bogus: 1'},
                 "wrong_type", id="invalid"),
    pytest.param({'commission: "5.20", basis: program_rate}': 'commission: "5.21", basis: program_rate}'},
                 "example_failed", id="failing-example"),
])
async def test_a_candidate_that_fails_its_checks_is_never_stored(client: httpx.AsyncClient, app: FastAPI,
                                                                 keys: dict[str, str], edits: dict[str, str],
                                                                 code_in_problems: str) -> None:
    response = await publish(client, keys["admin"], edited_files(edits))
    body = response.json()
    assert (response.status_code, body["code"]) == (422, "policy_rejected"), body
    assert any(code_in_problems in p and p.startswith("rules/commission.yaml:") for p in body["problems"]), body
    assert await PolicyVersion.all().count() == 1 and await PolicyActivation.all().count() == 1
    await app.state.evaluator.refresh()
    assert (await ok(await quote_apples(client, bearer(keys["storefront"]))))["total_commission"] == "5.20"


async def test_effective_from_in_the_past_is_refused(client: httpx.AsyncClient, keys: dict[str, str]) -> None:
    response = await publish(client, keys["admin"], edited_files(FRUIT_AT_16),
                             effective_from="2026-11-05T00:00:00+08:00")
    assert (response.status_code, response.json()["code"]) == (422, "effective_from_in_past")
    assert await PolicyVersion.all().count() == 1


async def test_activation_ids_make_publishing_idempotent(client: httpx.AsyncClient, keys: dict[str, str]) -> None:
    at = soon(600).isoformat()
    files = edited_files(FRUIT_AT_16)
    first = await publish(client, keys["admin"], files, activation_id="PUB-7", effective_from=at)
    again = await publish(client, keys["admin"], files, activation_id="PUB-7", effective_from=at)
    other = await publish(client, keys["admin"], files, activation_id="PUB-7", effective_from=soon(900).isoformat())
    assert (first.status_code, again.status_code) == (202, 200)
    assert first.json()["proposal"] == again.json()["proposal"]
    assert (other.status_code, other.json()["code"]) == (409, "activation_id_reused")
    done = await approved(client, first, bearer(keys["approver"]))
    assert done["activation"]["activation_id"] == "PUB-7"
    replayed = await publish(client, keys["admin"], files, activation_id="PUB-7", effective_from=at)
    assert (replayed.status_code, replayed.json()["proposal"]["state"]) == (200, "approved")
    assert await PolicyActivation.all().count() == 2


@pytest.mark.parametrize("role", ["storefront", "reviewer", "supplier"])
async def test_only_policy_admins_publish(client: httpx.AsyncClient, make_key: MakeKey, role: str) -> None:
    response = await publish(client, await make_key(role), edited_files(FRUIT_AT_16))
    assert response.status_code == 403
    assert await PolicyVersion.all().count() == 1


async def test_diff_between_stored_versions_in_business_words(client: httpx.AsyncClient,
                                                              keys: dict[str, str]) -> None:
    new_label = (await published(client, keys, edited_files(FRUIT_AT_16)))["version"]["label"]
    body = await ok(await client.get(f"/v1/policy-versions/{SHIPPED_POLICY_VERSION}/diff/{new_label}",
                                     headers=bearer(keys["reviewer"])))
    texts = [c["text"] for c in body["changes"]]
    assert any("fresh_fruit_rate" in t and "17.99% -> 16%" in t for t in texts), texts


async def test_the_rollback_form_refuses_a_reviewer_and_a_missing_reason(client: httpx.AsyncClient,
                                                                          keys: dict[str, str]) -> None:
    await published(client, keys, edited_files(FRUIT_AT_16))
    timeline = (await ok(await client.get("/v1/policy-versions", headers=bearer(keys["reviewer"]))))["activations"]

    assert (await sign_in(client, "/policy", keys["reviewer"])).status_code == 303
    refused = await submit(client, "/policy/versions", "/policy/rollback", {"message": "growers complained"})
    assert refused.status_code == 403 and "Only a policy admin may roll back." in refused.text

    assert (await sign_in(client, "/policy", keys["admin"])).status_code == 303
    unexplained = await submit(client, "/policy/versions", "/policy/rollback", {"message": "  "})
    assert unexplained.status_code == 422 and "Say why you roll back." in unexplained.text

    after = (await ok(await client.get("/v1/policy-versions", headers=bearer(keys["reviewer"]))))["activations"]
    assert after == timeline  # neither changed the timeline


async def test_the_rollback_form_names_what_it_puts_back_and_a_second_click_rolls_back_nothing_more(
        client: httpx.AsyncClient, app: FastAPI, keys: dict[str, str]) -> None:
    """Three versions in force one after the other. The form said only "the last version in force that ..." and a
    double click (or a reload) rolled back twice: the second one went on to the shipped version."""
    at_16 = (await published(client, keys, edited_files(FRUIT_AT_16)))["version"]["label"]
    worded = edited_files({**FRUIT_AT_16, "The first rule that applies sets the commission of the line.":
                           "The first rule that applies sets the line's commission."})
    latest = (await published(client, keys, worded))["version"]["label"]
    assert (await sign_in(client, "/policy", keys["admin"])).status_code == 303
    page = await client.get("/policy/versions")
    form = page.text.split('action="/policy/rollback"')[1].split("</form>")[0]
    assert f'<strong id="rollback-target">{at_16}</strong>' in form and f"in place of\n  {latest}" in form
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form))
    assert fields["target"] == at_16
    for _ in range(2):  # the same form, sent twice
        sent = await client.post("/policy/rollback", data={**fields, "message": "wording confused the growers"})
        assert sent.status_code == 303, sent.text
    timeline = (await ok(await client.get("/v1/policy-versions", headers=bearer(keys["reviewer"]))))["activations"]
    assert [(a["version"], a["kind"], a["state"]) for a in timeline] == [
        (SHIPPED_POLICY_VERSION, "initial", "past"), (at_16, "publish", "past"), (latest, "publish", "past"),
        (at_16, "rollback", "in force")]
    again = await client.get("/policy/versions")  # and now the form names the shipped version, as it would put back
    assert f'<strong id="rollback-target">{SHIPPED_POLICY_VERSION}</strong>' in again.text


@pytest.mark.parametrize(("path", "status", "words"), [
    pytest.param("/policy/simulation?candidate=nonsense", 404, "nonsense", id="unknown-version"),
    pytest.param("/policy/simulation?candidate=a", 422, "candidate", id="malformed-version"),
    pytest.param("/policy/diff?old=nonsense1&new=nonsense2", 404, "nonsense1", id="diff-of-unknown"),
    pytest.param("/policy/simulation", 422, "candidate", id="missing-candidate"),
])
async def test_pages_answer_pages_with_the_error_in_words(client: httpx.AsyncClient, keys: dict[str, str],
                                                          path: str, status: int, words: str) -> None:
    assert (await sign_in(client, "/policy", keys["reviewer"])).status_code == 303
    page = await client.get(path)
    assert page.status_code == status
    assert page.headers["content-type"].startswith("text/html")
    assert "<h1>" in page.text and words in page.text and '"type": "urn:' not in page.text
    assert page.headers["x-request-id"] in page.text
    api = await client.get("/v1/policy-versions/nonsense", headers=bearer(keys["reviewer"]))
    assert api.headers["content-type"].startswith("application/problem+json")  # the API still answers JSON
