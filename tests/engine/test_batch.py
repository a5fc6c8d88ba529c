"""Batch evaluation gives exactly the answers of one evaluation per input, with far fewer engine calls."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from engine import Evaluator
from engine.batch import BatchEvaluator

AS_OF = dt.datetime(2026, 12, 8, tzinfo=dt.UTC)


def random_commission_facts(rnd: random.Random, categories: list[str]) -> dict[str, Any]:
    facts: dict[str, Any] = {"category": rnd.choice(categories), "price": rnd.randint(1, 900_000),
                             "quantity": rnd.randint(1, 9), "seller_tier": rnd.choice(["trial", "L1"])}
    roll = rnd.random()
    if roll < 0.15:
        facts["supplier_amount"] = rnd.randint(0, 9_000)
    if 0.1 < roll < 0.35:
        facts["supplier_rate_bp"] = rnd.randint(0, 10_000)
    if rnd.random() < 0.2:
        facts["refunded_amount"] = rnd.randint(0, facts["price"])
    return facts


@pytest.mark.parametrize("seed", [1, 2])
def test_batch_commission_equals_one_evaluation_per_order(evaluator: Evaluator, seed: int) -> None:
    rnd = random.Random(seed)
    categories = sorted(evaluator.policy_set.taxonomy.categories)
    batch = BatchEvaluator(evaluator, "commission", AS_OF)
    for _ in range(3000):
        facts = random_commission_facts(rnd, categories)
        single = evaluator.evaluate("commission", facts, as_of=AS_OF)
        assert batch.decide(facts) == (single.fired_ids, single.outputs), facts
    assert batch.engine_calls < 100  # ~ categories x supplier-commission presence, not 3,000


def test_batch_badge_thresholds_equal_single_evaluations(evaluator: Evaluator) -> None:
    rnd = random.Random(3)
    batch = BatchEvaluator(evaluator, "maker_badge", AS_OF)
    for _ in range(2000):
        facts = {"panel_score": rnd.randint(0, 100), "panel_size": rnd.randint(0, 6),
                 "dispute_rate_bp": rnd.randint(0, 400)}
        single = evaluator.evaluate("maker_badge", facts, as_of=AS_OF)
        assert batch.decide(facts) == (single.fired_ids, single.outputs), facts


def test_collect_policies_are_refused(evaluator: Evaluator) -> None:
    with pytest.raises(ValueError):
        BatchEvaluator(evaluator, "wanted_goods", AS_OF)
