"""A time typed on the policy pages is held to the platform's range (1970 to 2999), as the API's times are: typed
near the end of the calendar it had answered 500 (an offset west of UTC overflowed on the way to UTC) or put a
version in force in the year 9999, which the API would have refused."""

from __future__ import annotations

import httpx
import pytest

from store.policy_versions import PolicyActivation
from tests.commerce.helpers import bearer, ok
from tests.conftest import MakeKey
from tests.pages import form_token, seen_in_force, sign_in, submit
from tests.policy_versions.helpers import FRUIT_AT_16, edited_files


@pytest.mark.parametrize("typed", [
    pytest.param("9999-12-31T23:59:59-10:00", id="overflows-on-the-way-to-utc"),
    pytest.param("9999-12-31 23:59", id="past-the-platforms-range"),
    pytest.param("3000-01-01 08:00", id="the-first-moment-out-of-range"),
])
async def test_an_approval_time_out_of_range_is_refused_and_changes_nothing(client: httpx.AsyncClient,
                                                                            make_key: MakeKey, typed: str) -> None:
    analyst = bearer(await make_key("policy_admin"))
    proposed = await ok(await client.post("/v1/policy-versions", headers=analyst, json={
        "files": edited_files(FRUIT_AT_16), "message": "fresh fruit to 16%"}), 202)
    proposal_id = proposed["proposal"]["proposal_id"]
    activations = await PolicyActivation.all().count()
    assert (await sign_in(client, "/policy", await make_key("policy_admin"))).status_code == 303
    page = (await client.get(f"/policy/proposals/{proposal_id}")).text
    refused = await client.post(f"/policy/proposals/{proposal_id}/approval", data={
        "comment": "impact checked", "effective_from": typed, "in_force_seen": seen_in_force(page),
        "back": "proposal", "csrf_token": form_token(page)})
    assert refused.status_code == 422, refused.text[:300]
    assert "1970 to 2999" in refused.text and f'value="{typed}"' in refused.text
    assert (await ok(await client.get(f"/v1/policy-proposals/{proposal_id}", headers=analyst)))["state"] == "proposed"
    assert await PolicyActivation.all().count() == activations


async def test_a_what_if_time_out_of_range_is_refused(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    admin = await make_key("policy_admin")
    draft = await ok(await client.post("/v1/policy-drafts", headers=bearer(admin),
                                       json={"draft_id": "D-1", "name": "fruit"}), 201)
    page = f"/policy/drafts/{draft['draft_id']}"
    assert (await sign_in(client, "/policy", admin)).status_code == 303
    tried = await submit(client, page, f"{page}/what-if", {
        "file": "rules/commission.yaml", "policy": "commission", "fact:category": "fresh_fruit", "fact:price": "28.90",
        "fact:quantity": "1", "fact:seller_tier": "", "as_of": "0001-01-01 00:00"})
    assert tried.status_code == 422, tried.text[:300]
    assert "1970 to 2999" in tried.text
