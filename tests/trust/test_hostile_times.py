"""A caller's time is a claim the platform bounds (issue: facts the platform can trust). Each case here moved
money before: an order paid in the future, a receipt dated 1970, a refund dated 2999, a dispute backdated so the
supplier's answer window had passed before the supplier heard of it, a step dated before the case opened,
ticks and settlements ahead of the platform's clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.campaigns.helpers import CAMPAIGN, LIPSTICK, Sharing
from tests.clock import advance_to
from tests.commerce.helpers import APPLES, Storefront, bearer, listed_goods, ok
from tests.disputes.test_dispute_lifecycle_http import DRESS, SUP, Case, at

NOW = "2026-11-10T02:00:00Z"
# the stores of these stories open on Oct 1, before the orders they report (the earliest is paid on Oct 11)
pytestmark = pytest.mark.world_starts("2026-10-01T00:00:00Z")


def shifted(hours: float) -> str:
    return (dt.datetime.fromisoformat(NOW.replace("Z", "+00:00")) + dt.timedelta(hours=hours)).isoformat()


async def shop_with_store(client: Any, make_key: Any) -> Storefront:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-T")
    return shop


def refused(response: Any, code: str, field: str) -> None:
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["code"] == code and body["errors"][0]["field"] == f"body.{field}", body


async def test_an_order_paid_in_the_future_is_refused_and_stores_nothing(client: Any, make_key: Any) -> None:
    shop = await shop_with_store(client, make_key)
    advance_to(NOW)
    body = {"seller_id": "S-T", "buyer_id": "b", "paid_at": shifted(1), "items": await listed_goods(client, [APPLES])}
    refused(await client.put("/v1/orders/O-F", json=body, headers=shop.headers), "time_in_future", "paid_at")
    assert (await client.get("/v1/orders/O-F", headers=shop.headers)).status_code == 404
    within_skew = dict(body, paid_at=shifted(4 / 60))  # a storefront's clock 4 minutes fast is fine
    assert (await client.put("/v1/orders/O-F", json=within_skew, headers=shop.headers)).status_code == 201


async def test_an_order_paid_before_its_store_was_opened_is_refused_and_stores_nothing(client: Any,
                                                                                        make_key: Any) -> None:
    """Dated back before its store existed, an order would be decided by whatever policy version was in force then
    (an older, richer rate): its timeline starts when the platform opened the store."""
    shop = await shop_with_store(client, make_key)
    opened = (await shop.seller("S-T"))["opened_at"]
    advance_to(NOW)
    body = {"seller_id": "S-T", "buyer_id": "b", "paid_at": "2026-09-30T23:59:59Z",
            "items": await listed_goods(client, [APPLES])}
    refused(await client.put("/v1/orders/O-EARLY", json=body, headers=shop.headers), "time_before_previous_step",
            "paid_at")
    assert (await client.get("/v1/orders/O-EARLY", headers=shop.headers)).status_code == 404
    assert (await client.put("/v1/orders/O-EARLY", json=dict(body, paid_at=opened), headers=shop.headers)
            ).status_code == 201


@pytest.mark.parametrize(("type_", "at_", "code", "extra"), [
    pytest.param("receipt_confirmed", "1970-01-02T00:00:00Z", "time_before_previous_step", {}, id="receipt-1970"),
    pytest.param("refunded", "2999-01-01T00:00:00Z", "time_in_future", {}, id="refund-2999"),
    pytest.param("shipped", shifted(-30), "time_before_previous_step", {}, id="shipped-before-paid"),
])
async def test_an_event_outside_the_orders_timeline_is_refused(client: Any, make_key: Any, type_: str, at_: str,
                                                               code: str, extra: dict[str, Any]) -> None:
    shop = await shop_with_store(client, make_key)
    advance_to(NOW)
    await ok(await shop.order("O-T", "S-T", "b", paid_at=shifted(-24)), 201)
    body = {"event_id": "E-1", "type": type_, "at": at_, **extra}
    refused(await client.post("/v1/orders/O-T/events", json=body, headers=shop.headers), code, "at")
    order = await ok(await client.get("/v1/orders/O-T", headers=shop.headers))
    assert (order["status"], order["commission_lines"][0]["status"]) == ("paid", "estimated")


async def test_a_backdated_receipt_locks_only_after_the_full_window_in_server_time(client: Any,
                                                                                    make_key: Any) -> None:
    shop = await shop_with_store(client, make_key)
    advance_to(NOW)
    admin = await make_key("policy_admin")
    dress = {"sku": "DRESS", "category": "womens_clothing", "price": "200.00", "quantity": 1}
    await ok(await shop.order("O-R", "S-T", "b", items=[dress], paid_at=shifted(-24 * 30)), 201)
    # reported now, dated 20 days back: the dress's 7-day return window runs from now, not from the claimed time
    await ok(await client.post("/v1/orders/O-R/events", headers=shop.headers, json={
        "event_id": "E-R", "type": "receipt_confirmed", "at": shifted(-24 * 20)}))
    [line] = (await ok(await client.get("/v1/orders/O-R", headers=shop.headers)))["commission_lines"]
    assert line["lock_due_at"] == shifted(24 * 7).replace("+00:00", "Z")
    tick = await ok(await client.post("/v1/jobs/tick", json={}, headers=bearer(admin)))
    assert tick["locked_lines"] == 0


async def test_ticks_and_settlements_never_run_ahead_of_the_clock(client: Any, make_key: Any) -> None:
    advance_to(NOW)
    admin = bearer(await make_key("policy_admin"))
    refused(await client.post("/v1/jobs/tick", json={"as_of": "2999-01-01T00:00:00Z"}, headers=admin),
            "time_in_future", "as_of")
    for period in ("2026-11", "2999-12"):  # November is still running on Nov 10; 2999 is far ahead
        r = await client.post("/v1/settlements", json={"period": period}, headers=admin)
        assert r.status_code == 409 and r.json()["code"] == "period_not_ended", r.text
    assert (await client.post("/v1/settlements", json={"period": "2026-10"}, headers=admin)).status_code == 200


async def test_a_backdated_dispute_gives_the_supplier_its_full_window(client: Any, make_key: Any) -> None:
    async def backdated(case: Case) -> None:
        advance_to(at(0))

    case = await Case.start(client, make_key, "quality_problem", before_opening=backdated)
    # Case.start opened D-1 dated 0 h; this one is dated six days back, reported at 0 h
    await ok(await case.client.put("/v1/orders/O-B", headers=bearer(case.keys["storefront"]), json={
        "seller_id": "S-D", "buyer_id": "b2", "paid_at": at(-24 * 8), "items": [DRESS]}), 201)
    opened = await client.post("/v1/disputes", headers=bearer(case.keys["storefront"]), json={
        "dispute_id": "D-B", "order_id": "O-B", "sku": "DRESS", "type": "quality_problem", "amount": "200.00",
        "opened_at": at(-24 * 6)})
    assert opened.status_code == 201, opened.text
    assert opened.json()["next_deadline"]["at"] == at(120)  # five days from when the platform learned of it
    assert (await case.tick(1))["dispute_deadlines"] == 0
    assert (await case.deposit())["balance"] == "10000.00"


async def test_a_step_dated_before_the_case_opened_is_refused(client: Any, make_key: Any) -> None:
    case = await Case.start(client, make_key, "quality_problem")
    r = await client.post("/v1/disputes/D-1@default/events", headers=bearer(case.keys["supplier"]), json={
        "event_id": "E-EARLY", "type": "supplier_rejects", "actor": "supplier", "at": at(-1)})
    refused(r, "time_before_previous_step", "at")
    assert (await case.view())["state"] == "awaiting_supplier"


async def test_a_late_answer_finds_the_deadline_already_applied(client: Any, make_key: Any) -> None:
    case = await Case.start(client, make_key, "quality_problem")
    advance_to(at(121))  # the supplier's 5 days have passed; no tick has run yet
    r = await client.post("/v1/disputes/D-1@default/events", headers=bearer(case.keys["supplier"]), json={
        "event_id": "E-LATE", "type": "supplier_rejects", "actor": "supplier", "at": at(121)})
    assert r.status_code == 409 and r.json()["code"] == "illegal_event", r.text
    view = await case.view()
    assert view["state"] == "refunded" and view["history"][-1]["rules"] == ["supplier_silent_refund_agreed"]
    assert SUP  # the supplier whose silence was deemed agreement


async def test_an_order_paid_before_its_share_list_was_shared_is_refused_and_reserves_nothing(
        client: Any, make_key: Any) -> None:
    """Reported on Dec 20, after the 12.12 window closed, through a list shared that day, dated back into the
    window: the list did not exist when the order was paid, so the order could not have come through it."""
    shop = Sharing(client, await make_key("storefront"))
    advance_to("2026-12-20T10:00:00+08:00")
    await shop.open_store("S-1")
    await ok(await shop.share("L-LATE", "SHARER"), 201)
    pool = await ok(await client.get(f"/v1/campaigns/{CAMPAIGN}", headers=shop.headers))
    refused(await shop.buy("O-LATE", "L-LATE", items=[LIPSTICK], paid_at="2026-12-10T10:00:00+08:00"),
            "time_before_previous_step", "paid_at")
    assert (await client.get("/v1/orders/O-LATE", headers=shop.headers)).status_code == 404
    assert await ok(await client.get(f"/v1/campaigns/{CAMPAIGN}", headers=shop.headers)) == pool
    # paid once the list was shared, the same order is taken (after the window: it earns no reward)
    order = await ok(await shop.buy("O-LATE", "L-LATE", items=[LIPSTICK], paid_at="2026-12-20T10:00:00+08:00"), 201)
    assert order["campaign_reward"]["state"] == "refused"


async def test_a_no_reason_return_dated_back_into_its_window_is_refused(client: Any, make_key: Any) -> None:
    """The 7-day window of a no-reason return is judged when the platform learns of the request: 25 days after
    receipt, an opened_at dated back to day 2 is a late request all the same (the supplier would refund)."""
    shop = await shop_with_store(client, make_key)
    lipstick = {"sku": "LIPSTICK", "category": "cosmetics", "price": "99.00", "quantity": 1}
    await ok(await shop.order("O-R", "S-T", "b", items=[lipstick], paid_at="2026-11-05T10:00:00+08:00"), 201)
    await ok(await shop.event("O-R", "E-RC", "receipt_confirmed", "2026-11-06T10:00:00+08:00"), 201)
    advance_to("2026-12-01T10:00:00+08:00")
    case = {"order_id": "O-R", "sku": "LIPSTICK", "type": "no_reason_return", "amount": "99.00"}
    for dispute_id, opened_at in (("D-NOW", "2026-12-01T10:00:00+08:00"), ("D-BACK", "2026-11-08T10:00:00+08:00")):
        body = dict(case, dispute_id=dispute_id, opened_at=opened_at)
        r = await client.post("/v1/disputes", json=body, headers=shop.headers)
        assert (r.status_code, r.json()["code"]) == (409, "no_reason_return_refused"), r.text
        assert (await client.get(f"/v1/disputes/{dispute_id}", headers=shop.headers)).status_code == 404


async def test_a_no_reason_return_asked_within_its_window_is_opened(client: Any, make_key: Any) -> None:
    shop = await shop_with_store(client, make_key)
    lipstick = {"sku": "LIPSTICK", "category": "cosmetics", "price": "99.00", "quantity": 1}
    await ok(await shop.order("O-R", "S-T", "b", items=[lipstick], paid_at="2026-11-05T10:00:00+08:00"), 201)
    await ok(await shop.event("O-R", "E-RC", "receipt_confirmed", "2026-11-06T10:00:00+08:00"), 201)
    advance_to("2026-11-11T10:00:00+08:00")  # day 5
    body = {"dispute_id": "D-IN", "order_id": "O-R", "sku": "LIPSTICK", "type": "no_reason_return",
            "amount": "99.00", "opened_at": "2026-11-11T10:00:00+08:00"}
    await ok(await client.post("/v1/disputes", json=body, headers=shop.headers), 201)
