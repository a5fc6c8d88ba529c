"""DMN's `any` hit policy: several rows may match one input as long as they give the same outputs; rows
that match together with different outputs are an error for that input (like an overlap in a unique
table) and a lint finding with the input that shows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import EvaluationError
from engine.batch import BatchEvaluator
from engine.lint import lint
from engine.reference import fired_rules
from tests.engine.one_file_set import one_file_evaluator


def rules(second_outcome: str) -> str:
    return f"""\
domain: listing
description: Which listings go to a person.
policies:
  - id: listing_review
    title: Listings a person reviews
    purpose: listing
    hit_policy: any
    inputs:
      price: {{type: money}}
      commission_rate_bp: {{type: rate}}
    outputs:
      outcome: {{type: enum, values: [review, accept]}}
    rules:
      - id: review_expensive
        description: From RMB 1,000 a person looks.
        when: {{price: {{gte: "1000.00"}}}}
        then: {{outcome: review}}
      - id: review_low_commission
        description: Below 5% commission a person looks.
        when: {{commission_rate_bp: {{lt: "5%"}}}}
        then: {{outcome: {second_outcome}}}
    default: {{outcome: accept}}
    examples:
      - name: an ordinary listing
        facts: {{price: "28.90", commission_rate_bp: "17.99%"}}
        expect: {{outputs: {{outcome: accept}}, fired: []}}
      - name: an expensive one
        facts: {{price: "1200.00", commission_rate_bp: "17.99%"}}
        expect: {{outputs: {{outcome: review}}, fired: [review_expensive]}}
      - name: a low commission
        facts: {{price: "28.90", commission_rate_bp: "3%"}}
        expect: {{outputs: {{outcome: {second_outcome}}}, fired: [review_low_commission]}}
"""


BOTH = {"price": "1200.00", "commission_rate_bp": 300}


def test_rows_that_agree_may_match_together(tmp_path: Path) -> None:
    evaluator = one_file_evaluator(tmp_path, rules("review"))
    decision = evaluator.evaluate("listing_review", BOTH, money_ints_are_fen=False)
    assert decision.outputs == {"outcome": "review"}
    assert decision.fired_ids == ["review_expensive", "review_low_commission"]
    policy = evaluator.policy("listing_review")
    assert fired_rules(policy, evaluator.facts("listing_review", BOTH, money_ints_are_fen=False)) == decision.fired_ids
    assert lint(evaluator.policy_set) == []


def test_rows_that_disagree_are_an_error_for_that_input_and_a_lint_finding(tmp_path: Path) -> None:
    evaluator = one_file_evaluator(tmp_path, rules("accept"))
    assert evaluator.evaluate("listing_review", {"price": "28.90", "commission_rate_bp": 300},
                              money_ints_are_fen=False).outputs == {"outcome": "accept"}
    with pytest.raises(EvaluationError) as caught:
        evaluator.evaluate("listing_review", BOTH, money_ints_are_fen=False)
    assert caught.value.code == "any_violation"
    assert "review_expensive, review_low_commission" in caught.value.message
    [finding] = lint(evaluator.policy_set)
    assert finding.code == "lint_overlap" and finding.line == 18  # the second row
    assert "any table and give different outputs" in finding.message
    assert finding.example == {"commission_rate_bp": "0%", "price": "1000.00"}


def test_the_batch_evaluator_answers_an_any_table_as_one_evaluation_does(tmp_path: Path) -> None:
    evaluator = one_file_evaluator(tmp_path, rules("accept"))
    batch = BatchEvaluator(evaluator, "listing_review", evaluator.policy_set.effective_from)
    assert batch.decide({"price": 120000, "commission_rate_bp": 1799}) == (["review_expensive"], {"outcome": "review"})
    with pytest.raises(EvaluationError, match="different outputs"):
        batch.decide({"price": 120000, "commission_rate_bp": 300})
