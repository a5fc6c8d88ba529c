"""The money invariants, proven over random sequences through the public API (hypothesis stateful testing), on
SQLite and PostgreSQL: orders (some through a 12.12 share list), their events, partial and full refunds,
disputes and their steps, listing parity changes, deposit deductions, ticks and settlements, with callers'
times drawn to be hostile (backdated, future, equal, out of order) while the platform's clock moves forward.

After every step:
  1. each item's live commission is the policy's commission on what is left unrefunded (before lock the sale
     line itself; after lock the sale line plus its clawbacks); a cancelled line is 0;
  2. a settled line never changes, and sits in exactly one statement whose total is the sum of its lines;
  3. each deposit balance is the sum of its movements;
  4. the 12.12 pool's reserved + committed is the sum of the rewards, never above the cap;
  5. no deadline fires before the party had its full window in server time (a dispute step), and no line
     locks before the platform learned of the receipt;
  6. a refused request (4xx) changes nothing, a caller's time ahead of the clock or before the previous step is
     refused as such, and nothing answers 500.

`XIAOPU_STATE_EXAMPLES` sets the number of examples per backend (default 70, so 140 in `make test`), drawn in
four shards of their own seeds so that the test processes share them; a release check runs
`XIAOPU_STATE_EXAMPLES=5000 .venv/bin/pytest tests/trust/test_money_state_machine.py`."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import json
import os
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, seed, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from api.app import create_app
from engine import Evaluator, load_policy_set
from engine.fields import format_yuan, parse_yuan
from store import clock
from store.suppliers import Product
from tests.asgi_call import asgi_call
from tests.commerce.helpers import ROOT_DIR, case_id
from tests.onboarding.helpers import DRESS_CATEGORIES, application, deposit_payment

EXAMPLES = int(os.environ.get("XIAOPU_STATE_EXAMPLES", "70"))
SHARDS = 4
SUP = "SUP-91330100MA2AXXXX07"
CAMPAIGN = "share_to_earn_1212"
START = dt.datetime(2026, 12, 8, 2, 0, tzinfo=dt.UTC)  # inside the 12.12 window (Dec 7 to 13, China time)
CHINA = dt.timezone(dt.timedelta(hours=8))
STORE_AGE = dt.timedelta(days=11)  # how long before START each store opened: orders dated 12 days back are refused
# until the clock has moved on
SKEW = dt.timedelta(minutes=5)
KEYS = {"storefront": "xpk_state_storefront_0000000001", "supplier": "xpk_state_supplier_00000000001",
        "reviewer": "xpk_state_reviewer_00000000001", "policy_admin": "xpk_state_admin_000000000000001"}
# the supplier's listings: two at rates of its own, two naming none (they earn the program's rate for the category)
LISTINGS: dict[str, dict[str, Any]] = {
    "APPLE-5KG": {"category": "fresh_fruit", "price": "28.90", "commission_rate_bp": 1800},
    "DRESS": {"category": "womens_clothing", "price": "200.00", "commission_rate_bp": 1000},
    "LIPSTICK": {"category": "cosmetics", "price": "99.00"},
    "SNACK": {"category": "snacks", "price": "9.90"}}
# goods a storefront sells: every order line is a listed product of the supplier
GOODS = {sku: {"category": listing["category"], "price": listing["price"], "supplier_id": SUP}
         for sku, listing in LISTINGS.items()}
# how far a caller's time lies from the time it is measured against
OFFSETS = [dt.timedelta(days=-12), dt.timedelta(hours=-1), dt.timedelta(0), dt.timedelta(minutes=1),
           dt.timedelta(minutes=10), dt.timedelta(days=400)]
ORACLE = Evaluator(load_policy_set(ROOT_DIR))
SEQUENCE = itertools.count()


def iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def parsed(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def policy_commission(sku: str, quantity: int, refunded_fen: int, paid_at: dt.datetime) -> int:
    """What the commission policy pays on what is left of a line (0 once it is all refunded)."""
    good = GOODS[sku]
    price = parse_yuan(good["price"])
    if refunded_fen >= price * quantity:
        return 0
    facts: dict[str, Any] = {"category": good["category"], "price": price, "quantity": quantity}
    if "commission_rate_bp" in LISTINGS[sku]:  # the listing's own rate; else the program's for the category
        facts["supplier_rate_bp"] = LISTINGS[sku]["commission_rate_bp"]
    if refunded_fen:
        facts["refunded_amount"] = refunded_fen
    return int(ORACLE.evaluate("commission", facts, as_of=paid_at).outputs["commission"])


class Api:
    """The served app on its own event loop; every call returns (status, body), straight through the ASGI app
    (tests/asgi_call.py: ~18,000 calls in `make test`)."""

    def __init__(self, database_url: str) -> None:
        self.loop = asyncio.new_event_loop()
        self.app = create_app(database_url=database_url, tick_seconds=0)
        self.lifespan = self.app.router.lifespan_context(self.app)
        self.loop.run_until_complete(self.lifespan.__aenter__())

    def call(self, role: str, method: str, url: str, body: Any = None) -> tuple[int, Any]:
        status, answer = self.loop.run_until_complete(asgi_call(
            self.app, method, url, body=body, headers={"Authorization": f"Bearer {KEYS[role]}"}))
        assert status < 500, (method, url, body, answer[:2000])
        return status, json.loads(answer)

    def ok(self, role: str, method: str, url: str, body: Any = None) -> Any:
        status, answer = self.call(role, method, url, body)
        assert status in (200, 201), (method, url, answer)
        return answer

    def close(self) -> None:
        self.loop.run_until_complete(self.lifespan.__aexit__(None, None, None))
        self.loop.close()


@pytest.fixture
def api(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Api]:
    monkeypatch.setenv("XIAOPU_DEV_KEYS", ",".join(
        f"{role}@{SUP}:{key}" if role == "supplier" else f"{role}:{key}" for role, key in KEYS.items()))
    clock.freeze(START - dt.timedelta(days=20))
    served = Api(database_url)
    served.ok("supplier", "POST", "/v1/supplier-applications",
              application("APP-STATE", categories=[*DRESS_CATEGORIES, "cosmetics"]))
    served.ok("policy_admin", "POST", "/v1/supplier-applications/APP-STATE@SUP-91330100MA2AXXXX07/deposit-payments",
              deposit_payment("APP-STATE", "50000.00"))
    served.ok("reviewer", "POST", "/v1/supplier-applications/APP-STATE@SUP-91330100MA2AXXXX07/decision",
              {"decision": "approve", "reason": "compliant"})
    for sku, listing in LISTINGS.items():
        served.ok("supplier", "POST", f"/v1/suppliers/{SUP}/products", {"sku": sku, **listing})
    try:
        yield served
    finally:
        served.close()


class Ledger(RuleBasedStateMachine):
    api: Api

    def __init__(self) -> None:
        super().__init__()
        n = next(SEQUENCE)
        self.prefix, self.seller = f"X{n}", f"S-X{n}"
        clock.freeze(START)
        # every example starts from the same deposit (50,000.00, in good standing): earlier examples' deductions
        # must not decide what this one may do
        balance = parse_yuan(self.api.ok("reviewer", "GET", f"/v1/suppliers/{SUP}/deposit")["balance"])
        if balance < parse_yuan("50000.00"):
            self.api.ok("policy_admin", "POST", f"/v1/suppliers/{SUP}/deposit/movements", {
                "movement_id": f"TOPUP-{self.prefix}", "kind": "payment", "reason": "top-up",
                "amount": format_yuan(parse_yuan("50000.00") - balance), "at": iso(clock.now())})
        # and from the apples listed, whatever an earlier example left: its snapshots were observed later than
        # this example's clock (which starts again at START), and an older snapshot never replaces a newer one
        self.api.loop.run_until_complete(Product.filter(supplier_id=SUP, sku="APPLE-5KG").update(references={}))
        self.parity_holds(True)
        # the store opened before the earliest day an order may be dated to (OFFSETS), the list is shared now
        clock.freeze(START - STORE_AGE)
        self.api.ok("storefront", "POST", "/v1/sellers", {"seller_id": self.seller})
        clock.freeze(START)
        self.api.ok("storefront", "POST", "/v1/share-lists", {
            "share_list_id": f"L-{self.prefix}", "consumer_id": f"C-{self.prefix}", "seller_id": self.seller,
            "skus": ["APPLE-5KG", "LIPSTICK"]})
        pool = self.api.ok("storefront", "GET", f"/v1/campaigns/{CAMPAIGN}")
        self.pool_before = Decimal(pool["reserved"]) + Decimal(pool["committed"])
        self.orders: dict[str, dict[str, Any]] = {}  # order id -> {items: {sku: qty}, last: time, paid_at, ...}
        self.disputes: dict[str, dict[str, Any]] = {}  # dispute id -> {steps: [server times of party steps]}
        self.settled: dict[str, tuple[str, Any]] = {}  # line id -> (amount, statement id), once settled
        self.statement_lines: dict[str, str] = {}  # line id -> the statement (seller/period) it was seen in
        self.periods: set[str] = set()
        self.receipts: dict[str, dt.datetime] = {}  # order id -> server time the receipt was recorded
        self.counter = itertools.count()

    # --- the platform's clock and operators ---------------------------------------------------------------------

    @rule(hours=st.sampled_from([0, 1, 30, 121, 24 * 8]))
    def time_passes_and_a_tick_runs(self, hours: int) -> None:
        clock.freeze(clock.now() + dt.timedelta(hours=hours))
        ahead = self.api.call("policy_admin", "POST", "/v1/jobs/tick", {"as_of": iso(clock.now() + dt.timedelta(
            hours=1))})
        assert ahead[0] == 422 and ahead[1]["code"] == "time_in_future"
        self.api.ok("policy_admin", "POST", "/v1/jobs/tick", {})

    @rule()
    def the_month_ends_and_is_settled(self) -> None:
        now = clock.now().astimezone(CHINA)
        period = f"{now.year}-{now.month:02d}"
        early = self.api.call("policy_admin", "POST", "/v1/settlements", {"period": period})
        assert early[0] == 409 and early[1]["code"] == "period_not_ended"
        ends = dt.datetime(now.year + now.month // 12, now.month % 12 + 1, 1, tzinfo=CHINA)
        clock.freeze(ends + dt.timedelta(minutes=1))
        self.api.ok("policy_admin", "POST", "/v1/settlements", {"period": period})
        self.periods.add(period)

    # --- orders and their events --------------------------------------------------------------------------------

    @rule(skus=st.lists(st.sampled_from(sorted(GOODS)), min_size=1, max_size=3, unique=True),
          quantity=st.integers(1, 3), offset=st.sampled_from(OFFSETS), attributed=st.booleans())
    def an_order_is_reported(self, skus: list[str], quantity: int, offset: dt.timedelta, attributed: bool) -> None:
        order_id = f"O-{self.prefix}-{next(self.counter)}"
        paid_at = clock.now() + offset
        body: dict[str, Any] = {"seller_id": self.seller, "buyer_id": "B-1", "paid_at": iso(paid_at),
                                "items": [{"sku": s, "quantity": quantity, **GOODS[s]} for s in skus]}
        if attributed:
            body["share_list_id"] = f"L-{self.prefix}"
        status, answer = self.api.call("storefront", "PUT", f"/v1/orders/{order_id}", body)
        if paid_at > clock.now() + SKEW:
            assert status == 422 and answer["code"] == "time_in_future", answer
        elif paid_at < START - STORE_AGE or (attributed and paid_at < START):  # before its store, or its list
            assert status == 422 and answer["code"] == "time_before_previous_step", answer
        if status != 201:
            assert self.api.call("storefront", "GET", f"/v1/orders/{order_id}")[0] == 404  # nothing stored
            return
        self.orders[order_id] = {"items": dict.fromkeys(skus, quantity), "paid_at": paid_at, "last": paid_at}

    @precondition(lambda self: bool(self.orders))
    @rule(data=st.data(), type_=st.sampled_from(["shipped", "receipt_confirmed", "closed"]),
          offset=st.sampled_from(OFFSETS), from_clock=st.booleans())
    def an_order_event(self, data: st.DataObject, type_: str, offset: dt.timedelta, from_clock: bool) -> None:
        order_id = data.draw(st.sampled_from(sorted(self.orders)))
        self._event(order_id, {"type": type_}, offset, from_clock)

    @precondition(lambda self: bool(self.orders))
    @rule(data=st.data(), share=st.sampled_from([None, 1, 2, 3, 4]), offset=st.sampled_from(OFFSETS),
          from_clock=st.booleans())
    def a_refund(self, data: st.DataObject, share: int | None, offset: dt.timedelta, from_clock: bool) -> None:
        """A full refund of the order (share None) or a quarter to all of one item's amount."""
        order_id = data.draw(st.sampled_from(sorted(self.orders)))
        order = self.orders[order_id]
        sku = data.draw(st.sampled_from(sorted(order["items"])))
        body: dict[str, Any] = {"type": "refunded"}
        if share is not None:
            amount = parse_yuan(GOODS[sku]["price"]) * order["items"][sku] * share // 4
            body.update(sku=sku, amount=format_yuan(max(amount, 1)))
        self._event(order_id, body, offset, from_clock)

    def _event(self, order_id: str, body: dict[str, Any], offset: dt.timedelta, from_clock: bool) -> None:
        """The caller's time is `offset` from the platform's clock or from the order's previous step."""
        order = self.orders[order_id]
        at = (clock.now() if from_clock else order["last"]) + offset
        before = self.api.ok("storefront", "GET", f"/v1/orders/{order_id}")
        status, answer = self.api.call("storefront", "POST", f"/v1/orders/{order_id}/events",
                                       {"event_id": f"E-{order_id}-{next(self.counter)}", "at": iso(at), **body})
        if at > clock.now() + SKEW:
            assert status == 422 and answer["code"] == "time_in_future", answer
        elif at < order["last"]:
            assert status == 422 and answer["code"] == "time_before_previous_step", answer
        if status != 201:
            assert self.api.ok("storefront", "GET", f"/v1/orders/{order_id}") == before  # changed nothing
            return
        order["last"] = max(order["last"], at)
        if body["type"] == "receipt_confirmed":
            self.receipts[order_id] = clock.now()

    # --- disputes and deposits ----------------------------------------------------------------------------------

    @precondition(lambda self: any("DRESS" in o["items"] for o in self.orders.values()))
    @rule(data=st.data(), offset=st.sampled_from(OFFSETS),
          case_type=st.sampled_from(["quality_problem", "counterfeit"]))
    def a_dispute_is_opened(self, data: st.DataObject, offset: dt.timedelta, case_type: str) -> None:
        order_id = data.draw(st.sampled_from(sorted(o for o, v in self.orders.items() if "DRESS" in v["items"])))
        dispute_id = f"D-{order_id}-{next(self.counter)}"
        opened_at = clock.now() + offset
        status, answer = self.api.call("storefront", "POST", "/v1/disputes", {
            "dispute_id": dispute_id, "order_id": order_id, "sku": "DRESS", "type": case_type,
            "amount": "1.00", "opened_at": iso(opened_at)})
        if opened_at > clock.now() + SKEW:
            assert status == 422 and answer["code"] == "time_in_future", answer
        elif opened_at < self.orders[order_id]["paid_at"]:
            assert status == 422 and answer["code"] == "time_before_previous_step", answer
        if status == 201:
            self.disputes[dispute_id] = {"party_steps": [clock.now()], "last": opened_at}

    @precondition(lambda self: bool(self.disputes))
    @rule(data=st.data(), step=st.sampled_from([
        ("supplier", "supplier_agrees_refund"), ("supplier", "supplier_rejects"), ("storefront", "escalate"),
        ("reviewer", "arbitration_for_buyer"), ("reviewer", "arbitration_for_supplier"), ("supplier", "appeal"),
        ("storefront", "appeal")]), offset=st.sampled_from(OFFSETS))
    def a_party_takes_a_step(self, data: st.DataObject, step: tuple[str, str], offset: dt.timedelta) -> None:
        """Any side's step, allowed by the lifecycle or not (refused, it changes nothing)."""
        dispute_id = data.draw(st.sampled_from(sorted(self.disputes)))
        case = self.disputes[dispute_id]
        role, event = step
        actor = {"supplier": "supplier", "storefront": "buyer", "reviewer": "platform"}[role]
        at = (case["last"] if offset < dt.timedelta(0) else clock.now()) + offset
        before = self.api.ok("storefront", "GET", f"/v1/disputes/{dispute_id}")
        status, answer = self.api.call(role, "POST", f"/v1/disputes/{case_id(dispute_id, role)}/events", {
            "event_id": f"A-{dispute_id}-{next(self.counter)}", "type": event, "actor": actor, "at": iso(at),
            "reason": "a decision with its reason"})
        if status not in (200, 201):
            after = self.api.ok("storefront", "GET", f"/v1/disputes/{dispute_id}")
            assert after["state"] == before["state"] or after["history"][-1]["event"] == "deadline_expired", after
        if at > clock.now() + SKEW:
            assert status == 422 and answer["code"] == "time_in_future", answer
        if status == 201:
            case["party_steps"].append(clock.now())
            case["last"] = max(case["last"], at)

    @rule(holds=st.booleans())
    def the_listing_parity_changes(self, holds: bool) -> None:
        """Apples seen cheaper elsewhere suspend the listing (orders naming it are refused); a cure lists it."""
        self.parity_holds(holds)

    def parity_holds(self, holds: bool) -> None:
        elsewhere = {"price": "29.90" if holds else "19.90", "source": "jd.com", "observed_at": iso(clock.now())}
        view = self.api.ok("supplier", "PUT", f"/v1/suppliers/{SUP}/products/APPLE-5KG/parity",
                           {"other_platform_price": elsewhere})
        assert view["status"] == ("listed" if holds else "suspended")

    @rule(amount=st.sampled_from(["1.00", "250.00", "3000.00"]))
    def the_deposit_is_deducted(self, amount: str) -> None:
        self.api.call("policy_admin", "POST", f"/v1/suppliers/{SUP}/deposit/movements", {
            "movement_id": f"M-{self.prefix}-{next(self.counter)}", "kind": "deduction", "amount": amount,
            "reason": "late shipment", "at": iso(clock.now())})

    # --- invariants ---------------------------------------------------------------------------------------------

    @invariant()
    def the_money_invariants_hold(self) -> None:
        views = {order_id: self.api.ok("storefront", "GET", f"/v1/orders/{order_id}") for order_id in self.orders}
        self.each_item_earns_the_policys_commission_on_what_is_left(views)
        self.settled_lines_never_change_and_sit_in_one_statement()
        self.the_deposit_is_the_sum_of_its_movements()
        self.the_pool_holds_exactly_the_rewards_and_never_passes_the_cap(views)
        self.no_deadline_fires_before_the_party_had_its_window()

    def each_item_earns_the_policys_commission_on_what_is_left(self, views: dict[str, Any]) -> None:
        for order_id, order in self.orders.items():
            view = views[order_id]
            refunded = {i["sku"]: parse_yuan(i["refunded"]) for i in view["items"]}
            for sku, quantity in order["items"].items():
                lines = [x for x in view["commission_lines"] if x["sku"] == sku]
                [sale] = [x for x in lines if x["kind"] == "sale"]
                live = sum(parse_yuan(x["amount"]) for x in lines)
                expected = policy_commission(sku, quantity, refunded[sku], order["paid_at"])
                if sale["status"] == "cancelled":
                    assert live == 0, (order_id, sku, lines)
                    continue
                assert live == expected, (order_id, sku, refunded[sku], lines)
                if sale["status"] in ("locked", "settled"):
                    assert parsed(sale["locked_at"]) >= self.receipts[order_id], (order_id, sale)

    def settled_lines_never_change_and_sit_in_one_statement(self) -> None:
        lines = self.api.ok("storefront", "GET", f"/v1/sellers/{self.seller}/commission-lines?limit=500")["lines"]
        for line in lines:
            if line["status"] == "settled":
                seen = self.settled.setdefault(str(line["line_id"]), (line["amount"], line["statement_id"]))
                assert seen == (line["amount"], line["statement_id"]), line
        for period in sorted(self.periods):
            status, statement = self.api.call("storefront", "GET", f"/v1/sellers/{self.seller}/statements/{period}")
            if status == 404:
                continue
            assert parse_yuan(statement["total"]) == sum(parse_yuan(x["amount"]) for x in statement["lines"])
            for line in statement["lines"]:
                assert self.statement_lines.setdefault(str(line["line_id"]), period) == period, line

    def the_deposit_is_the_sum_of_its_movements(self) -> None:
        """Over every page of movements, as a reader of the deposit pages them (newest first, 1,000 a page)."""
        deposit = self.api.ok("reviewer", "GET", f"/v1/suppliers/{SUP}/deposit?limit=1000")
        movements, page = list(deposit["movements"]), deposit
        while page["next"]:
            page = self.api.ok("reviewer", "GET", f"/v1/suppliers/{SUP}/deposit?limit=1000&after={page['next']}")
            movements += page["movements"]
        assert parse_yuan(deposit["balance"]) == sum(parse_yuan(m["amount"]) for m in movements)
        assert parse_yuan(deposit["balance"]) >= 0

    def the_pool_holds_exactly_the_rewards_and_never_passes_the_cap(self, views: dict[str, Any]) -> None:
        pool = self.api.ok("storefront", "GET", f"/v1/campaigns/{CAMPAIGN}")
        held = Decimal(pool["reserved"]) + Decimal(pool["committed"])
        assert held <= Decimal(pool["budget"])
        rewards = Decimal(0)
        for view in views.values():
            reward = view["campaign_reward"]
            if reward and reward["state"] in ("reserved", "committed"):
                rewards += Decimal(reward["amount"])
        assert held - self.pool_before == rewards, (held, self.pool_before, rewards)

    def no_deadline_fires_before_the_party_had_its_window(self) -> None:
        for dispute_id, case in self.disputes.items():
            view = self.api.ok("storefront", "GET", f"/v1/disputes/{dispute_id}")
            for step in view["history"]:
                if step["event"] != "deadline_expired":
                    continue
                learned = max(t for t in case["party_steps"] if t <= parsed(step["at"]))
                assert parsed(step["at"]) - learned >= dt.timedelta(hours=48), (dispute_id, step, case)


@pytest.mark.parametrize("shard", range(SHARDS))
def test_money_invariants_hold_over_random_hostile_sequences(api: Api, shard: int) -> None:
    machine = seed(shard)(type(f"Ledger{shard}", (Ledger,), {"api": api}))
    examples = EXAMPLES // SHARDS + (shard < EXAMPLES % SHARDS)
    try:
        run_state_machine_as_test(machine, settings=settings(
            max_examples=examples, stateful_step_count=12, deadline=None, database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))
    finally:
        clock.freeze(None)
