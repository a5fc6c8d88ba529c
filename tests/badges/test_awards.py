"""Badge awards over HTTP: the policy's own examples, the derived inputs, and every award explained."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from engine import load_policy_set
from engine.facts import coerce_facts
from store import clock
from tests.badges.helpers import AS_OF, Panel, iso, orders_for_rate, seed_orders
from tests.clock import advance_to
from tests.commerce.helpers import bearer, ok

pytestmark = pytest.mark.asyncio
SHIPPED = load_policy_set(Path(__file__).resolve().parents[2])
POLICY = SHIPPED.policies["maker_badge"]
EXAMPLES = [pytest.param(e, id=e.name) for e in POLICY.examples]


def engine_facts(facts: dict[str, Any]) -> dict[str, Any]:
    return dict(coerce_facts(POLICY, facts, categories=SHIPPED.taxonomy.categories, money_ints_are_fen=True))


@pytest.mark.parametrize("example", EXAMPLES)
async def test_awards_match_the_policy_examples(client: Any, make_key: Any, example: Any) -> None:
    """Each example of rules/badges.yaml, played as a panel: judges score, the merchant has the example's
    dispute rate in its orders, and the award says what the example expects."""
    facts = engine_facts(example.facts)
    panel = await Panel(client, make_key).seat(facts["panel_size"])
    await panel.merchant("M-1")
    orders, disputed = orders_for_rate(facts["dispute_rate_bp"])
    await seed_orders("M-1", orders, disputed, paid_at=AS_OF - dt.timedelta(days=20),
                      disputed_at=AS_OF - dt.timedelta(days=10))
    award = await panel.judged("R-1", "M-1", [facts["panel_score"]] * facts["panel_size"], example.as_of or AS_OF)

    assert award["facts"] == facts
    for name, expected in example.expect_outputs.items():
        assert award[name] == expected, name
    assert award["rules"] == list(example.expect_fired)
    assert award["explanation"]["fired"] == (example.expect_fired[0] if example.expect_fired else None)
    assert award["policy_version"] == SHIPPED.label
    days = award["validity_days"]
    assert dt.datetime.fromisoformat(award["valid_until"]) - dt.datetime.fromisoformat(award["valid_from"]) \
        == dt.timedelta(days=days)

    decision = await ok(await client.get(f"/v1/decisions/{award['decision_id']}", headers=panel.chair))
    assert decision["policy"] == "maker_badge" and decision["rules"] == list(example.expect_fired)
    assert decision["facts"] == facts and decision["subject"] == "merchant:M-1/round:R-1"
    listed = [m["merchant_id"] for m in (await panel.good_find(AS_OF + dt.timedelta(days=1)))["merchants"]]
    assert listed == (["M-1"] if award["good_find"] else [])


async def test_the_panel_score_is_the_mean_rounded_down_and_the_award_is_explained(client: Any,
                                                                                   make_key: Any) -> None:
    panel = await Panel(client, make_key).seat(3)
    await panel.merchant("M-1")
    award = await panel.judged("R-1", "M-1", [80, 80, 79])  # mean 79.67: not yet 80

    assert award["facts"] == {"panel_score": 79, "panel_size": 3, "dispute_rate_bp": 0}
    assert (award["badge"], award["rules"]) == ("select", ["select_badge"])
    explanation = award["explanation"]
    assert [r["rule_id"] for r in explanation["rules"]] == [r.id for r in POLICY.rules]
    status = {r["rule_id"]: r["status"] for r in explanation["rules"]}
    assert status == {"panel_too_small": "did not hold", "disputes_too_frequent": "did not hold",
                      "master_badge": "did not hold", "craftsman_badge": "did not hold", "select_badge": "fired",
                      "rising_badge": "held, but select_badge came first"}
    craftsman = next(r for r in explanation["rules"] if r["rule_id"] == "craftsman_badge")
    assert craftsman["inputs"] == {"panel_score": "79"} and craftsman["file"] == "rules/badges.yaml"
    assert craftsman["checks"] == [{"field": "panel_score", "test": "≥ 80", "actual": "79", "passed": False,
                                    "gap": "short by 1"}]
    assert explanation["near_misses"] == [
        {"rule_id": "master_badge", "badge": "master", "missing": ["panel score is 79, needs ≥ 90 (short by 11)"]},
        {"rule_id": "craftsman_badge", "badge": "craftsman", "missing": ["panel score is 79, needs ≥ 80 (short by 1)"]}]
    assert award["evidence"]["panel_score"]["sum"] == 239

    badge = await panel.badge("M-1", AS_OF + dt.timedelta(days=1))
    assert (badge["badge"], badge["status"], badge["good_find"]) == ("select", "in_force", True)
    assert badge["award"]["explanation"] == explanation


async def test_too_few_judges_give_no_badge_and_name_the_rule(client: Any, make_key: Any) -> None:
    panel = await Panel(client, make_key).seat(2)
    await panel.merchant("M-1")
    award = await panel.judged("R-1", "M-1", [95, 96])

    assert (award["badge"], award["good_find"], award["rules"]) == ("none", False, ["panel_too_small"])
    assert award["explanation"]["summary"] == "panel_too_small: A badge needs scores from at least 3 judges."
    master = next(r for r in award["explanation"]["rules"] if r["rule_id"] == "master_badge")
    assert master["status"] == "held, but panel_too_small came first"
    badge = await panel.badge("M-1", AS_OF + dt.timedelta(days=1))
    assert (badge["badge"], badge["status"], badge["award"]["rules"]) == ("none", "no_badge", ["panel_too_small"])
    assert (await panel.good_find(AS_OF + dt.timedelta(days=1)))["merchants"] == []


async def test_the_dispute_rate_counts_the_merchants_orders_of_the_last_90_days(client: Any, make_key: Any) -> None:
    panel = await Panel(client, make_key).seat(3)
    await panel.merchant("M-1")
    await seed_orders("M-1", 49, 1, paid_at=AS_OF - dt.timedelta(days=30), disputed_at=AS_OF - dt.timedelta(days=2))
    # Older orders fall outside the window; a dispute opened after the award does not count yet.
    await seed_orders("M-1", 60, 0, paid_at=AS_OF - dt.timedelta(days=91), disputed_at=AS_OF, prefix="OLD")
    await seed_orders("M-1", 1, 1, paid_at=AS_OF - dt.timedelta(days=1), disputed_at=AS_OF + dt.timedelta(hours=1),
                      prefix="LATE")
    await seed_orders("M-OTHER", 5, 5, paid_at=AS_OF - dt.timedelta(days=1), disputed_at=AS_OF - dt.timedelta(hours=1))
    award = await panel.judged("R-1", "M-1", [95, 95, 95])

    assert award["facts"]["dispute_rate_bp"] == 200  # 1 of 50 orders, exactly 2%: not more than 2%
    assert award["evidence"]["dispute_rate_bp"]["orders"] == 50
    assert award["badge"] == "master"

    await seed_orders("M-1", 1, 1, paid_at=AS_OF - dt.timedelta(days=2), disputed_at=AS_OF - dt.timedelta(days=1),
                      prefix="MORE")
    later = AS_OF + dt.timedelta(days=1)
    await ok(await panel.open_round("R-2", "M-1", later - dt.timedelta(days=1)), 201)
    for judge in range(3):
        await ok(await panel.score("R-2", judge, 95), 201)
    again = await ok(await panel.award("R-2", later), 201)
    # 3 of 51 orders (the late dispute now counts): 5.882...%, rounded up to 589 bp
    assert (again["facts"]["dispute_rate_bp"], again["rules"]) == (589, ["disputes_too_frequent"])


async def test_a_merchant_with_many_orders_counts_every_dispute(client: Any, make_key: Any) -> None:
    panel = await Panel(client, make_key).seat(3)
    await panel.merchant("M-1")
    paid, disputed = AS_OF - dt.timedelta(days=5), AS_OF - dt.timedelta(days=1)
    await seed_orders("M-1", 600, 0, paid_at=paid, disputed_at=disputed, prefix="A")
    await seed_orders("M-1", 1, 1, paid_at=paid, disputed_at=disputed, prefix="Z")  # the last order by id
    award = await panel.judged("R-1", "M-1", [90, 90, 90])
    assert (award["facts"]["dispute_rate_bp"], award["evidence"]["dispute_rate_bp"]["disputed_orders"]) == (17, 1)


async def test_only_a_reviewer_enters_scores_and_only_reviewers_or_policy_admins_award(client: Any,
                                                                                        make_key: Any) -> None:
    panel = await Panel(client, make_key).seat(1)
    await panel.merchant("M-1")
    await ok(await panel.open_round("R-1", "M-1"), 201)
    admin = bearer(await make_key("policy_admin"))
    storefront = bearer(await make_key("storefront"))
    r = await client.put("/v1/badge-rounds/R-1/scores", json={"score": 90}, headers=admin)
    assert (r.status_code, r.json()["code"]) == (403, "forbidden")
    advance_to(AS_OF)
    r = await client.post("/v1/badge-rounds/R-1/award", json={"as_of": AS_OF.isoformat()}, headers=storefront)
    assert r.status_code == 403
    award = await ok(await client.post("/v1/badge-rounds/R-1/award", json={"as_of": AS_OF.isoformat()},
                                       headers=admin), 201)
    assert award["rules"] == ["panel_too_small"]


async def test_an_award_or_a_round_dated_ahead_of_the_clock_is_refused(client: Any, make_key: Any) -> None:
    """An award as of a year ahead would be decided on facts of a day that has not come and stand in the way of
    every award before it (award_out_of_order); a round opened ten years ahead is no round."""
    panel = await Panel(client, make_key).seat(3)
    await panel.merchant("M-1")
    now = clock.now()
    far = await client.post("/v1/badge-rounds", headers=panel.chair, json={
        "round_id": "R-F", "merchant_id": "M-1", "opened_at": iso(now + dt.timedelta(days=3650))})
    assert (far.status_code, far.json()["code"]) == (422, "time_in_future"), far.text
    await ok(await panel.open_round("R-1", "M-1", now - dt.timedelta(hours=1)), 201)
    for judge in range(3):
        await ok(await panel.score("R-1", judge, 90), 201)
    ahead = await client.post("/v1/badge-rounds/R-1/award", headers=panel.chair,
                              json={"as_of": iso(now + dt.timedelta(days=365))})
    assert (ahead.status_code, ahead.json()["code"]) == (422, "time_in_future"), ahead.text
    await ok(await panel.award("R-1", now), 201)  # as of now it is decided
