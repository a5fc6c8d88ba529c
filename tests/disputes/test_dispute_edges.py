"""Dispute edges a careless or hostile client reached: an empty evidence list took the party's one evidence
submission of the round; one order item carried any number of open cases at once (each claiming the item's amount,
each decided with its own penalty); one side's step id refused another side's step of the same id; a case on an
order closed before receipt; an upheld appeal refunding a partial claim twice; a supplier unable to find the cases
on its items; a supplier winning its appeal and keeping none of what the case had taken from its deposit; a new
case on an item the platform had ruled on, judged and penalized a second time."""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
import pytest

from engine.fields import parse_yuan
from store import clock
from store.api_keys import ApiKey, hash_key
from store.disputes import Dispute, DisputeStep
from tests.clock import advance_to
from tests.commerce.helpers import CHANNEL, Storefront, bearer, case_id, ok
from tests.disputes.test_dispute_lifecycle_http import DRESS, SUP, Case, at
from tests.pages import form_token, sign_in
from workflows.common.scoped_ids import scoped_id
from workflows.disputes import lifecycle
from workflows.disputes.preview import arbitration_preview

ACTOR = {"storefront": "buyer", "supplier": "supplier", "reviewer": "platform"}


async def second_order(client: Any, make_key: Any) -> tuple[Case, dict[str, str]]:
    """A case's world with a second paid order of the dress, O-E, not yet disputed; the storefront's headers."""
    case = await Case.start(client, make_key, "quality_problem")
    shop = bearer(case.keys["storefront"])
    advance_to(at(0))
    await ok(await client.put("/v1/orders/O-E", headers=shop, json={
        "seller_id": "S-D", "buyer_id": "buyer-2", "paid_at": at(-1),
        "items": [{"sku": "DRESS", "category": "womens_clothing", "price": "200.00", "quantity": 1,
                   "supplier_id": "SUP-91330100MA2AXXXX07"}]}), 201)
    return case, shop


async def test_an_empty_evidence_list_is_not_a_submission(client: Any, make_key: Any) -> None:
    # a second order, whose case a careless client opens with "evidence": [] (nothing submitted)
    case, shop = await second_order(client, make_key)
    await ok(await client.post("/v1/disputes", headers=shop, json={
        "dispute_id": "D-E", "order_id": "O-E", "sku": "DRESS", "type": "quality_problem", "amount": "200.00",
        "opened_at": at(0), "evidence": []}), 201)
    for dispute_id in ("D-1", "D-E"):
        advance_to(at(1))
        await ok(await client.post(f"/v1/disputes/{case_id(dispute_id, 'supplier')}/events",
                                   headers=bearer(case.keys["supplier"]), json={
                                       "event_id": "rej", "type": "supplier_rejects", "actor": "supplier",
                                       "at": at(1)}), 201)
    advance_to(at(2))
    escalate = {"event_id": "esc", "type": "escalate", "actor": "buyer", "at": at(2), "evidence": ["PHOTO-1"]}
    # the buyer's first evidence of round 1: accepted on D-1, refused on D-E
    assert (await client.post("/v1/disputes/D-1/events", headers=shop, json=escalate)).status_code == 201
    r = await client.post("/v1/disputes/D-E/events", headers=shop, json=escalate)
    assert r.status_code == 201, f"first real evidence refused after an empty list: {r.text[:200]}"


async def test_one_item_cannot_carry_two_open_cases(client: Any, make_key: Any) -> None:
    case = await Case.start(client, make_key, "counterfeit")  # D-1 open on O-D/DRESS for 200.00
    second = await client.post("/v1/disputes", headers=bearer(case.keys["storefront"]), json={
        "dispute_id": "D-2", "order_id": "O-D", "sku": "DRESS", "type": "counterfeit", "amount": "200.00",
        "opened_at": at(0)})
    assert (second.status_code, second.json()["code"]) == (409, "dispute_already_open"), second.text
    assert (await client.get("/v1/disputes/D-2", headers=bearer(case.keys["storefront"]))).status_code == 404


async def test_each_side_names_its_own_steps(client: Any, make_key: Any) -> None:
    """The buyer's step STEP-1 does not refuse the platform's STEP-1 on the same case; a retry of either is a
    replay, and so is a retry of a step recorded under the case's key alone (before each side had its own)."""
    case = await Case.start(client, make_key, "quality_problem")
    await case.send("supplier", "supplier_rejects", 1)
    advance_to(at(2))
    buyer_path = f"/v1/disputes/{case_id('D-1', 'storefront')}/events"
    escalate = {"event_id": "STEP-1", "type": "escalate", "actor": "buyer", "at": at(2)}
    await ok(await client.post(buyer_path, headers=bearer(case.keys["storefront"]), json=escalate), 201)
    advance_to(at(3))
    arbitration = {"event_id": "STEP-1", "type": "arbitration_for_buyer", "actor": "platform", "at": at(3),
                   "reason": "photos show the defect"}
    reviewer_path = f"/v1/disputes/{case_id('D-1', 'reviewer')}/events"
    decided = await ok(await client.post(reviewer_path, headers=bearer(case.keys["reviewer"]), json=arbitration), 201)
    assert [s["event_id"] for s in decided["history"]][-2:] == ["STEP-1", "STEP-1"]
    assert (await client.post(buyer_path, headers=bearer(case.keys["storefront"]), json=escalate)).status_code == 200
    # the buyer's step as it was stored before each side had its own ids: a retry finds it all the same
    [step] = await DisputeStep.filter(actor="buyer", event="escalate")
    await DisputeStep.filter(event_id=step.event_id).delete()
    step.event_id, step._saved_in_db = scoped_id(step.dispute_id, "STEP-1"), False
    await step.save(force_create=True)
    again = await client.post(buyer_path, headers=bearer(case.keys["storefront"]), json=escalate)
    assert again.status_code == 200, again.text
    assert await DisputeStep.filter(actor="buyer", event="escalate").count() == 1


async def test_no_case_on_an_order_closed_before_receipt(client: Any, make_key: Any) -> None:
    """Closed before receipt, nothing was sold: a case on it would have refunded the buyer and recovered the amount
    from the supplier's deposit when the supplier stayed silent."""
    case = await Case.start(client, make_key, "quality_problem")  # a supplier, a store S-D and its dress order
    shop = bearer(case.keys["storefront"])
    await ok(await client.put("/v1/orders/O-C", headers=shop, json={
        "seller_id": "S-D", "buyer_id": "buyer-3", "paid_at": at(-3), "items": [DRESS]}), 201)
    closed = await ok(await client.post("/v1/orders/O-C/events", headers=shop, json={
        "event_id": "close", "type": "closed", "at": at(-2)}))
    assert closed["status"] == "closed"
    refused = await client.post("/v1/disputes", headers=shop, json={
        "dispute_id": "D-C", "order_id": "O-C", "sku": "DRESS", "type": "not_received", "amount": "200.00",
        "opened_at": at(0)})
    assert (refused.status_code, refused.json()["code"]) == (409, "order_closed_before_receipt"), refused.text
    assert (await client.get("/v1/disputes/D-C", headers=shop)).status_code == 404


async def test_an_upheld_appeal_refunds_a_partial_claim_once(client: Any, make_key: Any) -> None:
    """The supplier refunds a 50.00 claim, appeals, and the platform rules for the buyer again: the case had
    refunded 50.00 a second time and recovered it from the deposit although the supplier had paid it."""
    case = await Case.start(client, make_key, "quality_problem", amount="50.00")
    deposit = f"/v1/suppliers/{SUP}/deposit"
    before = (await ok(await client.get(deposit, headers=bearer(case.keys["reviewer"]))))["balance"]
    await case.send("supplier", "supplier_agrees_refund", 1)
    await case.send("supplier", "appeal", 2)
    await case.send("reviewer", "arbitration_for_buyer", 3, reason="the refund stands")
    order = await ok(await client.get("/v1/orders/O-D", headers=bearer(case.keys["storefront"])))
    assert order["items"][0]["refunded"] == "50.00"
    assert (await ok(await client.get(deposit, headers=bearer(case.keys["reviewer"]))))["balance"] == before


async def test_a_supplier_that_wins_its_appeal_gets_back_what_the_case_took_from_its_deposit(
        client: Any, make_key: Any, app: Any) -> None:
    """Arbitration found the dress counterfeit: the platform refunded the buyer first and took the refund and the
    RMB 3,000 penalty from the deposit. On the supplier's appeal it decides for the supplier: both come back to the
    deposit, the buyer keeps the refund (the platform bears it), and a replayed ruling returns nothing more."""
    case = await Case.start(client, make_key, "counterfeit")
    await case.send("supplier", "supplier_rejects", 1)
    await case.send("storefront", "escalate", 2)
    await case.send("reviewer", "arbitration_for_buyer", 3, reason="counterfeit")
    assert (await case.deposit())["balance"] == "6800.00"  # 10,000 - 200.00 recovered - 3,000 penalty
    await case.send("supplier", "appeal", 4, evidence=["AUTHORIZATION-CHAIN"])
    preview = await arbitration_preview(app.state.evaluator, case_id("D-1", "reviewer"), clock.now())
    for_supplier, for_buyer = preview["supplier"], preview["buyer"]  # what the reviewer reads before deciding
    assert (for_supplier["rule"], for_supplier["returned"], for_supplier["deposit_after"]) == (
        "appeal_decided_for_the_supplier", "3200.00", "10000.00")
    # upheld for the buyer, the case refunds nothing more and its penalty was taken already
    assert (for_buyer["refund"], for_buyer["penalty"], for_buyer["penalty_taken_before"]) == ("0.00", "0.00", True)
    ruling = await case.send("reviewer", "arbitration_for_supplier", 5, reason="the authorization chain holds")
    step = ruling["history"][-1]
    assert step["rules"] == ["appeal_decided_for_the_supplier"] and step["effects"]["deposit_returned"] == "3200.00"
    deposit = await case.deposit()
    assert (deposit["balance"], deposit["standing"]) == ("10000.00", "good")
    returns = [m for m in deposit["movements"] if m["kind"] == "return"]
    assert sorted(m["amount"] for m in returns) == ["200.00", "3000.00"] and all(m["decision_id"] for m in returns)
    order = await ok(await client.get("/v1/orders/O-D", headers=bearer(case.keys["storefront"])))
    assert order["items"][0]["refunded"] == "200.00"  # the buyer's refund stands
    replay = await client.post(f"/v1/disputes/{case_id('D-1', 'reviewer')}/events",
                               headers=bearer(case.keys["reviewer"]), json={
                                   "event_id": "arbitration_for_supplier-5", "type": "arbitration_for_supplier",
                                   "actor": "platform", "at": at(5), "reason": "the authorization chain holds"})
    assert replay.status_code == 200, replay.text
    assert (await case.deposit())["balance"] == "10000.00"


async def test_a_ruling_on_an_item_stands_a_new_case_on_it_is_refused(client: Any, make_key: Any) -> None:
    """A 50.00 counterfeit claim is ruled for the buyer (RMB 3,000 penalty) and becomes final; a second case on
    the same dress, for what is left of it, would have been arbitrated and penalized again."""
    case = await Case.start(client, make_key, "counterfeit", amount="50.00")
    await case.send("supplier", "supplier_rejects", 1)
    await case.send("storefront", "escalate", 2)
    await case.send("reviewer", "arbitration_for_buyer", 3, reason="counterfeit")
    await case.tick(3 + 720)
    assert (await case.view())["state"] == "final"
    balance = (await case.deposit())["balance"]
    again = await client.post("/v1/disputes", headers=bearer(case.keys["storefront"]), json={
        "dispute_id": "D-2", "order_id": "O-D", "sku": "DRESS", "type": "counterfeit", "amount": "50.00",
        "opened_at": at(3 + 720)})
    assert (again.status_code, again.json()["code"], again.json()["dispute_id"]) == (409, "item_already_arbitrated",
                                                                                      "D-1"), again.text
    assert (await client.get("/v1/disputes/D-2", headers=bearer(case.keys["storefront"]))).status_code == 404
    assert (await case.deposit())["balance"] == balance


async def test_a_won_appeal_returns_its_own_case_s_penalty_and_no_other(client: Any, make_key: Any) -> None:
    """Channels "default" and "default:eu" (a name issued before channel names were checked) each have a case D-1
    found counterfeit; the supplier wins its appeal of the "default" case only. Penalties were matched by the prefix
    `penalty:D-1@default:`, which also names the "default:eu" case's: its RMB 3,000 came back too."""
    case = await Case.start(client, make_key, "counterfeit")
    plaintext = "xpk_legacy_channel_with_a_colon_0"
    await ApiKey.create(key_id="legacy-colon", key_hash=hash_key(plaintext), role="storefront", party="default:eu")
    other = bearer(plaintext)
    await ok(await client.post("/v1/sellers", json={"seller_id": "S-EU"}, headers=other))
    await ok(await client.put("/v1/orders/O-D", headers=other, json={
        "seller_id": "S-EU", "buyer_id": "buyer-9", "paid_at": at(0), "items": [DRESS]}), 201)
    await ok(await client.post("/v1/orders/O-D/events", headers=other, json={
        "event_id": "rc", "type": "receipt_confirmed", "at": at(0)}), 201)
    await ok(await client.post("/v1/disputes", headers=other, json={
        "dispute_id": "D-1", "order_id": "O-D", "sku": "DRESS", "type": "counterfeit", "amount": "200.00",
        "opened_at": at(0)}), 201)
    reviewer, supplier = bearer(case.keys["reviewer"]), bearer(case.keys["supplier"])
    for hours, role, event in ((1, "supplier", "supplier_rejects"), (2, "storefront", "escalate"),
                               (3, "reviewer", "arbitration_for_buyer")):
        headers = {"supplier": supplier, "storefront": other, "reviewer": reviewer}[role]
        actor = {"supplier": "supplier", "storefront": "buyer", "reviewer": "platform"}[role]
        advance_to(at(hours))
        await ok(await client.post(f"/v1/disputes/{'D-1' if role == 'storefront' else 'D-1@default:eu'}/events",
                                   headers=headers, json={"event_id": f"eu-{event}", "type": event, "actor": actor,
                                                          "at": at(hours), "reason": "counterfeit"}), 201)
    await case.send("supplier", "supplier_rejects", 1)
    await case.send("storefront", "escalate", 2)
    await case.send("reviewer", "arbitration_for_buyer", 3, reason="counterfeit")
    assert (await case.deposit())["balance"] == "3600.00"  # two recoveries of 200.00, two penalties of 3,000
    await case.send("supplier", "appeal", 4, evidence=["AUTHORIZATION-CHAIN"])
    ruling = await case.send("reviewer", "arbitration_for_supplier", 5, reason="the authorization chain holds")
    assert ruling["history"][-1]["effects"]["deposit_returned"] == "3200.00"
    assert (await case.deposit())["balance"] == "6800.00"  # the "default:eu" ruling stands


async def test_a_supplier_key_that_names_no_supplier_lists_no_case(client: Any, make_key: Any) -> None:
    """Issued before keys had parties, it speaks for no supplier: its list was every case on items of no supplier."""
    await Case.start(client, make_key, "quality_problem")
    await Dispute.filter(dispute_id=case_id("D-1", "reviewer")).update(supplier_id=None)  # a case on no supplier
    plaintext = "xpk_legacy_supplier_without_party"
    await ApiKey.create(key_id="legacy-sup", key_hash=hash_key(plaintext), role="supplier", party=None)
    listed = await ok(await client.get("/v1/disputes?state=all", headers=bearer(plaintext)))
    assert listed["disputes"] == []


async def test_an_order_with_an_open_case_is_not_closed_before_receipt(client: Any, make_key: Any) -> None:
    """Closing before receipt says nothing was sold (commission cancelled, reward released), while the open case still
    refunded the buyer and took the refund from the supplier's deposit: the case is decided first."""
    case = await Case.start(client, make_key, "not_received", order_id="O-D")
    shop = bearer(case.keys["storefront"])
    advance_to(at(0))
    await ok(await client.put("/v1/orders/O-N", headers=shop, json={
        "seller_id": "S-D", "buyer_id": "buyer-3", "paid_at": at(-1), "items": [DRESS]}), 201)
    await ok(await client.post("/v1/disputes", headers=shop, json={
        "dispute_id": "D-N", "order_id": "O-N", "sku": "DRESS", "type": "not_received", "amount": "200.00",
        "opened_at": at(0)}), 201)
    advance_to(at(1))
    refused = await client.post("/v1/orders/O-N/events", headers=shop, json={
        "event_id": "close", "type": "closed", "at": at(1)})
    assert (refused.status_code, refused.json()["code"]) == (409, "dispute_open"), refused.text
    order = await ok(await client.get("/v1/orders/O-N", headers=shop))
    assert order["status"] == "paid" and {line["status"] for line in order["commission_lines"]} == {"estimated"}
    await case.send("storefront", "buyer_withdraws", 2)  # D-1 on O-D: the other case is untouched
    await ok(await client.post("/v1/disputes/D-N/events", headers=shop, json={
        "event_id": "withdraw", "type": "buyer_withdraws", "actor": "buyer", "at": at(2)}), 201)
    advance_to(at(3))
    closed = await ok(await client.post("/v1/orders/O-N/events", headers=shop, json={
        "event_id": "close", "type": "closed", "at": at(3)}), 201)
    assert closed["status"] == "closed"  # once the case is final


async def test_an_operator_cannot_take_the_name_of_a_cases_movements(client: Any, make_key: Any) -> None:
    """A policy admin's movement named as a case's penalty (`penalty:<case>:<rule>`, a case stored before ids were
    scoped has no '@' in its key) made that penalty "already taken"; the platform's movement names are its own."""
    case = await Case.start(client, make_key, "counterfeit")
    admin = bearer(case.keys["policy_admin"])
    for movement_id in ("penalty:D-9:counterfeit_found", "recovery:x", "return:y"):
        r = await client.post(f"/v1/suppliers/{SUP}/deposit/movements", headers=admin, json={
            "movement_id": movement_id, "kind": "deduction", "amount": "1.00", "reason": "x", "at": at(0)})
        assert (r.status_code, r.json()["code"]) == (422, "movement_id_reserved"), r.text
    paid = await client.post("/v1/supplier-applications/APP-D@SUP-91330100MA2AXXXX07/deposit-payments",
                             headers=admin, json={"payment_id": "return:z", "amount": "1.00", "reference": "x"})
    assert (paid.status_code, paid.json()["code"]) == (422, "movement_id_reserved"), paid.text
    assert (await case.deposit())["balance"] == "10000.00"


async def test_a_supplier_finds_every_case_on_its_items_and_no_other(client: Any, make_key: Any) -> None:
    """The channel that opens a case never tells the supplier its id; without a list, the supplier's 5 days to answer
    ran out on a case it could not find, and the platform refunded the buyer from its deposit."""
    case = await Case.start(client, make_key, "not_received")
    supplier = bearer(case.keys["supplier"])
    open_cases = await ok(await client.get("/v1/disputes", headers=supplier))
    [found] = open_cases["disputes"]
    assert (found["dispute_id"], found["state"], found["amount"]) == (case_id("D-1", "supplier"), "awaiting_supplier",
                                                                      "200.00")
    assert found["next_deadline"]["owed_by"] == "supplier"
    answered = await client.get(f"/v1/disputes/{found['dispute_id']}", headers=supplier)
    assert answered.status_code == 200  # the id it is given is the one it answers under
    rival = bearer(await make_key("supplier", party="SUP-91110000600037341L"))
    assert (await ok(await client.get("/v1/disputes", headers=rival)))["disputes"] == []
    everything = await ok(await client.get("/v1/disputes?state=all", headers=bearer(case.keys["reviewer"])))
    assert [d["dispute_id"] for d in everything["disputes"]] == [found["dispute_id"]]
    assert (await ok(await client.get("/v1/disputes?state=final", headers=supplier)))["disputes"] == []
    assert (await client.get("/v1/disputes", headers=bearer(case.keys["storefront"]))).status_code == 403


async def test_cases_opened_on_one_item_at_once_leave_one_open(client: Any, make_key: Any) -> None:
    """Ten counterfeit cases opened on one item at the same moment had all been opened on PostgreSQL (each saw no
    open case before any was written): each would take the item's amount and its own RMB 3,000 penalty."""
    case = await Case.start(client, make_key, "quality_problem")  # D-1 on O-D/DRESS, withdrawn below
    shop = bearer(case.keys["storefront"])
    await case.send("storefront", "buyer_withdraws", 0.5)
    advance_to(at(1))
    answers = await asyncio.gather(*(client.post("/v1/disputes", headers=shop, json={
        "dispute_id": f"D-C{n}", "order_id": "O-D", "sku": "DRESS", "type": "counterfeit", "amount": "200.00",
        "opened_at": at(1)}) for n in range(10)))
    assert sorted(r.status_code for r in answers) == [201] + [409] * 9, [r.text for r in answers]
    assert {r.json()["code"] for r in answers if r.status_code == 409} == {"dispute_already_open"}
    assert await Dispute.filter(order_id=scoped_id(CHANNEL, "O-D")).exclude(state="final").count() == 1


async def test_an_arbitration_form_with_an_overlong_form_id_is_refused_and_decides_nothing(
        client: Any, make_key: Any) -> None:
    """The decision form's id names the platform's step; a 300-character one (any letters and digits were taken)
    overflowed the step's key and answered 500."""
    case = await Case.start(client, make_key, "counterfeit")
    await case.send("supplier", "supplier_rejects", 1)
    await case.send("storefront", "escalate", 1)
    assert (await sign_in(client, "/review", case.keys["reviewer"])).status_code == 303
    page = await client.get("/review/disputes/D-1@default")
    r = await client.post("/review/disputes/D-1@default/decision", data={
        "for": "buyer", "form_id": "a" * 300, "csrf_token": form_token(page.text), "reason": "lab report"})
    assert r.status_code == 422 and "Decide for the buyer or for the supplier" in r.text, r.text[:300]
    assert (await case.view())["state"] == "in_arbitration"
    assert (await case.deposit())["balance"] == "10000.00"


async def test_cases_decided_at_once_recover_what_the_deposit_holds_and_are_all_decided(
        client: Any, make_key: Any) -> None:
    """Five cases of one supplier arbitrated for the buyer at the same moment, its deposit down to RMB 300: each had
    read the balance before the others' recoveries, asked for more than was left, and all but the first few were
    refused as a whole (422 `deduction_exceeds_balance`, a field the reviewer never sent), nothing decided."""
    case = await Case.start(client, make_key, "quality_problem")
    keys, shop = case.keys, Storefront(client, case.keys["storefront"])
    cases = ["D-1"]
    for n in range(2, 6):
        await ok(await shop.order(f"O-{n}", "S-D", f"buyer-{n}", items=[DRESS], paid_at=at(-1)), 201)
        advance_to(at(0))
        await ok(await client.post("/v1/disputes", headers=shop.headers, json={
            "dispute_id": f"D-{n}", "order_id": f"O-{n}", "sku": "DRESS", "type": "quality_problem",
            "amount": "200.00", "opened_at": at(0)}), 201)
        cases.append(f"D-{n}")
    await ok(await client.post(f"/v1/suppliers/{SUP}/deposit/movements", headers=bearer(keys["policy_admin"]), json={
        "movement_id": "late-shipments", "kind": "deduction", "amount": "9700.00", "reason": "late shipments",
        "at": at(0)}), 201)
    for dispute_id, (role, step) in ((d, s) for d in cases for s in (("supplier", "supplier_rejects"),
                                                                      ("storefront", "escalate"))):
        advance_to(at(1))
        await ok(await client.post(f"/v1/disputes/{case_id(dispute_id, role)}/events", headers=bearer(keys[role]),
                                   json={"event_id": step, "type": step, "actor": ACTOR[role], "at": at(1)}), 201)
    advance_to(at(2))
    answers = await asyncio.gather(*(client.post(f"/v1/disputes/{case_id(d, 'reviewer')}/events",
                                                 headers=bearer(keys["reviewer"]), json={
        "event_id": "ruling", "type": "arbitration_for_buyer", "actor": "platform", "at": at(2),
        "reason": "the photos show the defect"}) for d in cases))
    assert [r.status_code for r in answers] == [201] * len(cases), [r.text[:200] for r in answers]
    deposit = await case.deposit()
    assert deposit["balance"] == "0.00"
    assert sum(parse_yuan(m["amount"]) for m in deposit["movements"] if m["movement_id"].startswith("recovery:")) \
        == -30000


async def test_a_release_on_exit_waits_for_a_case_being_opened_and_holds_the_deposit(
        client: Any, make_key: Any, database_url: str, monkeypatch: Any) -> None:
    """A case being opened when the supplier's exit is booked: the release counted the open cases before the case
    was written and returned the whole deposit, and the case was then opened against a supplier with nothing left to
    recover from. The case's transaction now holds the supplier's row, so the release counts it."""
    if not database_url.startswith("postgres"):
        pytest.skip("SQLite runs one writer at a time: the release cannot start before the case is written")
    case = await Case.start(client, make_key, "quality_problem")  # D-1, withdrawn below: no case is open
    await case.send("storefront", "buyer_withdraws", 0.5)
    advance_to(at(1))
    reached, go = asyncio.Event(), asyncio.Event()
    checked = lifecycle.arbitrated_case_on

    async def paused(*args: Any) -> Any:  # the case's transaction, its rows locked, not yet written
        reached.set()
        await go.wait()
        return await checked(*args)

    monkeypatch.setattr(lifecycle, "arbitrated_case_on", paused)
    opening = asyncio.create_task(client.post("/v1/disputes", headers=bearer(case.keys["storefront"]), json={
        "dispute_id": "D-R", "order_id": "O-D", "sku": "DRESS", "type": "quality_problem", "amount": "200.00",
        "opened_at": at(1)}))
    await reached.wait()
    releasing = asyncio.create_task(client.post(f"/v1/suppliers/{SUP}/deposit/movements", json={
        "movement_id": "R-1", "kind": "release", "amount": "0", "reason": "supplier exits", "at": at(1)},
        headers=bearer(case.keys["policy_admin"])))
    watcher = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
    try:  # until the release waits for the case's lock (or, as before, has answered without waiting)
        async with asyncio.timeout(30):
            while not releasing.done() and not await watcher.fetchval(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"):
                await asyncio.sleep(0.01)
    finally:
        await watcher.close()
    go.set()
    opened, released = await opening, await releasing
    assert opened.status_code == 201, opened.text
    assert (released.status_code, released.json()["code"]) == (409, "deposit_held"), released.text
    deposit = await case.deposit()
    assert (deposit["status"], deposit["balance"]) == ("active", "10000.00")


@pytest.mark.parametrize("amount", ["0", "0.00"])
async def test_a_claim_of_nothing_opens_no_case(client: Any, make_key: Any, amount: str) -> None:
    """A case claiming RMB 0.00 was opened (on a fully refunded item too: 0.00 is not more than the 0.00 left), and
    its supplier owed an answer within 5 days to a claim of nothing; claims are more than 0.00, as deposit
    movements are."""
    case, shop = await second_order(client, make_key)
    refused = await client.post("/v1/disputes", headers=shop, json={
        "dispute_id": "D-E", "order_id": "O-E", "sku": "DRESS", "type": "quality_problem", "amount": amount,
        "opened_at": at(0)})
    assert refused.status_code == 422, refused.text
    assert [e["field"] for e in refused.json()["errors"]] == ["body.amount"]
    assert not await Dispute.exists(dispute_id=scoped_id(CHANNEL, "D-E"))
