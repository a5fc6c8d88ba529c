"""The quote path does only what a quote needs: no audit row (a quote changes nothing; it is counted in the
request metrics), and the key is checked from memory, a revocation honoured at once in this process and within
one poll when made elsewhere."""

from __future__ import annotations

import asyncio
from typing import Any

from store.api_keys import ApiKey, utc_now
from store.audit import AuditEntry
from tests.commerce.helpers import APPLES, bearer


async def test_a_quote_writes_no_audit_row_and_is_counted(client: Any, make_key: Any) -> None:
    key = await make_key("storefront")
    before = await AuditEntry.all().count()
    r = await client.post("/v1/commission/quotes", json={"items": [APPLES]}, headers=bearer(key))
    assert r.status_code == 200
    assert await AuditEntry.all().count() == before
    metrics = (await client.get("/metrics", headers=bearer(await make_key("policy_admin")))).text
    assert 'route="/v1/commission/quotes"' in metrics


async def test_a_revocation_made_elsewhere_is_honoured_within_a_poll(client: Any, make_key: Any) -> None:
    key = await make_key("storefront")
    quote = {"items": [APPLES]}
    assert (await client.post("/v1/commission/quotes", json=quote, headers=bearer(key))).status_code == 200
    key_id = key.split("_")[1]
    # another process revokes it in the database (as `xiaopu keys revoke` does)
    await ApiKey.filter(key_id=key_id).update(revoked_at=utc_now())
    for _ in range(40):  # the poll is XIAOPU_POLICY_POLL_SECONDS (0.5 s)
        if (await client.post("/v1/commission/quotes", json=quote, headers=bearer(key))).status_code == 401:
            break
        await asyncio.sleep(0.1)
    else:
        raise AssertionError("the revoked key was still accepted after 4 s")


async def test_a_revocation_through_the_api_is_honoured_on_the_next_request(client: Any, make_key: Any) -> None:
    key, admin = await make_key("storefront"), await make_key("policy_admin")
    quote = {"items": [APPLES]}
    assert (await client.post("/v1/commission/quotes", json=quote, headers=bearer(key))).status_code == 200
    revoked = await client.post(f"/v1/keys/{key.split('_')[1]}/revoke", headers=bearer(admin))
    assert revoked.status_code == 200, revoked.text
    assert (await client.post("/v1/commission/quotes", json=quote, headers=bearer(key))).status_code == 401
