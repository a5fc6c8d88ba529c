"""The arbitration pages as a reviewer comes back to them: the cases a page at a time with their deadlines in China
time, the cases the platform ruled on still listed, and a ruling that names the reviewer who made it and the
policy version that decided it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from store.disputes import Dispute
from tests.disputes.test_dispute_lifecycle_http import T0, Case
from tests.pages import form_token, sign_in


def next_page(html: str) -> str:
    """The address the page's "Next" link leads to."""
    return html.split('id="next-page"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")


async def _awaiting(dispute_id: str, hours: int) -> None:
    """Another case awaiting arbitration, opened and due `hours` after the first case opened."""
    await Dispute.create(dispute_id=dispute_id, order_id=f"O-{dispute_id}", sku="DRESS", case_type="quality_problem",
                         amount_fen=12345, state="in_arbitration", round=2, owed_by="platform", body_hash="-",
                         deadline_at=T0 + dt.timedelta(hours=hours), opened_at=T0 + dt.timedelta(hours=hours))


async def test_the_queue_pages_shows_china_time_and_keeps_the_cases_ruled_on(client: Any, make_key: Any) -> None:
    case = await Case.start(client, make_key, "counterfeit")
    await case.send("supplier", "supplier_rejects", 1, evidence=["PHOTO-1"])
    await case.send("storefront", "escalate", 2, evidence=["LAB-REPORT-7"])
    await _awaiting("D-7@other", 100)
    await _awaiting("D-8@other", 100)
    assert (await sign_in(client, "/review", case.keys["reviewer"])).status_code == 303

    first = await client.get("/review/disputes?limit=2")
    assert first.status_code == 200
    rows = first.text.split('id="cases"')[1].split("</table>")[0]
    assert "D-1@default" in rows and "D-7@other" in rows and "D-8@other" not in rows
    assert "platform by <time" in rows and "2026-11-12 12:00:00 +08:00" in rows  # 04:00 UTC, China time shown
    assert "T04:00:00Z</td>" not in rows and "RMB 123.45" in rows
    following = next_page(first.text)
    second = await client.get(following)
    rows = second.text.split('id="cases"')[1].split("</table>")[0]
    assert "D-8@other" in rows and "D-1@default" not in rows and 'id="next-page"' not in second.text

    page = await client.get("/review/disputes/D-1@default")
    form_id = page.text.split('name="form_id" value="')[1].split('"')[0]
    decided = await client.post("/review/disputes/D-1@default/decision", data={
        "for": "buyer", "form_id": form_id, "reason": "Lab report shows counterfeit goods",
        "csrf_token": form_token(page.text)})
    assert decided.status_code == 303
    assert "D-1@default" not in (await client.get("/review/disputes")).text.split('id="cases"')[1]
    ruled = (await client.get("/review/disputes?show=arbitrated")).text.split('id="cases"')[1].split("</table>")[0]
    assert 'href="/review/disputes/D-1@default"' in ruled and "refunded" in ruled and "D-7@other" not in ruled
    every = await client.get("/review/disputes?show=all&limit=2")  # the latest opened first
    rows = every.text.split('id="cases"')[1].split("</table>")[0]
    assert rows.index("D-8@other") < rows.index("D-7@other") and "D-1@default" not in rows
    following = next_page(every.text)
    second = (await client.get(following)).text.split('id="cases"')[1].split("</table>")[0]
    assert "D-1@default" in second

    found = (await client.get("/review/disputes", params={"show": "all", "q": "o-d@default"})).text
    rows = found.split('id="cases"')[1].split("</table>")[0]  # by its order, as a buyer's channel names it
    assert "D-1@default" in rows and "D-7@other" not in rows and 'name="q" value="o-d@default"' in found

    record = (await client.get("/review/disputes/D-1@default")).text
    reviewer = (await client.get("/v1/whoami", headers={"Authorization": f"Bearer {case.keys['reviewer']}"})).json()
    timeline = record.split('id="timeline"')[1].split("</table>")[0]
    ruling = timeline.split("arbitration_for_buyer")[0].rsplit("<tr>", 1)[1]
    assert reviewer["person"].replace("<", "&lt;").replace(">", "&gt;") in ruling  # who ruled, not just "platform"
    decision = record.split("arbitration_for_buyer")[1].split('title="')[1].split('"')[0]
    version = (await client.get(f"/v1/decisions/{decision}", headers={
        "Authorization": f"Bearer {case.keys['reviewer']}"})).json()["policy_version"]
    assert f"policy set {version}" in record.split("arbitration_for_buyer")[1].split("</tr>")[0]  # which rules
    assert f"signed in as {reviewer['person']}".replace("<", "&lt;").replace(">", "&gt;") in record


async def test_a_reason_over_the_apis_length_is_refused_not_cut(client: Any, make_key: Any) -> None:
    """The ruling's written reason, which the parties and any appeal read, was cut at 2,000 characters without a
    word; the API refuses a longer one, and now the page does too, keeping what was typed."""
    case = await Case.start(client, make_key, "counterfeit")
    await case.send("supplier", "supplier_rejects", 1, evidence=["PHOTO-1"])
    await case.send("storefront", "escalate", 2, evidence=["LAB-REPORT-7"])
    assert (await sign_in(client, "/review", case.keys["reviewer"])).status_code == 303
    page = await client.get("/review/disputes/D-1@default")
    form_id = page.text.split('name="form_id" value="')[1].split('"')[0]
    reason = "Lab report LAB-REPORT-7 shows counterfeit goods. " * 41  # 2,050 characters
    refused = await client.post("/review/disputes/D-1@default/decision", data={
        "for": "buyer", "form_id": form_id, "reason": reason, "csrf_token": form_token(page.text)})
    assert refused.status_code == 422 and "at most 2000 characters" in refused.text
    assert reason.strip() in refused.text
    assert (await Dispute.get(dispute_id="D-1@default")).state == "in_arbitration"


async def test_a_ruling_sent_after_another_reviewer_ruled_says_so(client: Any, make_key: Any) -> None:
    """Two reviewers open the case; the first rules for the buyer. The second's ruling for the supplier came back as
    the page of a refunded case and nothing else (the refusal sat in the form the page no longer shows)."""
    case = await Case.start(client, make_key, "counterfeit")
    await case.send("supplier", "supplier_rejects", 1, evidence=["PHOTO-1"])
    await case.send("storefront", "escalate", 2, evidence=["LAB-REPORT-7"])
    assert (await sign_in(client, "/review", case.keys["reviewer"])).status_code == 303
    mine, theirs = [(await client.get("/review/disputes/D-1@default")).text for _ in range(2)]
    for page, side, reason in ((theirs, "buyer", "Lab report shows counterfeit goods"),
                               (mine, "supplier", "Invoice INVOICE-9 traces the dress to the brand")):
        form_id = page.split('name="form_id" value="')[1].split('"')[0]
        sent = await client.post("/review/disputes/D-1@default/decision", data={
            "for": side, "form_id": form_id, "reason": reason, "csrf_token": form_token(page)})
    assert sent.status_code == 409, sent.text
    error = sent.text[sent.text.index('id="error"'):].split("</div>")[0]
    assert "your ruling was not recorded" in error and "Invoice INVOICE-9 traces the dress to the brand" in error
    assert 'id="state">refunded<' in sent.text and "Lab report shows counterfeit goods" in sent.text
