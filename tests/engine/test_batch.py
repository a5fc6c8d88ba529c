"""Batch evaluation gives exactly the answers of one evaluation per input, with far fewer engine calls."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest

from engine import Evaluator
from engine.batch import BatchEvaluator
from tests.engine.one_file_set import one_file_evaluator
from tests.engine.test_invalid_policies import MANIFEST

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


def same_as_single(evaluator: Evaluator, policy_id: str, inputs: list[dict[str, Any]]) -> BatchEvaluator:
    batch = BatchEvaluator(evaluator, policy_id, AS_OF)
    for facts in inputs:
        single = evaluator.evaluate(policy_id, facts, as_of=AS_OF)
        assert batch.decide(facts) == (single.fired_ids, single.outputs), facts
    return batch


def test_collect_and_checklist_policies_equal_single_evaluations(evaluator: Evaluator) -> None:
    rnd = random.Random(4)
    categories = sorted(evaluator.policy_set.taxonomy.categories)
    wanted = [{"category": rnd.choice(categories), "gross_margin_bp": rnd.randint(0, 10_000),
               "brand_recognized": rnd.random() < 0.5, "price": rnd.randint(0, 30_000),
               **({"repurchase_cycle_days": rnd.randint(0, 90)} if rnd.random() < 0.7 else {})} for _ in range(800)]
    assert same_as_single(evaluator, "wanted_goods", wanted).engine_calls < 100  # kinds of input, not inputs
    parity = [{"price": rnd.randint(1, 5_000), "commission_rate_bp": rnd.randint(0, 3_000),
               "lowest_other_price": rnd.randint(1, 5_000),
               **({"taoke_commission_rate_bp": rnd.randint(0, 3_000)} if rnd.random() < 0.6 else {})}
              for _ in range(500)]
    same_as_single(evaluator, "listing_parity", parity)


def test_a_unique_table_and_datetime_inputs_equal_single_evaluations(evaluator: Evaluator) -> None:
    rnd = random.Random(5)
    steps = evaluator.policy("after_sales_deadlines").inputs["step"].values
    same_as_single(evaluator, "after_sales_deadlines", [{"step": s} for s in steps])
    start = int(dt.datetime(2026, 12, 7, tzinfo=dt.UTC).timestamp())
    categories = sorted(evaluator.policy_set.taxonomy.categories)
    rewards = [{"paid_at": dt.datetime.fromtimestamp(start + rnd.randint(-3, 8) * 86_400, dt.UTC).isoformat(),
                "window_start": "2026-12-07T00:00:00+08:00", "window_end": "2026-12-13T00:00:00+08:00",
                "category": rnd.choice(categories), "line_amount": rnd.randint(0, 50_000),
                "attributed": rnd.random() < 0.8, "self_purchase": rnd.random() < 0.1} for _ in range(600)]
    same_as_single(evaluator, "share_to_earn_reward", rewards)


DATED = """\
domain: listing
description: Listings by the date they were first sold.
policies:
  - id: early_listing
    title: Listings sold before the season
    purpose: listing
    hit_policy: first
    inputs:
      first_sold_on: {type: date}
      grade: {type: text}
    outputs:
      early: {type: boolean}
    rules:
      - id: before_the_season
        description: First sold before 1 December.
        when: {first_sold_on: {lt: 2026-12-01}, grade: {in: [A, B]}}
        then: {early: true}
    default: {early: false}
    examples:
      - name: an early listing
        facts: {first_sold_on: 2026-11-20, grade: A}
        expect: {outputs: {early: true}, fired: [before_the_season]}
"""


def test_date_inputs_and_an_empty_taxonomy(tmp_path: Path) -> None:
    manifest = MANIFEST[:MANIFEST.index("taxonomy:")] + "taxonomy: {}\nfiles: [rules/case.yaml]\n"
    evaluator = one_file_evaluator(tmp_path, DATED, manifest)
    assert evaluator.policy_set.taxonomy.categories == frozenset()
    inputs = [{"first_sold_on": (dt.date(2026, 11, 25) + dt.timedelta(days=d)).isoformat(), "grade": g}
              for d in range(12) for g in ("A", "C")]
    batch = same_as_single(evaluator, "early_listing", inputs)
    assert batch.decide({"first_sold_on": "2026-11-30", "grade": "B"}) == (["before_the_season"], {"early": True})
