"""The versions page as the second person works in it: a refused approval comes back with the comment and the
effective time as typed, and the error beside that proposal's form."""

from __future__ import annotations

import datetime as dt

import httpx
from fastapi import FastAPI

from store import clock
from store.policy_drafts import PolicyDraft
from store.policy_versions import PolicyActivation, PolicyVersion
from tests.commerce.helpers import bearer, ok
from tests.conftest import MakeKey
from tests.pages import form_token, seen_in_force, sign_in
from tests.policy_versions.helpers import FRUIT_AT_16, approved, edited_files
from tests.policy_versions.test_drafts import EXAMPLES_AT_16, FRESH_FRUIT_AT_16, RULES


async def test_a_refused_approval_keeps_what_was_typed_beside_its_proposal(client: httpx.AsyncClient,
                                                                           make_key: MakeKey) -> None:
    analyst = bearer(await make_key("policy_admin"))
    proposed = await ok(await client.post("/v1/policy-versions", headers=analyst, json={
        "files": edited_files(FRUIT_AT_16), "message": "fresh fruit to 16%"}), 202)
    proposal_id = proposed["proposal"]["proposal_id"]
    assert (await sign_in(client, "/policy", await make_key("policy_admin"))).status_code == 303
    page = await client.get("/policy/versions")
    refused = await client.post(f"/policy/proposals/{proposal_id}/approval", data={
        "comment": "impact on stored orders checked", "effective_from": "next friday",
        "csrf_token": form_token(page.text)})
    assert refused.status_code == 422
    row = refused.text.split(f'id="proposal-{proposal_id}"')[1].split("</tr>")[0]
    assert "is not a time; write it as 2026-12-12 00:00 (China time)" in row  # beside the form it came from
    assert 'value="impact on stored orders checked"' in row and 'value="next friday"' in row
    assert (await ok(await client.get(f"/v1/policy-proposals/{proposal_id}", headers=analyst)))["state"] == "proposed"

    rollback = await client.post("/policy/rollback", data={"message": "wrong rates at 9:00",
                                                           "csrf_token": form_token(page.text)})
    assert rollback.status_code == 409  # nothing to return to: the error and the reason typed stay on the form
    form = rollback.text.split('action="/policy/rollback"')[1].split("</form>")[0]
    assert 'id="rollback-error"' in form and 'value="wrong rates at 9:00"' in form


async def test_the_newest_versions_and_drafts_come_first_a_page_at_a_time(client: httpx.AsyncClient,
                                                                          make_key: MakeKey) -> None:
    """Years of publishing: 501 more stored versions and 201 drafts. The newest are on the first page (the pages
    showed the first 500 versions and 200 drafts ever stored: the newest never), the older a link away."""
    now = clock.now()
    await PolicyVersion.bulk_create([
        PolicyVersion(content_hash=f"{n:064x}", label=f"2026.11.{n}+{n:012x}", policy_set="xiaopu", files={},
                      author="Li Na <li.na@example.com>", message=f"change {n}", created_at=now)
        for n in range(1, 502)])
    await PolicyDraft.bulk_create([
        PolicyDraft(draft_id=f"draft_{n}", body_hash="-", name=f"draft number {n}", author="Li Na",
                    author_judge="Li Na", base_version="2026.11.1", files={}, checked={}, created_at=now,
                    updated_at=now)
        for n in range(1, 202)])
    assert (await sign_in(client, "/policy", await make_key("policy_admin"))).status_code == 303

    versions = (await client.get("/policy/versions")).text.split('id="versions"')[1]
    assert "2026.11.501+" in versions and "2026.11.450+" not in versions
    older = (await client.get(versions.split('id="older-versions"')[0].rsplit('href="', 1)[1].split('"')[0])).text
    assert "2026.11.451+" in older.split('id="versions"')[1] and "2026.11.501+" not in older.split('id="versions"')[1]

    drafts = (await client.get("/policy/drafts")).text
    listed = drafts.split('id="drafts"')[1].split("</table>")[0]
    assert "draft number 201<" in listed and "draft number 100<" not in listed
    assert '<option value="2026.11.501+' in drafts.split('id="from"')[1]  # a draft may start from the newest
    following = drafts.split('id="older-drafts"')[0].rsplit('href="', 1)[1].split('"')[0]
    assert "draft number 151<" in (await client.get(following)).text


# Another change approved while a draft's proposal waits: maternal-infant and home goods to 13%.
MATERNAL_AT_13 = {'then: {rate_bp: "12%", commission: {rate: "12%", of: line_amount}, basis: program_rate}':
                  'then: {rate_bp: "13%", commission: {rate: "13%", of: line_amount}, basis: program_rate}',
                  'expect: {outputs: {commission: "4.26"}, fired: [maternal_home_rate]}':
                  'expect: {outputs: {commission: "4.62"}, fired: [maternal_home_rate]}'}


async def test_the_approver_reads_what_approving_changes_against_the_version_in_force_now(
        client: httpx.AsyncClient, app: FastAPI, make_key: MakeKey) -> None:
    """A draft proposed (fresh fruit to 16%) while the shipped set was in force; then another change is approved
    (maternal-infant to 13%). Approving the draft now would also put maternal-infant back to 12%: the proposal's
    page says so, against the version in force now, not with the diff it carried, labelled as if it were."""
    analyst, other = bearer(await make_key("policy_admin")), bearer(await make_key("policy_admin"))
    approver_key = await make_key("policy_admin")
    await ok(await client.post("/v1/policy-drafts", headers=analyst, json={"draft_id": "D-1", "name": "fruit"}), 201)
    await ok(await client.post("/v1/policy-drafts/D-1/edits", headers=analyst,
                               json={"file": RULES, "edits": FRESH_FRUIT_AT_16 + EXAMPLES_AT_16}))
    proposed = await ok(await client.post("/v1/policy-drafts/D-1/proposal", headers=analyst,
                                          json={"message": "fresh fruit to 16%"}), 202)
    proposal_id = proposed["proposal"]["proposal_id"]
    meanwhile = await client.post("/v1/policy-versions", headers=other, json={
        "files": edited_files(MATERNAL_AT_13), "message": "maternal-infant to 13%"})
    in_force = (await approved(client, meanwhile, bearer(approver_key)))["version"]["label"]
    await app.state.evaluator.refresh()

    assert (await sign_in(client, "/policy", approver_key)).status_code == 303
    page = (await client.get(f"/policy/proposals/{proposal_id}")).text
    changes = page.split('id="changes"')[1].split("</table>")[0]
    assert f"What changes against {in_force}" in page
    assert "maternal_home_rate: rate_bp" in changes and "13%" in changes  # approving puts it back to 12%
    assert "fresh_fruit_rate: rate_bp" in changes
    assert 'id="stale-impact"' in page  # the impact attached was worked out against the version then in force


async def test_the_timeline_shows_its_latest_activations_and_the_whole_one_a_link_away(
        client: httpx.AsyncClient, make_key: MakeKey) -> None:
    """Years of changes: 40 activations before the one in force. The timeline shows the latest, the one in force
    among them; the whole timeline is a link away."""
    shipped = await PolicyActivation.all().order_by("id").first().prefetch_related("version")
    assert shipped is not None
    start = shipped.effective_from - dt.timedelta(days=400)
    await PolicyActivation.bulk_create([
        PolicyActivation(activation_id=f"act_old_{n}", body_hash="-", version_id=shipped.version_id,
                         effective_from=start + dt.timedelta(days=n), kind="publish", author="Li Na",
                         message=f"change number {n}.", created_at=start + dt.timedelta(days=n)) for n in range(40)])
    assert (await sign_in(client, "/policy", await make_key("policy_admin"))).status_code == 303
    page = (await client.get("/policy/versions")).text
    timeline = page.split('id="timeline"')[1].split("</table>")[0]
    assert "change number 39." in timeline and "change number 5." not in timeline
    assert 'class="in-force"' in timeline
    whole = (await client.get(page.split('id="whole-timeline"')[0].rsplit('href="', 1)[1].split('"')[0])).text
    assert "change number 0." in whole.split('id="timeline"')[1].split("</table>")[0]


async def test_an_approval_from_a_page_read_before_another_change_went_in_force_is_refused(
        client: httpx.AsyncClient, make_key: MakeKey) -> None:
    """The approver read the proposal's diff against the version in force then; another change went in force
    before the approval was sent. Approving would undo that change unseen: the page refuses and shows the
    proposal again against the version in force now."""
    analyst, approver = bearer(await make_key("policy_admin")), await make_key("policy_admin")
    proposal_id = (await ok(await client.post("/v1/policy-versions", headers=analyst, json={
        "files": edited_files(FRUIT_AT_16), "message": "fresh fruit to 16%"}), 202))["proposal"]["proposal_id"]
    assert (await sign_in(client, "/policy", approver)).status_code == 303
    page = (await client.get("/policy/versions")).text
    read_against = seen_in_force(page)
    other = await client.post("/v1/policy-versions", headers=analyst, json={"message": "a note", "files": edited_files(
        {"- id: fresh_fruit_rate": "# checked in December\n        - id: fresh_fruit_rate"})})
    meanwhile = (await approved(client, other, bearer(approver)))["version"]["label"]
    refused = await client.post(f"/policy/proposals/{proposal_id}/approval", data={
        "comment": "diff read", "effective_from": "", "in_force_seen": read_against,
        "csrf_token": form_token(page)})
    assert refused.status_code == 409, refused.text
    row = refused.text.split(f'id="proposal-{proposal_id}"')[1].split("</tr>")[0]
    assert f"{meanwhile} went in force after you read this change against {read_against}" in row
    assert seen_in_force(refused.text) == meanwhile  # the page now shows it against the version in force
    assert (await ok(await client.get(f"/v1/policy-proposals/{proposal_id}", headers=analyst)))["state"] == "proposed"
