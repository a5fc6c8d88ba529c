"""The workbench's pages over HTTP as a browser sends them: start a draft, change a grid row, see the example
fail beside the cell, a refused cell keeps what was typed, the raw editor stores invalid text and names its
line, what-if explains an input with its near misses, the impact page shows the diff and the charts, and the
proposal page shows both to the approver (the author is refused there, with what was typed kept)."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re

import httpx
import pytest

from store import clock
from store.audit import AuditEntry
from store.policy_drafts import PolicyDraft
from tests.commerce.helpers import bearer, listed_goods, ok
from tests.conftest import MakeKey
from tests.pages import form_token, page_form_id, seen_in_force, sign_in, submit, submit_once
from tests.policy_versions.helpers import APPROVER

ANALYST = "Li Na <li.na@example.com>"
RULES = "rules/commission.yaml"
CHINA = dt.timezone(dt.timedelta(hours=8))
ROW = {"file": RULES, "policy": "commission", "target": "row", "row": "fresh_fruit_rate", "action": "save",
       "form_id": "row-commission-fresh_fruit_rate", "cell:category": "fresh_fruit", "rate:commission": "16%",
       "cell:rate_bp": "16%", "cell:basis": "program_rate"}


def example_row(html: str, name: str) -> str:
    found = re.search(r'<tr id="example-commission-\d+" data-example="' + re.escape(name) + r'".*?</tr>', html, re.S)
    assert found, name
    return found.group(0)


@pytest.fixture
async def keys(make_key: MakeKey) -> dict[str, str]:
    return {"analyst": await make_key("policy_admin", person=ANALYST),
            "approver": await make_key("policy_admin", person=APPROVER),
            "storefront": await make_key("storefront")}


async def test_the_workbench_pages_from_draft_to_approval(client: httpx.AsyncClient, keys: dict[str, str]) -> None:
    await ok(await client.post("/v1/sellers", headers=bearer(keys["storefront"]), json={"seller_id": "S1"}))
    paid = (clock.now().astimezone(CHINA) + dt.timedelta(seconds=1)).replace(microsecond=0).isoformat()  # just after
    await ok(await client.put("/v1/orders/O1", headers=bearer(keys["storefront"]), json={
        "seller_id": "S1", "buyer_id": "B1", "paid_at": paid,
        "items": await listed_goods(client, [{"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90"}])}))
    assert (await sign_in(client, "/policy", keys["analyst"])).status_code == 303
    started = await submit_once(client, "/policy/drafts", "/policy/drafts", {"name": "fresh fruit to 16%",
                                                                             "from": "in_force"})
    assert started.status_code == 303, started.text
    page = started.headers["location"]
    draft_id = page.rsplit("/", 1)[1]
    html = (await client.get(page)).text
    assert 'id="row-commission-fresh_fruit_rate"' in html and 'value="17.99%"' in html
    assert "Passes every check" in html and "Lint clean." in html
    assert 'name="cell:category" class="cell" data-type="category" list="categories"' in html  # typed cells
    assert '<option value="{in_group: food_health}"><option value="fresh_fruit">' in html

    saved = await submit(client, page, f"{page}/edits", ROW)
    assert saved.status_code == 303, saved.text
    html = (await client.get(page)).text
    apples = example_row(html, "apples")
    assert "fail" in apples and "expected 5.20, got 4.62" in apples and "expected 17.99%, got 16%" in apples
    assert 'value="16%"' in html and "3 example(s) fail" in html

    refused = await submit(client, page, f"{page}/edits", {**ROW, "cell:category": "{in_group: food"})
    assert refused.status_code == 422 and "is not a value" in refused.text
    assert 'value="{in_group: food"' in refused.text  # what was typed is kept

    for name, values in (("apples", {"expect:rate_bp": "16%", "expect:commission": "4.62",
                                     "expect:basis": "program_rate"}),
                         ("three boxes of apples round once per line", {"expect:commission": "13.87"}),
                         ("a partial refund before lock recomputes the line", {"expect:commission": "9.25"})):
        done = await submit(client, page, f"{page}/edits", {"file": RULES, "policy": "commission",
                                                            "target": "example", "example": name,
                                                            "form_id": "x", **values})
        assert done.status_code == 303, done.text
    html = (await client.get(page)).text
    assert "Passes every check" in html and 'id="lint-commission">Lint clean.' in html.replace(
        ' class="lint clean up"', "")

    tried = await submit(client, page, f"{page}/what-if", {"file": RULES, "policy": "commission",
                                                          "fact:category": "fresh_fruit", "fact:price": "28.90",
                                                          "fact:quantity": "1", "fact:seller_tier": ""})
    assert tried.status_code == 200
    result = tried.text[tried.text.index('id="what-if-result"'):]
    assert 'data-output="commission">4.62<' in result and "fired <strong>fresh_fruit_rate" in result
    assert "did not fire <strong>supplier_rate" in result and "supplier_rate_bp = (absent)" in result
    assert 'name="fact:price" size="14" value="28.90"' in tried.text

    impact = await client.get(f"{page}/impact")
    assert impact.status_code == 200
    assert "fresh_fruit_rate: rate_bp" in impact.text and "17.99%" in impact.text
    assert 'id="commission-delta">-0.58<' in impact.text and 'class="bar down"' in impact.text
    refused = await submit(client, f"{page}/impact", f"{page}/proposal", {"message": "fresh fruit to 16%",
                                                                          "effective_from": "", "impact_days": "²"})
    assert refused.status_code == 422 and "1 to 366 days" in refused.text and 'value="²"' in refused.text
    proposed = await submit(client, f"{page}/impact", f"{page}/proposal", {"message": "fresh fruit to 16%",
                                                                           "effective_from": "", "impact_days": "60"})
    assert proposed.status_code == 303, proposed.text
    stored = (await PolicyDraft.get(draft_id=draft_id)).proposed_impact
    window = [dt.datetime.fromisoformat(stored[k].replace("Z", "+00:00")) for k in ("from", "to")]
    assert window[1] - window[0] == dt.timedelta(days=60)
    proposal_page = proposed.headers["location"]
    proposal_id = proposal_page.rsplit("/", 1)[1]
    assert (await PolicyDraft.get(draft_id=draft_id)).proposal_id == proposal_id
    own = await submit(client, proposal_page, f"/policy/proposals/{proposal_id}/approval",
                       {"comment": "looks right", "effective_from": "2099-01-01 00:00", "back": "proposal"})
    assert own.status_code == 403 and "cannot approve" in own.text
    assert 'value="looks right"' in own.text and 'value="2099-01-01 00:00"' in own.text

    assert (await sign_in(client, "/policy", keys["approver"])).status_code == 303
    shown = (await client.get(proposal_page)).text
    assert "fresh_fruit_rate: rate_bp" in shown and 'id="commission-delta">-0.58<' in shown
    assert 'id="proposal-state">proposed<' in shown and 'class="approve"' in shown
    at = (clock.now().astimezone(CHINA) + dt.timedelta(minutes=5)).replace(microsecond=0)
    approved = await client.post(f"/policy/proposals/{proposal_id}/approval", data={
        "comment": "impact checked", "effective_from": at.strftime("%Y-%m-%d %H:%M:%S"), "back": "proposal",
        "in_force_seen": seen_in_force(shown), "csrf_token": form_token(shown)})
    assert approved.status_code == 303, approved.text
    decided = (await client.get(proposal_page)).text
    assert 'id="proposal-state">approved<' in decided
    versions = (await client.get("/policy/versions")).text
    utc = at.astimezone(dt.UTC)
    assert f'title="{utc:%Y-%m-%d %H:%M:%S} UTC">{at:%Y-%m-%d %H:%M:%S} +08:00' in versions


async def test_the_raw_editor_stores_invalid_text_and_names_its_line(client: httpx.AsyncClient,
                                                                     keys: dict[str, str]) -> None:
    await sign_in(client, "/policy", keys["analyst"])
    started = await submit_once(client, "/policy/drafts", "/policy/drafts", {"name": "typo", "from": "in_force"})
    page = started.headers["location"]
    editor = f"{page}/files/{RULES}"
    text = (await client.get(editor)).text
    original = re.search(r'<textarea name="text"[^>]*>(.*?)</textarea>', text, re.S)
    assert original
    broken = html_lib.unescape(original.group(1)).replace("category: fresh_fruit\n", "category: fresh_fruits\n", 1)
    saved = await submit(client, editor, editor, {"text": broken})
    assert saved.status_code == 200
    line = broken.splitlines().index("          category: fresh_fruits") + 1
    assert f'data-line="{line}"><a href="#line-{line}">{RULES}:{line}</a>: unknown_category' in saved.text
    assert "fresh_fruits" in saved.text
    grid = (await client.get(page)).text
    assert "Not valid: 1 problem(s)" in grid
    row = grid[grid.index('id="row-commission-fresh_fruit_rate"'):]
    assert "unknown_category" in row[:row.index("</tr>")]  # beside the cell at fault
    script = await client.get("/policy/assets/draft-editor.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert (await client.get("/policy/assets/other.js")).status_code == 404
    live = await submit(client, editor, f"{page}/check", {"path": RULES, "text": broken.replace("fresh_fruits",
                                                                                                  "fresh_fruit")})
    assert live.json() == {"valid": True, "passed": True, "problems": []}  # as typed, not stored
    assert not await AuditEntry.filter(route="/policy/drafts/{draft_id}/check").exists()  # nor audited
    assert "Not valid: 1 problem(s)" in (await client.get(page)).text
    approver_view = await sign_in(client, "/policy", keys["approver"])
    assert approver_view.status_code == 303
    read_only = (await client.get(page)).text
    assert 'class="save"' not in read_only and "readonly" in read_only  # another person reads, does not edit
    other = await submit(client, editor, editor, {"text": "nothing"})
    assert other.status_code == 403 and f"only {ANALYST}" in html_lib.unescape(other.text)
    assert (await PolicyDraft.get(draft_id=page.rsplit("/", 1)[1])).files[RULES] == broken  # nothing changed


async def test_the_start_form_sent_twice_starts_one_draft(client: httpx.AsyncClient, keys: dict[str, str]) -> None:
    """A double click on "Start the draft" (or the form sent again from the browser's history) had started two
    drafts of the same name: the second an unnoticed copy the analyst's edits did not reach."""
    await sign_in(client, "/policy", keys["analyst"])
    page = (await client.get("/policy/drafts")).text
    form = {"name": "fresh fruit to 16%", "from": "in_force", "form_id": page_form_id(page),
            "csrf_token": form_token(page)}
    first, second = [await client.post("/policy/drafts", data=form) for _ in range(2)]
    assert (first.status_code, second.status_code) == (303, 303)
    assert first.headers["location"] == second.headers["location"]
    assert await PolicyDraft.filter(name="fresh fruit to 16%").count() == 1
    another = (await client.get("/policy/drafts")).text  # the page's next form starts another
    assert page_form_id(another) != form["form_id"]
