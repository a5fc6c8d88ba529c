"""Every transition of the shipped dispute lifecycle through HTTP; every deadline by tick."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from engine import load_policy_set
from tests.clock import advance_to
from tests.commerce.helpers import ROOT_DIR, Storefront, bearer, case_id, ok
from tests.onboarding.helpers import DRESS_CATEGORIES, app_path, application, pay_deposit
from tests.pages import form_token, sign_in

SUP = "SUP-91330100MA2AXXXX07"
T0 = dt.datetime(2026, 11, 10, 2, 0, tzinfo=dt.UTC)
DRESS = {"sku": "DRESS", "category": "womens_clothing", "price": "200.00", "quantity": 1, "supplier_id": SUP}
# the dress as its supplier lists it: an order's terms come from here
DRESS_LISTING = {"sku": "DRESS", "category": "womens_clothing", "price": "200.00", "commission_rate_bp": 1000}


def at(hours: float) -> str:
    return (T0 + dt.timedelta(hours=hours)).isoformat().replace("+00:00", "Z")


class Case:
    """A dispute on a 200.00 dress supplied by an approved supplier with a RMB 10,000 deposit."""

    def __init__(self, client: Any, keys: dict[str, str]) -> None:
        self.client, self.keys = client, keys

    @classmethod
    async def start(cls, client: Any, make_key: Any, case_type: str, order_id: str = "O-D",
                    receipt_hours: float = -24, before_opening: Any = None, amount: str = "200.00") -> Case:
        keys = {role: await make_key(role) for role in ("storefront", "supplier", "reviewer", "policy_admin")}
        await ok(await client.post("/v1/supplier-applications", json=application("APP-D", categories=DRESS_CATEGORIES),
                                   headers=bearer(keys["supplier"])))
        await pay_deposit(client, keys["policy_admin"], "APP-D")
        await ok(await client.post(app_path("APP-D", "/decision"), headers=bearer(keys["reviewer"]),
                                   json={"decision": "approve", "reason": "compliant"}))
        await ok(await client.post(f"/v1/suppliers/{SUP}/products", json=DRESS_LISTING,
                                   headers=bearer(keys["supplier"])), 201)
        shop = Storefront(client, keys["storefront"])
        await shop.open_store("S-D")
        await ok(await shop.order(order_id, "S-D", "buyer-1", items=[DRESS], paid_at=at(receipt_hours - 48)), 201)
        await ok(await shop.event(order_id, f"{order_id}-rc", "receipt_confirmed", at(receipt_hours)))
        case = cls(client, keys)
        if before_opening:
            await before_opening(case)
        advance_to(at(0))
        opened = await client.post("/v1/disputes", headers=bearer(keys["storefront"]), json={
            "dispute_id": "D-1", "order_id": order_id, "sku": "DRESS", "type": case_type, "amount": amount,
            "opened_at": at(0)})
        assert opened.status_code == 201, opened.text
        return case

    async def send(self, role: str, event: str, hours: float, **extra: Any) -> Any:
        actor = {"storefront": "buyer", "supplier": "supplier", "reviewer": "platform"}[role]
        advance_to(at(hours))
        path = f"/v1/disputes/{case_id('D-1', role)}/events"
        r = await self.client.post(path, headers=bearer(self.keys[role]), json={
            "event_id": f"{event}-{hours}", "type": event, "actor": actor, "at": at(hours), **extra})
        assert r.status_code == 201, r.text
        return r.json()

    async def tick(self, hours: float) -> Any:
        advance_to(at(hours))
        return await ok(await self.client.post("/v1/jobs/tick", json={"as_of": at(hours)},
                                               headers=bearer(self.keys["policy_admin"])))

    async def view(self) -> Any:
        return await ok(await self.client.get("/v1/disputes/D-1", headers=bearer(self.keys["storefront"])))

    async def deposit(self) -> Any:
        return await ok(await self.client.get(f"/v1/suppliers/{SUP}/deposit", headers=bearer(self.keys["reviewer"])))


# (case type, steps, final state, the rules the steps must have fired in order); a step is
# (role, event, hours) or ("tick", hours)
PATHS = [
    pytest.param("quality_problem", [("tick", 120), ("tick", 120 + 720)], "final",
                 ["supplier_silent_refund_agreed", "appeal_window_closes"], id="silent-supplier-then-final"),
    pytest.param("not_received", [("supplier", "supplier_agrees_refund", 1), ("supplier", "appeal", 2),
                                  ("reviewer", "arbitration_for_supplier", 3)], "final",
                 ["supplier_refunds_without_return", "supplier_appeals_a_refund", "appeal_decided_for_the_supplier"],
                 id="refund-appeal-supplier-wins"),
    pytest.param("not_as_described", [("supplier", "supplier_rejects", 1), ("storefront", "escalate", 2),
                                      ("reviewer", "arbitration_for_supplier", 3), ("storefront", "appeal", 4),
                                      ("reviewer", "arbitration_for_buyer", 5)], "refunded",
                 ["supplier_rejects_request", "buyer_escalates", "arbitration_for_the_supplier",
                  "buyer_appeals_a_closing", "arbitration_refunds_buyer"], id="closing-appealed-buyer-wins"),
    pytest.param("quality_problem", [("supplier", "supplier_agrees_return", 1), ("storefront", "buyer_ships_return", 2),
                                     ("supplier", "supplier_confirms_return", 3), ("supplier", "supplier_refunds", 4)],
                 "refunded", ["supplier_asks_for_return", "buyer_ships_the_return", "supplier_receives_return",
                              "supplier_refunds_after_return"], id="return-and-refund"),
    pytest.param("no_reason_return", [("supplier", "supplier_agrees_return", 1), ("tick", 1 + 168)], "final",
                 ["supplier_asks_for_return", "return_never_shipped"], id="return-never-shipped"),
    pytest.param("quality_problem", [("supplier", "supplier_agrees_return", 1), ("storefront", "buyer_ships_return", 2),
                                     ("tick", 2 + 168), ("tick", 2 + 168 + 168)], "refunded",
                 ["supplier_asks_for_return", "buyer_ships_the_return", "return_deemed_received",
                  "late_refund_paid_by_platform"], id="return-deemed-received-then-late-refund"),
    pytest.param("not_as_described", [("supplier", "supplier_rejects", 1), ("storefront", "escalate", 2),
                                      ("tick", 2 + 48), ("reviewer", "arbitration_for_buyer", 60)], "refunded",
                 ["supplier_rejects_request", "buyer_escalates", "arbitration_overdue", "arbitration_refunds_buyer"],
                 id="arbitration-overdue-then-buyer-wins"),
    pytest.param("not_as_described", [("supplier", "supplier_rejects", 1), ("tick", 1 + 168)], "final",
                 ["supplier_rejects_request", "rejection_stands"], id="rejection-stands"),
    pytest.param("quality_problem", [("storefront", "buyer_withdraws", 1)], "final", ["buyer_withdraws_request"],
                 id="buyer-withdraws"),
    pytest.param("counterfeit", [("supplier", "supplier_rejects", 1), ("storefront", "escalate", 2),
                                 ("reviewer", "arbitration_for_buyer", 3)], "refunded",
                 ["supplier_rejects_request", "buyer_escalates", "counterfeit_found"], id="counterfeit-found"),
]


@pytest.mark.parametrize(("case_type", "steps", "final", "rules"), PATHS)
async def test_lifecycle_path(client: Any, make_key: Any, case_type: str, steps: list[tuple[Any, ...]], final: str,
                              rules: list[str]) -> None:
    case = await Case.start(client, make_key, case_type)
    for step in steps:
        if step[0] == "tick":
            assert (await case.tick(step[1]))["dispute_deadlines"] >= 1
        else:
            await case.send(*step)
    view = await case.view()
    assert view["state"] == final
    assert [h["rules"][0] for h in view["history"][1:]] == rules


def test_the_paths_cover_every_lifecycle_rule() -> None:
    shipped = {r.id for r in load_policy_set(ROOT_DIR).policies["dispute_lifecycle"].rules}
    assert {rule for p in PATHS for rule in p.values[3]} == shipped


async def test_counterfeit_deducts_the_deposit_then_restriction_hides_listings(client: Any, make_key: Any) -> None:
    case = await Case.start(client, make_key, "counterfeit")
    apples = {"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90", "commission_rate_bp": 1799}
    await ok(await client.post(f"/v1/suppliers/{SUP}/products", json=apples, headers=bearer(case.keys["supplier"])),
             201)
    await case.send("supplier", "supplier_rejects", 1)
    await case.send("storefront", "escalate", 2)
    view = await case.send("reviewer", "arbitration_for_buyer", 3)
    effects = view["history"][-1]["effects"]
    assert effects == {"refund": "200.00", "refund_by": "platform_pays_first", "recovered": "200.00",
                       "penalty": "3000.00"}
    deposit = await case.deposit()
    assert (deposit["balance"], deposit["standing"]) == ("6800.00", "underfunded")
    order = await ok(await client.get("/v1/orders/O-D", headers=bearer(case.keys["storefront"])))
    assert order["items"][0]["refunded"] == "200.00"
    assert [x["status"] for x in order["commission_lines"]] == ["cancelled"]  # refunded before lock

    assert (await case.tick(3 + 14 * 24))["restricted_suppliers"] == 0
    assert (await case.tick(3 + 15 * 24))["restricted_suppliers"] == 1
    quote = await client.post("/v1/commission/quotes", headers=bearer(case.keys["storefront"]), json={"items": [
        {"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90", "supplier_id": SUP}]})
    assert quote.status_code == 409 and quote.json()["code"] == "supplier_restricted"


@pytest.mark.parametrize(("role", "event", "code", "status"), [
    pytest.param("supplier", "supplier_refunds", "illegal_event", 409, id="refund-before-return"),
    pytest.param("storefront", "supplier_agrees_refund", "illegal_event", 409, id="buyer-cannot-agree-for-supplier"),
])
async def test_illegal_events_are_409_with_the_reason(client: Any, make_key: Any, role: str, event: str, code: str,
                                                     status: int) -> None:
    case = await Case.start(client, make_key, "quality_problem")
    actor = {"storefront": "buyer", "supplier": "supplier"}[role]
    advance_to(at(1))
    r = await client.post(f"/v1/disputes/{case_id('D-1', role)}/events", headers=bearer(case.keys[role]), json={
        "event_id": "E-X", "type": event, "actor": actor, "at": at(1)})
    assert r.status_code == status and r.json()["code"] == code
    assert "awaiting_supplier" in r.json()["detail"]


async def test_a_key_acts_only_as_its_own_party(client: Any, make_key: Any) -> None:
    case = await Case.start(client, make_key, "quality_problem")
    r = await client.post("/v1/disputes/D-1/events", headers=bearer(case.keys["storefront"]), json={
        "event_id": "E-Y", "type": "supplier_agrees_refund", "actor": "supplier", "at": at(1)})
    assert r.status_code == 403 and r.json()["code"] == "actor_not_allowed"


async def test_evidence_once_per_party_per_round(client: Any, make_key: Any) -> None:
    case = await Case.start(client, make_key, "not_as_described")
    await case.send("supplier", "supplier_rejects", 1, evidence=["PHOTO-1"])
    await case.send("storefront", "escalate", 2, evidence=["PHOTO-2"])  # a new round for the buyer
    view = await case.view()
    assert (view["state"], view["round"]) == ("in_arbitration", 2)
    assert view["next_deadline"]["owed_by"] == "platform"
    await case.send("reviewer", "arbitration_for_supplier", 3)
    appeal = await case.send("storefront", "appeal", 4, evidence=["CONTRACT-9"])
    assert appeal["round"] == 3
    advance_to(at(5))
    again = await client.post("/v1/disputes/D-1@default/events", headers=bearer(case.keys["supplier"]), json={
        "event_id": "E-Z", "type": "supplier_rejects", "actor": "supplier", "at": at(5), "evidence": ["X"]})
    assert again.status_code == 409


async def test_replayed_event_changes_nothing(client: Any, make_key: Any) -> None:
    case = await Case.start(client, make_key, "quality_problem")
    body = {"event_id": "E-R", "type": "supplier_agrees_refund", "actor": "supplier", "at": at(1)}
    advance_to(at(1))
    first = await client.post("/v1/disputes/D-1@default/events", headers=bearer(case.keys["supplier"]), json=body)
    again = await client.post("/v1/disputes/D-1@default/events", headers=bearer(case.keys["supplier"]), json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert len(again.json()["history"]) == 2


@pytest.mark.parametrize(("category", "allowed", "rule"), [
    pytest.param("fresh_fruit", False, "fresh_goods_exempt", id="fresh-fruit-refused"),
    pytest.param("womens_clothing", True, None, id="clothing-accepted"),
])
async def test_no_reason_return(client: Any, make_key: Any, category: str, allowed: bool, rule: str | None) -> None:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-NR")
    item = {"sku": "X", "category": category, "price": "28.90", "quantity": 1}
    await ok(await shop.order("O-NR", "S-NR", "buyer-1", items=[item], paid_at=at(-72)), 201)
    await ok(await shop.event("O-NR", "O-NR-rc", "receipt_confirmed", at(-24)))
    advance_to(at(0))
    r = await client.post("/v1/disputes", headers=shop.headers, json={
        "dispute_id": "D-NR", "order_id": "O-NR", "sku": "X", "type": "no_reason_return", "amount": "28.90",
        "opened_at": at(0)})
    if allowed:
        assert r.status_code == 201 and r.json()["state"] == "awaiting_supplier"
    else:
        assert r.status_code == 409 and (r.json()["code"], r.json()["rule_id"]) == ("no_reason_return_refused", rule)


async def test_arbitration_through_the_reviewer_pages(client: Any, make_key: Any) -> None:
    case = await Case.start(client, make_key, "counterfeit")
    await case.send("supplier", "supplier_rejects", 1, evidence=["PHOTO-1"])
    await case.send("storefront", "escalate", 1, evidence=["LAB-REPORT-7"])  # the same second: true order kept
    signed = await sign_in(client, "/review", case.keys["reviewer"])
    assert signed.status_code == 303
    queue = await client.get("/review/disputes")
    assert 'href="/review/disputes/D-1@default"' in queue.text
    page = await client.get("/review/disputes/D-1@default")
    assert "LAB-REPORT-7" in page.text and "buyer_escalates" in page.text and 'id="for-buyer"' in page.text
    timeline = page.text.split('id="timeline"')[1]
    assert timeline.index("supplier_rejects") < timeline.index("escalate")
    evidence = page.text.split('id="evidence"')[1].split("</table>")[0]
    assert ('<td>1</td><td><bdi class="supplied">LAB-REPORT-7</bdi></td><td><bdi class="supplied">PHOTO-1</bdi></td>'
            "<td>none</td>") in evidence  # per round and party
    preview = page.text.split('id="preview-buyer"')[1].split("</tr>")[0]
    assert "RMB 200.00" in preview and "RMB 3000.00" in preview and "RMB 6800.00 of RMB 10000.00" in preview
    assert "underfunded" in preview and "the platform refunds the buyer first" in preview
    supplier_side = page.text.split('id="preview-supplier"')[1].split("</tr>")[0]
    assert "RMB 10000.00 of RMB 10000.00" in supplier_side

    form_id = page.text.split('name="form_id" value="')[1].split('"')[0]
    form = {"for": "buyer", "form_id": form_id, "csrf_token": form_token(page.text)}
    unexplained = await client.post("/review/disputes/D-1@default/decision", data={**form, "reason": "  "})
    assert unexplained.status_code == 422 and "Write the reason" in unexplained.text
    assert (await case.view())["state"] == "in_arbitration"
    reason = "Lab report LAB-REPORT-7 shows counterfeit goods"
    decided = await client.post("/review/disputes/D-1@default/decision", data={**form, "reason": reason})
    assert decided.status_code == 303
    again = await client.post("/review/disputes/D-1@default/decision", data={**form, "reason": reason})
    assert again.status_code == 303  # the same form sent twice decides once
    view = await case.view()
    assert view["state"] == "refunded" and view["history"][-1]["rules"] == ["counterfeit_found"]
    assert view["history"][-1]["reason"] == reason
    assert view["history"][-1]["effects"]["penalty"] == "3000.00"
    assert len(view["history"]) == 4
    final = await client.get("/review/disputes/D-1@default")
    assert 'id="state">refunded<' in final.text and "arbitration-form" not in final.text and reason in final.text
