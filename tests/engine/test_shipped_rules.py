"""The shipped policy set encodes the facts and test vectors of the domain, each as an example."""

from __future__ import annotations

import datetime as dt

import pytest

from engine import Evaluator, FactError, PolicySet
from engine.examples import run_examples
from engine.outputs import apply_rate

AS_OF = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)


def test_every_example_passes_and_every_rule_is_exercised(evaluator: Evaluator) -> None:
    report = run_examples(evaluator)
    failures = [(r.policy, r.name, r.problems) for r in report.results if not r.passed]
    assert failures == []
    assert report.uncovered == []
    assert len(report.results) >= 60


def test_policy_set_names_its_version_and_hash(policy_set: PolicySet) -> None:
    assert policy_set.version == "2026.11.0"
    assert len(policy_set.content_hash) == 64
    assert policy_set.label == f"2026.11.0+{policy_set.content_hash[:12]}"


@pytest.mark.parametrize(("amount", "rate", "fen"), [
    pytest.param(2890, 1799, 520, id="apples-519.9-rounds-up"),
    pytest.param(1000, 1234, 123, id="123.4-rounds-down"),
    pytest.param(1000, 1235, 124, id="123.5-rounds-half-up"),
    pytest.param(-2890, 1799, -520, id="refund-mirrors-the-line"),
    pytest.param(0, 1799, 0, id="zero"),
])
def test_rate_of_amount_rounds_half_up_to_the_fen(amount: int, rate: int, fen: int) -> None:
    assert apply_rate(amount, rate) == fen


def test_apples_commission_is_5_20(evaluator: Evaluator) -> None:
    decision = evaluator.evaluate("commission", {"category": "fresh_fruit", "price": 2890, "quantity": 1},
                                  as_of=AS_OF)
    assert decision.outputs["commission"] == 520
    assert decision.to_dict()["outputs"]["commission"] == "5.20"
    assert decision.fired_ids == ["fresh_fruit_rate"]
    assert decision.version == evaluator.policy_set.label


def test_four_core_groups_are_the_core_of_the_taxonomy(policy_set: PolicySet) -> None:
    assert set(policy_set.taxonomy.core_groups) == {
        "beauty_personal_care", "food_health", "maternal_infant_home", "clothing_sports"}


@pytest.mark.parametrize(("count", "tier", "limit"), [
    pytest.param(4, "trial", 30, id="4-transactions-trial"),
    pytest.param(5, "L1", 10000, id="5-transactions-L1"),
])
def test_trial_to_l1_after_five_transactions(evaluator: Evaluator, count: int, tier: str, limit: int) -> None:
    d = evaluator.evaluate("seller_tier", {"current_tier": "trial", "qualifying_transactions": count,
                                           "distinct_buyers": count}, as_of=AS_OF)
    assert (d.outputs["tier"], d.outputs["shelf_limit"]) == (tier, limit)
    shelf = evaluator.evaluate("shelf_admission", {"shelf_count": 30, "shelf_limit": limit}, as_of=AS_OF)
    assert shelf.outputs["passed"] is (tier == "L1")


def test_near_miss_says_how_far_the_threshold_is(evaluator: Evaluator) -> None:
    d = evaluator.evaluate("seller_tier", {"current_tier": "trial", "qualifying_transactions": 2,
                                           "distinct_buyers": 2}, as_of=AS_OF, explain=True)
    promote = next(r for r in d.not_fired if r.rule_id == "promote_to_l1")
    failed = [c for c in promote.checks if not c.passed]
    assert [(c.field, c.gap) for c in failed] == [("qualifying_transactions", "short by 3")]
    assert "short by 3" in d.to_text()


def test_money_threshold_gap_is_in_yuan(evaluator: Evaluator) -> None:
    facts = {"uscc": "91330100MA2AXXXX07", "uscc_check_character_valid": True,
             "entity_kind": "brand", "registered_capital": "999999.99",
             "taxpayer_type": "general", "deposit_paid": "10000.00", "has_brand_authorization": False,
             "vouchers_traceable": True, "categories_outside_core": 0}
    d = evaluator.evaluate("supplier_entry", facts, as_of=AS_OF, money_ints_are_fen=False)
    capital = next(r for r in d.not_fired if r.rule_id == "registered_capital_min")
    assert capital.checks[0].gap == "short by RMB 0.01"
    assert d.outputs == {"passed": False}


def test_campaign_cap_is_100_million(evaluator: Evaluator) -> None:
    d = evaluator.evaluate("campaign_terms", {}, as_of=AS_OF)
    assert d.to_dict()["outputs"]["budget_cap"] == "100000000.00"


def test_no_rule_matched_is_an_explained_outcome(evaluator: Evaluator) -> None:
    d = evaluator.evaluate("maker_badge", {"panel_score": 10, "panel_size": 5, "dispute_rate_bp": 0},
                           as_of=AS_OF, explain=True)
    assert d.matched is False
    assert d.outputs["badge"] == "none"
    assert {r.rule_id for r in d.not_fired} == {r.id for r in evaluator.policy("maker_badge").rules}
    assert "no rule matched" in d.to_text()


@pytest.mark.parametrize(("paid_at", "window_end", "earns"), [
    pytest.param("2026-12-06T23:59:59+08:00", "2026-12-13T00:00:00+08:00", False, id="before-the-start"),
    pytest.param("2026-12-07T00:00:00+08:00", "2026-12-13T00:00:00+08:00", True, id="at-the-start"),
    pytest.param("2026-12-12T23:59:59+08:00", "2026-12-13T00:00:00+08:00", True, id="last-second"),
    pytest.param("2026-12-13T00:00:00+08:00", "2026-12-13T00:00:00+08:00", False, id="at-the-exclusive-end"),
    pytest.param("2026-12-13T00:00:00+08:00", "2026-12-14T00:00:00+08:00", True, id="end-moved-a-day-later"),
    pytest.param("2026-12-13T23:59:59+08:00", "2026-12-14T00:00:00+08:00", True, id="moved-last-second"),
    pytest.param("2026-12-14T00:00:00+08:00", "2026-12-14T00:00:00+08:00", False, id="moved-exclusive-end"),
])
def test_the_reward_window_is_the_one_given_by_the_terms(evaluator: Evaluator, paid_at: str, window_end: str,
                                                         earns: bool) -> None:
    """share_to_earn_reward states no dates: the window comes in as facts (from campaign_terms), compared in the
    engine field to field."""
    facts = {"window_start": "2026-12-07T00:00:00+08:00", "window_end": window_end, "paid_at": paid_at,
             "category": "fresh_fruit", "line_amount": "28.90", "attributed": True, "self_purchase": False}
    d = evaluator.evaluate("share_to_earn_reward", facts, as_of=AS_OF, money_ints_are_fen=False)
    assert d.outputs["eligible"] is earns
    assert (d.fired_ids == ["outside_campaign_window"]) is not earns


@pytest.mark.parametrize("missing", ["window_start", "window_end"])
def test_the_reward_needs_the_window(evaluator: Evaluator, missing: str) -> None:
    """The window is required: an absent field would otherwise make the refusal silently not apply."""
    facts = {"window_start": "2026-12-07T00:00:00+08:00", "window_end": "2026-12-13T00:00:00+08:00",
             "paid_at": "2026-12-20T10:00:00+08:00", "category": "fresh_fruit", "line_amount": "28.90",
             "attributed": True, "self_purchase": False}
    del facts[missing]
    with pytest.raises(FactError) as raised:
        evaluator.evaluate("share_to_earn_reward", facts, as_of=AS_OF, money_ints_are_fen=False)
    assert (missing, "is required") in raised.value.problems
