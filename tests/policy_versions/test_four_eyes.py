"""Four eyes: one person proposes a change to the rules, a different person approves it with a comment, and
only then is it in force. A scheduled activation can be called off; a rollback names its target and never
brings back what an earlier rollback removed."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from tortoise.exceptions import IntegrityError

from store import clock
from store.api_keys import ApiKey, create_key, install_dev_key
from store.policy_versions import PolicyActivation, PolicyProposal, PolicyVersion
from tests.clock import WORLD_START, start_at
from tests.commerce.helpers import bearer, ok
from tests.conftest import SHIPPED_POLICY_VERSION, MakeKey
from tests.policy_versions.helpers import APPROVER, FRUIT_AT_16, approved, edited_files, quote_apples
from workflows.policies import proposals

ANALYST = "Li Na <li.na@example.com>"


@pytest.fixture
async def people(make_key: MakeKey) -> dict[str, dict[str, str]]:
    return {"analyst": bearer(await make_key("policy_admin", person=ANALYST)),
            "analyst_again": bearer(await make_key("policy_admin", person=ANALYST, label="laptop")),
            "approver": bearer(await make_key("policy_admin", person=APPROVER)),
            "storefront": bearer(await make_key("storefront"))}


async def propose(client: httpx.AsyncClient, who: dict[str, str], files: dict[str, str] | None = None,
                  **extra: Any) -> httpx.Response:
    return await client.post("/v1/policy-versions", headers=who, json={
        "files": files or edited_files(FRUIT_AT_16), "message": "fresh fruit to 16%", **extra})


async def in_force(client: httpx.AsyncClient, app: FastAPI, people: dict[str, dict[str, str]]) -> str:
    await app.state.evaluator.refresh()
    return str((await ok(await quote_apples(client, people["storefront"])))["policy_version"])


async def test_a_proposal_changes_nothing_until_a_second_person_approves(
        client: httpx.AsyncClient, app: FastAPI, people: dict[str, dict[str, str]]) -> None:
    proposed = await ok(await propose(client, people["analyst"]), 202)
    proposal = proposed["proposal"]
    assert (proposal["state"], proposal["author"], proposed["activation"]) == ("proposed", ANALYST, None)
    assert await in_force(client, app, people) == SHIPPED_POLICY_VERSION
    waiting = await ok(await client.get("/v1/policy-proposals?state=proposed", headers=people["approver"]))
    assert [p["proposal_id"] for p in waiting["items"]] == [proposal["proposal_id"]]
    approval = f"/v1/policy-proposals/{proposal['proposal_id']}/approval"
    for own_key in ("analyst", "analyst_again"):  # the author, with any key the person holds
        refused = await client.post(approval, headers=people[own_key], json={"comment": "looks right to me"})
        assert (refused.status_code, refused.json()["code"]) == (403, "approver_is_author")
    assert (await client.post(approval, headers=people["approver"], json={"comment": ""})).status_code == 422
    assert await in_force(client, app, people) == SHIPPED_POLICY_VERSION
    done = await ok(await client.post(approval, headers=people["approver"],
                                      json={"comment": "impact on stored orders checked"}), 201)
    assert (done["proposal"]["state"], done["proposal"]["reviewer"]) == ("approved", APPROVER)
    assert done["proposal"]["review_comment"] == "impact on stored orders checked"
    assert await in_force(client, app, people) == proposed["version"]["label"]
    again = await client.post(approval, headers=people["approver"], json={"comment": "impact on stored orders checked"})
    assert again.status_code == 200 and await PolicyActivation.all().count() == 2  # a replay changes nothing


async def unnamed_key(role: str = "policy_admin", dev: bool = False) -> dict[str, str]:
    """A key that names nobody: a development key given without a name, or one issued before keys named people
    (its person "key <key_id>", as the parties migration left it)."""
    if dev:
        plaintext = f"xpk_dev_{secrets.token_hex(8)}"
        await install_dev_key(role, plaintext)
        return bearer(plaintext)
    record, plaintext = await create_key(role, person="Placeholder <p@xiaopu.test>")
    await ApiKey.filter(key_id=record.key_id).update(person=f"key {record.key_id}")
    return bearer(plaintext)


@pytest.mark.parametrize("dev", [False, True], ids=["issued-before-names", "development-key"])
async def test_keys_that_name_nobody_neither_propose_nor_approve(
        client: httpx.AsyncClient, app: FastAPI, people: dict[str, dict[str, str]], dev: bool) -> None:
    """One person holding two keys that name nobody would be two "people" to four eyes."""
    nobody, nobody_else = await unnamed_key(dev=dev), await unnamed_key(dev=dev)
    refused = await propose(client, nobody)
    assert (refused.status_code, refused.json()["code"]) == (403, "person_not_named")
    assert await PolicyVersion.all().count() == 1  # nothing stored: only the shipped set
    proposal = (await ok(await propose(client, people["analyst"]), 202))["proposal"]["proposal_id"]
    approval = f"/v1/policy-proposals/{proposal}/approval"
    refused = await client.post(approval, headers=nobody_else, json={"comment": "fine"})
    assert (refused.status_code, refused.json()["code"]) == (403, "person_not_named")
    assert await in_force(client, app, people) == SHIPPED_POLICY_VERSION
    await ok(await client.post(approval, headers=people["approver"], json={"comment": "checked"}), 201)


async def test_a_proposal_made_with_a_key_that_names_nobody_is_never_approved(
        client: httpx.AsyncClient, app: FastAPI, people: dict[str, dict[str, str]]) -> None:
    """A proposal stored before keys had to name people: its author could hold the approver's key too."""
    proposal = (await ok(await propose(client, people["analyst"]), 202))["proposal"]["proposal_id"]
    await PolicyProposal.filter(proposal_id=proposal).update(author_judge="key 0123456789ab")
    refused = await client.post(f"/v1/policy-proposals/{proposal}/approval", headers=people["approver"],
                                json={"comment": "fine"})
    assert (refused.status_code, refused.json()["code"]) == (409, "author_not_named")
    assert await in_force(client, app, people) == SHIPPED_POLICY_VERSION
    rejected = await ok(await client.post(f"/v1/policy-proposals/{proposal}/rejection", headers=people["approver"],
                                          json={"comment": "propose it again with a named key"}))
    assert rejected["state"] == "rejected"


async def test_a_person_key_is_issued_to_a_named_person(client: httpx.AsyncClient) -> None:
    with pytest.raises(ValueError, match="names its person"):
        await create_key("reviewer")
    with pytest.raises(ValueError, match="cannot begin with"):
        await create_key("policy_admin", person="key 0123456789ab")
    record, _ = await create_key("policy_admin", person="Wang Fang <wang@xiaopu.test>")
    assert record.person == "Wang Fang <wang@xiaopu.test>"


async def test_a_rejected_or_withdrawn_proposal_can_no_longer_be_approved(
        client: httpx.AsyncClient, app: FastAPI, people: dict[str, dict[str, str]]) -> None:
    first = (await ok(await propose(client, people["analyst"]), 202))["proposal"]["proposal_id"]
    rejected = await ok(await client.post(f"/v1/policy-proposals/{first}/rejection", headers=people["approver"],
                                          json={"comment": "growers were not consulted"}))
    assert (rejected["state"], rejected["reviewer"]) == ("rejected", APPROVER)
    late = await client.post(f"/v1/policy-proposals/{first}/approval", headers=people["approver"],
                             json={"comment": "changed my mind"})
    assert (late.status_code, late.json()["code"]) == (409, "proposal_decided")
    second = (await ok(await propose(client, people["analyst"], activation_id="PUB-2"), 202))["proposal"]
    withdrawn = await ok(await client.post(f"/v1/policy-proposals/{second['proposal_id']}/rejection",
                                           headers=people["analyst_again"], json={"comment": "wrong month"}))
    assert withdrawn["state"] == "withdrawn"
    assert await in_force(client, app, people) == SHIPPED_POLICY_VERSION
    assert await PolicyActivation.all().count() == 1


async def test_a_set_cannot_switch_off_its_own_approval(client: httpx.AsyncClient, app: FastAPI,
                                                        people: dict[str, dict[str, str]]) -> None:
    """`four_eyes: false` is itself a change the set in force (on by default) makes a second person approve;
    once a set without four eyes is in force, its own changes go in force at once."""
    alone = edited_files(FRUIT_AT_16)
    alone["policies.yaml"] = alone["policies.yaml"].replace('version: "2026.11.0"',
                                                            'version: "2026.11.0"\nfour_eyes: false')
    proposed = await propose(client, people["analyst"], alone)
    assert proposed.status_code == 202
    await approved(client, proposed, people["approver"])
    assert await in_force(client, app, people) == proposed.json()["version"]["label"]
    back = dict(alone)
    back["rules/commission.yaml"] = edited_files({})["rules/commission.yaml"]
    direct = await ok(await propose(client, people["analyst"], back), 201)
    assert direct["activation"]["kind"] == "publish" and direct.get("proposal") is None
    # four eyes on again (a second person approves that too); one person cannot roll back to a set without them
    guarded = await propose(client, people["analyst"], edited_files(FRUIT_AT_16), activation_id="PUB-GUARD")
    assert guarded.status_code == 202
    await approved(client, guarded, people["approver"])
    for target in ({}, {"target": direct["version"]["label"]}):
        refused = await client.post("/v1/policy-versions/rollback", headers=people["analyst"],
                                    json={"message": "one person, no approval", **target})
        assert (refused.status_code, refused.json()["code"]) == (409, "rollback_ends_four_eyes"), refused.text
    assert await in_force(client, app, people) == guarded.json()["version"]["label"]


async def test_a_change_scheduled_past_a_set_that_asks_for_four_eyes_needs_a_second_person(
        client: httpx.AsyncClient, app: FastAPI, people: dict[str, dict[str, str]]) -> None:
    """A set without four eyes is in force and two people scheduled one with them for +2h: one person alone had put
    a money change (fruit at 16%, four eyes off) in force from +4h, replacing the guarded set on one word."""
    off = edited_files({})
    off["policies.yaml"] = off["policies.yaml"].replace('version: "2026.11.0"',
                                                        'version: "2026.11.0"\nfour_eyes: false')
    await approved(client, await propose(client, people["analyst"], off), people["approver"])
    guarded = edited_files({})
    guarded["policies.yaml"] += "\n# four eyes on again\n"
    in_2h, in_4h = (clock.now() + dt.timedelta(hours=hours) for hours in (2, 4))
    await approved(client, await propose(client, people["analyst"], guarded, effective_from=in_2h.isoformat(),
                                         activation_id="PUB-GUARDED"), people["approver"])
    alone = edited_files(FRUIT_AT_16)
    alone["policies.yaml"] = alone["policies.yaml"].replace('version: "2026.11.0"',
                                                            'version: "2026.11.0"\nfour_eyes: false')
    change = await propose(client, people["analyst"], alone, effective_from=in_4h.isoformat(), activation_id="PUB-4H")
    assert change.status_code == 202 and change.json()["proposal"]["state"] == "proposed", change.text
    assert await PolicyActivation.filter(activation_id="PUB-4H").count() == 0


async def test_a_scheduled_activation_can_be_cancelled_before_it_takes_effect(
        client: httpx.AsyncClient, app: FastAPI, people: dict[str, dict[str, str]]) -> None:
    at = clock.now() + dt.timedelta(hours=2)
    done = await approved(client, await propose(client, people["analyst"], effective_from=at.isoformat()),
                          people["approver"])
    activation = done["activation"]["activation_id"]
    timeline = await ok(await client.post(f"/v1/policy-activations/{activation}/cancellation",
                                          headers=people["approver"]))
    [cancelled] = [a for a in timeline["activations"] if a["activation_id"] == activation]
    assert (cancelled["state"], cancelled["cancelled_by"]) == ("cancelled", APPROVER)
    await app.state.evaluator.refresh()
    later = await ok(await quote_apples(client, people["storefront"], as_of=(at + dt.timedelta(minutes=1)).isoformat()))
    assert later["policy_version"] == SHIPPED_POLICY_VERSION  # the cancelled version never takes over
    initial = (await PolicyActivation.get(kind="initial")).activation_id
    refused = await client.post(f"/v1/policy-activations/{initial}/cancellation", headers=people["approver"])
    assert (refused.status_code, refused.json()["code"]) == (409, "activation_already_in_force")
    missing = await client.post("/v1/policy-activations/nope/cancellation", headers=people["approver"])
    assert missing.status_code == 404


async def test_the_only_activation_left_is_never_cancelled(
        client: httpx.AsyncClient, people: dict[str, dict[str, str]]) -> None:
    """Before the shipped set takes effect its activation is still scheduled; calling it off would leave no version
    in force at any time (the timeline answered 500)."""
    start_at(WORLD_START - dt.timedelta(days=1))
    initial = (await PolicyActivation.get(kind="initial")).activation_id
    refused = await client.post(f"/v1/policy-activations/{initial}/cancellation", headers=people["approver"])
    assert (refused.status_code, refused.json()["code"]) == (409, "last_activation"), refused.text
    timeline = await ok(await client.get("/v1/policy-versions", headers=people["approver"]))
    assert [(a["activation_id"], a["state"]) for a in timeline["activations"]] == [(initial, "in force")]


async def test_a_second_rollback_never_brings_back_what_the_first_removed(
        client: httpx.AsyncClient, app: FastAPI, people: dict[str, dict[str, str]]) -> None:
    bad = (await approved(client, await propose(client, people["analyst"]), people["approver"]))["version"]["label"]
    back = await ok(await client.post("/v1/policy-versions/rollback", headers=people["analyst"],
                                      json={"message": "16% was a mistake"}), 201)
    assert back["version"]["label"] == SHIPPED_POLICY_VERSION
    again = await client.post("/v1/policy-versions/rollback", headers=people["analyst"],
                              json={"message": "pressed twice"})
    assert (again.status_code, again.json()["code"]) == (409, "nothing_to_roll_back")
    assert await in_force(client, app, people) == SHIPPED_POLICY_VERSION
    # a version that was in force may be named on purpose; one never in force may not
    named = await ok(await client.post("/v1/policy-versions/rollback", headers=people["analyst"],
                                       json={"message": "growers agreed after all", "target": bad}), 201)
    assert named["version"]["label"] == bad
    draft = edited_files({})
    draft["policies.yaml"] += "\n# a draft nobody approved\n"
    stored_only = await ok(await client.post("/v1/policy-versions", headers=people["analyst"], json={
        "files": draft, "message": "draft", "activate": False}), 201)
    never = await client.post("/v1/policy-versions/rollback", headers=people["analyst"],
                              json={"message": "sneak it in", "target": stored_only["version"]["label"]})
    assert (never.status_code, never.json()["code"]) == (409, "rollback_target_never_in_force")


async def test_two_stored_versions_cannot_share_a_label(client: httpx.AsyncClient) -> None:
    shipped = await PolicyVersion.get(label=SHIPPED_POLICY_VERSION)
    with pytest.raises(IntegrityError):
        await PolicyVersion.create(content_hash="f" * 64, label=shipped.label, policy_set=shipped.policy_set,
                                   files=shipped.files, author="x", message="copy", created_at=shipped.created_at)


async def test_a_withdrawal_during_an_approval_finds_the_proposal_decided(
        client: httpx.AsyncClient, app: FastAPI, people: dict[str, dict[str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The author withdraws while the approval is putting the version in force: the proposal is approved already,
    so the withdrawal is refused; a version never takes over under a proposal that says it was withdrawn."""
    proposed = await ok(await propose(client, people["analyst"]), 202)
    proposal_id = proposed["proposal"]["proposal_id"]
    withdrawals: list[httpx.Response] = []
    put_in_force = proposals.publish

    async def publish_as_the_author_withdraws(*args: Any, **kwargs: Any) -> Any:
        withdrawals.append(await client.post(f"/v1/policy-proposals/{proposal_id}/rejection",
                                             headers=people["analyst_again"], json={"comment": "wrong month"}))
        return await put_in_force(*args, **kwargs)

    monkeypatch.setattr(proposals, "publish", publish_as_the_author_withdraws)
    done = await ok(await client.post(f"/v1/policy-proposals/{proposal_id}/approval", headers=people["approver"],
                                      json={"comment": "impact checked"}), 201)
    [withdrawal] = withdrawals
    assert withdrawal.status_code == 409 and withdrawal.json()["code"] == "proposal_decided", withdrawal.text
    assert (done["proposal"]["state"], done["proposal"]["reviewer"]) == ("approved", APPROVER)
    assert await in_force(client, app, people) == proposed["version"]["label"]


async def test_an_approval_read_against_a_version_no_longer_in_force_changes_nothing(
        client: httpx.AsyncClient, people: dict[str, dict[str, str]]) -> None:
    """A proposal is a whole set of files. Approved after another change went in force, it would undo that change
    unseen: an approver who says what it read the change against is refused when that is no longer in force."""
    fruit = (await ok(await propose(client, people["analyst"]), 202))["proposal"]["proposal_id"]
    other = await propose(client, people["analyst"], edited_files({"- id: fresh_fruit_rate": "# checked in December\n"
                                                                   "        - id: fresh_fruit_rate"}))
    meanwhile = await approved(client, other, people["approver"], in_force_seen=SHIPPED_POLICY_VERSION)
    now_in_force = meanwhile["version"]["label"]
    stale = await client.post(f"/v1/policy-proposals/{fruit}/approval", headers=people["approver"], json={
        "comment": "diff read", "in_force_seen": SHIPPED_POLICY_VERSION})
    assert (stale.status_code, stale.json()["code"], stale.json()["in_force"]) == (409, "in_force_changed",
                                                                                  now_in_force), stale.text
    assert (await ok(await client.get(f"/v1/policy-proposals/{fruit}", headers=people["approver"])))["state"] == \
        "proposed"
    timeline = await ok(await client.get("/v1/policy-versions", headers=people["approver"]))
    assert timeline["in_force"] == now_in_force  # nothing changed in force
    read_again = await client.post(f"/v1/policy-proposals/{fruit}/approval", headers=people["approver"], json={
        "comment": "diff read against the version in force", "in_force_seen": now_in_force})
    assert read_again.status_code == 201, read_again.text
