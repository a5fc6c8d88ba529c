"""The versions page as the second person works in it: a refused approval comes back with the comment and the
effective time as typed, and the error beside that proposal's form."""

from __future__ import annotations

import httpx

from tests.commerce.helpers import bearer, ok
from tests.conftest import MakeKey
from tests.pages import form_token, sign_in
from tests.policy_versions.helpers import FRUIT_AT_16, edited_files


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
