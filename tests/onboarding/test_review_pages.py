"""The reviewer's pages over HTTP: sign in, queue, application page, decision form, a stable record."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path
from typing import Any

import httpx

from store.api_keys import create_key
from tests.clock import advance_to
from tests.commerce.helpers import bearer, running_app
from tests.conftest import TEST_SUPPLIER
from tests.onboarding.helpers import app_path, application, candidate_policies, pay_deposit, review_path
from tests.pages import form_token, sign_in, submit, without_form_token

ROOT = Path(__file__).resolve().parents[2]


async def signed_in(client: httpx.AsyncClient, key: str) -> None:
    r = await sign_in(client, "/review", key)
    assert r.status_code == 303 and r.headers["location"] == "/review/applications"


async def test_review_flow_through_the_pages(client: Any, make_key: Any) -> None:
    await client.post("/v1/supplier-applications", json=application("APP-P", registered_capital="999999.99"),
                      headers=bearer(await make_key("supplier")))
    assert (await client.get("/review/applications")).headers["location"] == "/review/sign-in"
    bad = await sign_in(client, "/review", await make_key("storefront"))
    assert bad.status_code == 401 and "not an active reviewer key" in bad.text
    await signed_in(client, await make_key("reviewer"))

    queue = await client.get("/review/applications")
    assert queue.status_code == 200 and f'href="{review_path("APP-P")}"' in queue.text
    assert "registered_capital_min" in queue.text
    page = (await client.get(review_path("APP-P"))).text
    assert "Registered capital of at least RMB 1,000,000." in page and "short by RMB 0.01" in page
    assert "rules/supplier_entry.yaml:" in page and 'id="policy-version">2026.11.0+' in page
    # the deposit as recorded, beside what the applicant declared: nothing received yet
    deposit = page[page.index('id="deposit"'):].split("</p>")[0]
    assert 'class="fail" id="deposit-recorded">RMB 0.00<' in deposit and "declared RMB 10000.00" in deposit
    assert 'id="deposit-short"' in deposit

    await pay_deposit(client, await make_key("policy_admin"), "APP-P")
    paid = (await client.get(review_path("APP-P"))).text
    assert 'class="pass" id="deposit-recorded">RMB 10000.00<' in paid and 'id="deposit-short"' not in paid
    assert 'id="deposit-movements"' in paid
    refused = await submit(client, review_path("APP-P"), review_path("APP-P", "/decision"),
                           {"decision": "approve", "reason": "ok"})
    assert refused.status_code == 422 and "override" in refused.text
    done = await submit(client, review_path("APP-P"), review_path("APP-P", "/decision"), {
        "decision": "approve", "reason": "strategic supplier",
        "justification__registered_capital_min": "group guarantee letter G-77 on file"})
    assert done.status_code == 303
    final = (await client.get(review_path("APP-P"))).text
    assert 'id="status">approved<' in final and "group guarantee letter G-77 on file" in final
    assert 'id="decision-form"' not in final


async def test_the_queue_comes_a_page_at_a_time(client: Any, make_key: Any) -> None:
    supplier = bearer(await make_key("supplier"))
    for n in range(3):
        await client.post("/v1/supplier-applications", json=application(f"APP-Q{n}"), headers=supplier)
    await signed_in(client, await make_key("reviewer"))
    first = (await client.get("/review/applications?limit=2")).text
    assert review_path("APP-Q0") in first and review_path("APP-Q1") in first and review_path("APP-Q2") not in first
    following = html_lib.unescape(re.search(r'href="([^"]+)" id="next-page"', first).group(1))  # type: ignore[union-attr]
    second = (await client.get(following)).text
    assert review_path("APP-Q2") in second and review_path("APP-Q0") not in second
    assert 'id="next-page"' not in second and 'id="first-page"' in second


async def test_the_queue_comes_in_the_order_applications_arrived(client: Any, make_key: Any) -> None:
    """An applicant chooses its application's id: one named to sort first does not jump the queue."""
    supplier = bearer(await make_key("supplier"))
    advance_to("2026-11-23T02:00:00Z")
    await client.post("/v1/supplier-applications", json=application("APP-ZZ"), headers=supplier)
    advance_to("2026-11-23T03:00:00Z")
    await client.post("/v1/supplier-applications", json=application("0-ME-FIRST"), headers=supplier)
    await signed_in(client, await make_key("reviewer"))
    first = (await client.get("/review/applications?limit=1")).text
    assert review_path("APP-ZZ") in first and review_path("0-ME-FIRST") not in first
    following = html_lib.unescape(re.search(r'href="([^"]+)" id="next-page"', first).group(1))  # type: ignore[union-attr]
    assert review_path("0-ME-FIRST") in (await client.get(following)).text


async def test_a_reviewer_finds_an_application_by_name_or_credit_code(client: Any, make_key: Any) -> None:
    supplier = bearer(await make_key("supplier"))
    for n, name in enumerate(["Orchard Fresh Co", "West Lake Tea House", "Golden Pear Farm"]):
        await client.post("/v1/supplier-applications", json=application(f"APP-F{n}", legal_name=name),
                          headers=supplier)
    await signed_in(client, await make_key("reviewer"))
    found = (await client.get("/review/applications", params={"q": "tea house"})).text
    assert review_path("APP-F1") in found and review_path("APP-F0") not in found and review_path("APP-F2") not in found
    assert 'name="q" value="tea house"' in found  # the search stays in its box
    every = (await client.get("/review/applications", params={"q": "91330100MA2AXXXX07", "status": "all"})).text
    assert all(review_path(f"APP-F{n}") in every for n in range(3))


async def test_page_escapes_what_suppliers_wrote(client: Any, make_key: Any) -> None:
    await client.post("/v1/supplier-applications", json=application("APP-XSS", legal_name="<script>x()</script>"),
                      headers=bearer(await make_key("supplier")))
    await signed_in(client, await make_key("reviewer"))
    page = (await client.get(review_path("APP-XSS"))).text
    assert "<script>x()</script>" not in page and "&lt;script&gt;" in page


async def test_page_of_a_stored_decision_is_identical_after_the_rules_change(database_url: str,
                                                                              tmp_path: Path) -> None:
    async with running_app(database_url) as client:
        _, supplier = await create_key("supplier", party=TEST_SUPPLIER)
        _, reviewer = await create_key("reviewer", person="Zhao Min <zhao.min@xiaopu.test>")
        await client.post("/v1/supplier-applications", json=application("APP-S", registered_capital="800000.00"),
                          headers=bearer(supplier))
        await signed_in(client, reviewer)
        before = (await client.get(review_path("APP-S"))).text
    changed = candidate_policies(tmp_path / "policies", "supplier_entry.yaml",
                                 'registered_capital: {gte: "1000000.00"}', 'registered_capital: {gte: "500000.00"}')
    async with running_app(database_url, policy_path=changed) as client:
        assert (await client.get("/healthz")).json()["policy_version"] not in before
        await signed_in(client, reviewer)
        after = (await client.get(review_path("APP-S"))).text
        # the changed files were published at start-up, in force now: the platform judges as of now
        fresh = await client.post("/v1/supplier-applications", headers=bearer(supplier),
                                  json=application("APP-T", registered_capital="800000.00"))
    # the record shows the version it was decided under, not today's rules
    assert without_form_token(after) == without_form_token(before)
    assert re.search(r'id="policy-version">2026\.11\.0\+\w+<', after)
    assert [r["passed"] for r in fresh.json()["requirements"] if r["id"] == "registered_capital_min"] == [True]


EXPIRED_AND_ELECTRONICS: dict[str, Any] = {
    "brand_authorizations": [{"brand": "Orchard", "chain": [
        {"grantor": "Brand Owner Co", "grantee": "Dealer 1", "document_id": "AUTH-0",
         "valid_from": "2026-01-01", "valid_to": "2027-12-31"},
        {"grantor": "Dealer 1", "grantee": "Applicant Co", "document_id": "AUTH-1",
         "valid_from": "2025-07-01", "valid_to": "2026-06-30"}]}],
    "categories": ["fresh_fruit", "electronics"]}


async def test_the_report_names_each_culprit_in_business_words(client: Any, make_key: Any) -> None:
    advance_to("2026-11-23T02:00:00Z")  # the platform judges the application the day it receives it
    r = await client.post("/v1/supplier-applications", json=application("APP-E", **EXPIRED_AND_ELECTRONICS),
                          headers=bearer(await make_key("supplier")))
    requirements = {q["id"]: q for q in r.json()["requirements"]}
    assert requirements["authorizations_in_force"]["message"] == \
        "AUTH-1 expired on 2026-06-30, before the decision date 2026-11-23"
    assert requirements["core_categories_only"]["message"] == "electronics is outside the 4 core groups"
    assert requirements["authorizations_in_force"]["verdict"] == "fail"
    await signed_in(client, await make_key("reviewer"))
    page = (await client.get(review_path("APP-E"))).text
    assert "AUTH-1 expired on 2026-06-30, before the decision date 2026-11-23" in page
    assert "electronics (outside the core groups)" in page
    # the chain is shown once, not under every requirement
    assert page.count('AUTH-0: <bdi class="supplied">Brand Owner Co</bdi>') == 1
    assert "<pre>" not in page  # evidence as tables and lists, not raw JSON


async def test_a_broken_chain_names_the_link_and_the_grantee(client: Any, make_key: Any) -> None:
    chain = [{"grantor": "Brand Owner Co", "grantee": "Dealer 1", "document_id": "AUTH-1",
              "valid_from": "2026-01-01", "valid_to": "2027-12-31"},
             {"grantor": "Dealer 9", "grantee": "Applicant Co", "document_id": "AUTH-3",
              "valid_from": "2026-01-01", "valid_to": "2027-12-31"}]
    r = await client.post("/v1/supplier-applications", headers=bearer(await make_key("supplier")),
                          json=application("APP-BR", brand_authorizations=[{"brand": "Orchard", "chain": chain}]))
    [req] = [q for q in r.json()["requirements"] if q["id"] == "authorizations_in_force"]
    assert req["message"] == ("AUTH-3's grantor Dealer 9 is not the grantee of AUTH-1 (Dealer 1): the chain is broken")


async def test_overrides_show_as_overridden_and_a_refused_form_keeps_what_was_typed(client: Any,
                                                                                    make_key: Any) -> None:
    await client.post("/v1/supplier-applications", json=application("APP-O", **EXPIRED_AND_ELECTRONICS),
                      headers=bearer(await make_key("supplier")))
    await pay_deposit(client, await make_key("policy_admin"), "APP-O")
    await signed_in(client, await make_key("reviewer"))
    refused = await submit(client, review_path("APP-O"), review_path("APP-O", "/decision"), {
        "decision": "approve", "reason": "fruit is what we need", "justification__core_categories_only": "too short"})
    assert refused.status_code == 422
    assert ">fruit is what we need</textarea>" in refused.text and ">too short</textarea>" in refused.text
    assert 'id="error-core_categories_only"' in refused.text  # the error beside the field at fault
    done = await submit(client, review_path("APP-O"), review_path("APP-O", "/decision"), {
        "decision": "approve", "reason": "fruit is what we need",
        "justification__core_categories_only": "electronics will not be listed, letter L-9",
        "justification__authorizations_in_force": "renewed AUTH-1 seen on paper, copy R-1 filed"})
    assert done.status_code == 303
    page = (await client.get(review_path("APP-O"))).text
    row = page[page.index('id="req-core_categories_only"'):].split("</tr>")[0]
    assert 'class="overridden verdict">overridden<' in row and "electronics will not be listed, letter L-9" in row
    assert "+08:00" in row  # when, in China time
    view = (await client.get(app_path("APP-O"), headers=bearer(await make_key("reviewer")))).json()
    verdicts = {q["id"]: q["verdict"] for q in view["requirements"]}
    assert (verdicts["core_categories_only"], verdicts["registered_capital_min"]) == ("overridden", "pass")


async def test_a_decision_sent_after_another_reviewer_decided_says_so(client: Any, make_key: Any) -> None:
    """Two reviewers open the same application; the first rejects it. The second's approval came back as the page of
    a rejected application and nothing else: the refusal sat in the form the page no longer shows, and a reviewer who
    had pressed Approve read REJECTED as what the button did."""
    await client.post("/v1/supplier-applications", json=application("APP-R", registered_capital="999999.99"),
                      headers=bearer(await make_key("supplier")))
    await pay_deposit(client, await make_key("policy_admin"), "APP-R")
    await signed_in(client, await make_key("reviewer"))
    opened = (await client.get(review_path("APP-R"))).text  # the second reviewer's page, still showing the form
    rejected = await client.post(app_path("APP-R", "/decision"), headers=bearer(await make_key("reviewer")),
                                 json={"decision": "reject", "reason": "capital short, no guarantee"})
    assert rejected.status_code == 200, rejected.text
    late = await client.post(review_path("APP-R", "/decision"), data={
        "decision": "approve", "reason": "group guarantee on file", "csrf_token": form_token(opened),
        "justification__registered_capital_min": "group guarantee letter G-77 on file"})
    assert late.status_code == 409
    error = late.text[late.text.index('id="error"'):].split("</div>")[0]
    assert "was already rejected: your decision was not" in error and "group guarantee on file" in error
    assert 'id="status">rejected<' in late.text and "capital short, no guarantee" in late.text


async def test_the_packet_of_a_decided_application_is_byte_identical_after_the_rules_change(
        database_url: str, tmp_path: Path) -> None:
    async with running_app(database_url) as client:
        _, supplier = await create_key("supplier", party=TEST_SUPPLIER)
        _, reviewer = await create_key("reviewer", person="Zhao Min <zhao.min@xiaopu.test>")
        await client.post("/v1/supplier-applications", json=application("APP-K", **EXPIRED_AND_ELECTRONICS),
                          headers=bearer(supplier))
        await signed_in(client, reviewer)
        pending = await client.get(review_path("APP-K", "/packet"))
        assert pending.status_code == 409 and pending.headers["content-type"].startswith("text/html")
        await submit(client, review_path("APP-K"), review_path("APP-K", "/decision"),
                     {"decision": "reject", "reason": "no proof"})
        first = await client.get(review_path("APP-K", "/packet"))
        assert first.headers["content-disposition"] == 'attachment; filename="APP-K@SUP-91330100MA2AXXXX07-packet.html"'
        assert (await client.get(review_path("APP-K", "/packet"))).content == first.content
    changed = candidate_policies(tmp_path / "policies", "supplier_entry.yaml",
                                 'registered_capital: {gte: "1000000.00"}', 'registered_capital: {gte: "500000.00"}')
    async with running_app(database_url, policy_path=changed) as client:
        await signed_in(client, reviewer)
        assert (await client.get(review_path("APP-K", "/packet"))).content == first.content
    text = first.text
    assert "AUTH-1 expired on 2026-06-30" in text and 'id="decision-form"' not in text
    assert re.search(r"<code>[0-9a-f]{64}</code>", text)  # the policy set's content hash
    assert "categories_outside_core" in text and "no proof" in text
    assert 'id="deposit"' not in text  # the page shows the deposit as it stands now; the packet what was decided


async def test_the_decision_form_holds_what_the_api_would(client: Any, make_key: Any) -> None:
    """A reason or a justification over the API's 2,000 characters was recorded from the page (a 200,000-character
    reason stood in the decision and on every view of it); now the form is refused as the API refuses it."""
    await client.post("/v1/supplier-applications", json=application("APP-P", registered_capital="999999.99"),
                      headers=bearer(await make_key("supplier")))
    await pay_deposit(client, await make_key("policy_admin"), "APP-P")
    await signed_in(client, await make_key("reviewer"))
    justified = {"justification__registered_capital_min": "group guarantee letter G-77 on file"}
    for typed in ({"reason": "x" * 2001, **justified}, {"reason": "strategic supplier",
                                                       "justification__registered_capital_min": "j" * 2001}):
        refused = await submit(client, review_path("APP-P"), review_path("APP-P", "/decision"),
                               {"decision": "approve", **typed})
        assert refused.status_code == 422 and "at most 2000 characters" in refused.text
        assert 'id="status">approved<' not in (await client.get(review_path("APP-P"))).text
    done = await submit(client, review_path("APP-P"), review_path("APP-P", "/decision"),
                        {"decision": "approve", "reason": "x" * 2000, **justified})
    assert done.status_code == 303
