"""The reviewer's pages over HTTP: sign in, queue, application page, decision form, a stable record."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import httpx

from store.api_keys import create_key
from tests.commerce.helpers import bearer, running_app
from tests.onboarding.helpers import application, candidate_policies

ROOT = Path(__file__).resolve().parents[2]


async def signed_in(client: httpx.AsyncClient, key: str) -> None:
    r = await client.post("/review/sign-in", data={"key": key})
    assert r.status_code == 303 and r.headers["location"] == "/review/applications"


async def test_review_flow_through_the_pages(client: Any, make_key: Any) -> None:
    await client.post("/v1/supplier-applications", json=application("APP-P", registered_capital="999999.99"),
                      headers=bearer(await make_key("supplier")))
    assert (await client.get("/review/applications")).headers["location"] == "/review/sign-in"
    bad = await client.post("/review/sign-in", data={"key": await make_key("storefront")})
    assert bad.status_code == 401 and "not an active reviewer key" in bad.text
    await signed_in(client, await make_key("reviewer"))

    queue = await client.get("/review/applications")
    assert queue.status_code == 200 and 'href="/review/applications/APP-P"' in queue.text
    assert "registered_capital_min" in queue.text
    page = (await client.get("/review/applications/APP-P")).text
    assert "Registered capital of at least RMB 1,000,000." in page and "short by RMB 0.01" in page
    assert "rules/supplier_entry.yaml:" in page and 'id="policy-version">2026.11.0+' in page

    refused = await client.post("/review/applications/APP-P/decision", data={"decision": "approve", "reason": "ok"})
    assert refused.status_code == 422 and "override" in refused.text
    done = await client.post("/review/applications/APP-P/decision", data={
        "decision": "approve", "reason": "strategic supplier",
        "justification__registered_capital_min": "group guarantee letter G-77 on file"})
    assert done.status_code == 303
    final = (await client.get("/review/applications/APP-P")).text
    assert 'id="status">approved<' in final and "group guarantee letter G-77 on file" in final
    assert 'id="decision-form"' not in final


async def test_page_escapes_what_suppliers_wrote(client: Any, make_key: Any) -> None:
    await client.post("/v1/supplier-applications", json=application("APP-XSS", legal_name="<script>x()</script>"),
                      headers=bearer(await make_key("supplier")))
    await signed_in(client, await make_key("reviewer"))
    page = (await client.get("/review/applications/APP-XSS")).text
    assert "<script>x()</script>" not in page and "&lt;script&gt;" in page


async def test_page_of_a_stored_decision_is_identical_after_the_rules_change(database_url: str,
                                                                              tmp_path: Path) -> None:
    async with running_app(database_url) as client:
        _, supplier = await create_key("supplier")
        _, reviewer = await create_key("reviewer")
        await client.post("/v1/supplier-applications", json=application("APP-S", registered_capital="800000.00"),
                          headers=bearer(supplier))
        await signed_in(client, reviewer)
        before = (await client.get("/review/applications/APP-S")).text
    changed = candidate_policies(tmp_path / "policies", "supplier_entry.yaml",
                                 'registered_capital: {gte: "1000000.00"}', 'registered_capital: {gte: "500000.00"}')
    async with running_app(database_url, policy_path=changed) as client:
        assert (await client.get("/healthz")).json()["policy_version"] not in before
        await signed_in(client, reviewer)
        after = (await client.get("/review/applications/APP-S")).text
        now = dt.datetime.now(dt.UTC).isoformat()  # the changed files were published at start-up, in force now
        fresh = await client.post("/v1/supplier-applications", headers=bearer(supplier),
                                  json=application("APP-T", registered_capital="800000.00", as_of=now))
    assert after == before  # the record shows the version it was decided under, not today's rules
    assert re.search(r'id="policy-version">2026\.11\.0\+\w+<', after)
    assert [r["passed"] for r in fresh.json()["requirements"] if r["id"] == "registered_capital_min"] == [True]
