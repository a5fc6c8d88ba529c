"""The commission ledger end to end through HTTP: estimated -> pending -> locked -> settled, refunds, clawbacks."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.clock import advance_to, period_ended
from tests.commerce.helpers import Storefront, bearer, ok

pytestmark = pytest.mark.asyncio

DRESS = {"sku": "DRESS", "category": "womens_clothing", "price": "200.00", "quantity": 1}


async def tick(client: Any, admin: str, as_of: str) -> Any:
    advance_to(as_of)
    return await ok(await client.post("/v1/jobs/tick", json={"as_of": as_of}, headers=bearer(admin)))


async def settle(client: Any, admin: str, period: str) -> Any:
    period_ended(period)
    return await ok(await client.post("/v1/settlements", json={"period": period}, headers=bearer(admin)))


async def test_apples_from_quote_to_statement_and_clawback(client: Any, make_key: Any) -> None:
    shop, admin = Storefront(client, await make_key("storefront")), await make_key("policy_admin")
    await shop.open_store("S-APPLE")
    order = await ok(await shop.order("O-APPLE", "S-APPLE", "buyer-1"), 201)
    assert [(x["status"], x["amount"], x["rules"]) for x in order["commission_lines"]] == [
        ("estimated", "5.20", ["fresh_fruit_rate"])]
    await ok(await shop.event("O-APPLE", "E1", "shipped", "2026-11-06T09:00:00+08:00"))
    await ok(await shop.event("O-APPLE", "E2", "receipt_confirmed", "2026-11-08T10:00:00+08:00"))
    [line] = await shop.lines("S-APPLE")
    assert (line["status"], line["lock_due_at"]) == ("pending", "2026-11-08T02:00:00Z")  # fresh: no return window
    assert (await tick(client, admin, "2026-11-08T02:00:00Z"))["locked_lines"] == 1
    assert (await shop.lines("S-APPLE", "locked"))[0]["amount"] == "5.20"

    settled = await settle(client, admin, "2026-11")
    assert [(s["seller_id"], s["total"]) for s in settled["statements"]] == [("S-APPLE", "5.20")]
    statement_response = await client.get("/v1/sellers/S-APPLE/statements/2026-11", headers=shop.headers)
    statement = await ok(statement_response)
    assert (statement["total"], statement["line_count"]) == ("5.20", 1)
    html = await client.get("/v1/sellers/S-APPLE/statements/2026-11", headers={**shop.headers, "Accept": "text/html"})
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    # an HTML answer outside the pages' areas is a page to the browser: it gets the pages' headers
    assert "script-src 'self'" in html.headers["content-security-policy"] and html.headers["x-frame-options"] == "DENY"
    assert "content-security-policy" not in statement_response.headers  # the JSON answer is no page
    assert "5.20" in html.text and "O-APPLE" in html.text
    # the rule in its own words and a short reference, not raw ids; the time in China time, to the second
    assert "Fresh fruit earns 17.99% (a 5 kg box of apples at RMB 28.90 pays RMB 5.20)." in html.text
    decision_id = statement["lines"][0]["decision_id"]
    assert f">{decision_id[:8]}</code>" in html.text and f">{decision_id}<" not in html.text
    assert re.search(r"built <time datetime=\"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\" title=\"[^\"]+ UTC\">"
                     r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+08:00</time>", html.text), html.text

    # a refund after settlement never edits the settled line: a clawback goes into the next statement
    await ok(await shop.event("O-APPLE", "E3", "refunded", "2026-12-02T10:00:00+08:00"))
    lines = await shop.lines("S-APPLE")
    assert [(x["kind"], x["status"], x["amount"]) for x in lines] == [
        ("sale", "settled", "5.20"), ("clawback", "locked", "-5.20")]
    assert (await settle(client, admin, "2026-12"))["statements"][0]["total"] == "-5.20"
    again = await settle(client, admin, "2026-11")  # re-running a period changes nothing
    assert [s["total"] for s in again["statements"]] == ["5.20"]


async def test_refund_before_lock_leaves_nothing(client: Any, make_key: Any) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-REFUND")
    await ok(await shop.order("O-REFUND", "S-REFUND", "buyer-1"), 201)
    view = await ok(await shop.event("O-REFUND", "R1", "refunded", "2026-11-06T10:00:00+08:00"))
    assert view["total_commission"] == "0.00"
    assert [(x["status"], x["amount"]) for x in view["commission_lines"]] == [("cancelled", "0.00")]


async def test_partial_refund_before_lock_recomputes_the_line(client: Any, make_key: Any) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-PART")
    await ok(await shop.order("O-PART", "S-PART", "buyer-1", items=[dict(DRESS, quantity=2)]), 201)  # 400.00 @ 10%
    await ok(await shop.event("O-PART", "RC", "receipt_confirmed", "2026-11-08T10:00:00+08:00"))
    view = await ok(await shop.event("O-PART", "R1", "refunded", "2026-11-09T10:00:00+08:00", amount="200.00",
                                     sku="DRESS"))
    [line] = view["commission_lines"]
    assert (line["status"], line["amount"]) == ("pending", "20.00")
    assert line["lock_due_at"] == "2026-11-15T02:00:00Z"  # 7-day return window after receipt


async def test_refund_after_lock_but_before_settlement_is_a_clawback(client: Any, make_key: Any) -> None:
    shop, admin = Storefront(client, await make_key("storefront")), await make_key("policy_admin")
    await shop.open_store("S-LOCKED")
    await ok(await shop.order("O-LOCKED", "S-LOCKED", "buyer-1", items=[DRESS]), 201)
    await ok(await shop.event("O-LOCKED", "RC", "receipt_confirmed", "2026-11-08T10:00:00+08:00"))
    assert (await tick(client, admin, "2026-11-14T00:00:00Z"))["locked_lines"] == 0  # window still open
    assert (await tick(client, admin, "2026-11-15T02:00:00Z"))["locked_lines"] == 1
    await ok(await shop.event("O-LOCKED", "R1", "refunded", "2026-11-20T10:00:00+08:00"))
    statement = (await settle(client, admin, "2026-11"))["statements"][0]
    assert (statement["total"], statement["line_count"]) == ("0.00", 2)


@pytest.mark.parametrize(("first", "second"), [
    pytest.param("receipt_confirmed", "shipped", id="ship-after-receipt"),
    pytest.param("closed", "receipt_confirmed", id="confirm-after-close"),
])
async def test_illegal_event_order_is_409(client: Any, make_key: Any, first: str, second: str) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-ILLEGAL")
    await ok(await shop.order("O-ILLEGAL", "S-ILLEGAL", "buyer-1"), 201)
    await ok(await shop.event("O-ILLEGAL", "A", first, "2026-11-06T10:00:00+08:00"))
    r = await shop.event("O-ILLEGAL", "B", second, "2026-11-07T10:00:00+08:00")
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"


async def test_refund_beyond_the_item_is_422_and_changes_nothing(client: Any, make_key: Any) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-OVER")
    await ok(await shop.order("O-OVER", "S-OVER", "buyer-1"), 201)
    r = await shop.event("O-OVER", "R1", "refunded", "2026-11-06T10:00:00+08:00", amount="30.00")
    assert r.status_code == 422 and r.json()["code"] == "refund_exceeds_item"
    assert "a refund of RMB 30.00 exceeds the RMB 28.90 left on APPLE-5KG" in r.json()["detail"]
    view = await ok(await client.get("/v1/orders/O-OVER", headers=shop.headers))
    assert view["items"][0]["refunded"] == "0.00" and view["total_commission"] == "5.20"
    # the refused event id was not stored: it can be used for a valid event
    await ok(await shop.event("O-OVER", "R1", "refunded", "2026-11-06T10:00:00+08:00", amount="10.00"))


async def test_every_line_names_a_decision_that_reproduces_it(client: Any, make_key: Any) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-DEC")
    order = await ok(await shop.order("O-DEC", "S-DEC", "buyer-1"), 201)
    decision_id = order["commission_lines"][0]["decision_id"]
    decision = await ok(await client.get(f"/v1/decisions/{decision_id}", headers=shop.headers))
    assert decision["policy"] == "commission"
    assert decision["rules"] == ["fresh_fruit_rate"]
    assert decision["facts"]["price"] == "28.90" and decision["outputs"]["commission"] == "5.20"
    assert decision["policy_version"].startswith("2026.11.0+")
