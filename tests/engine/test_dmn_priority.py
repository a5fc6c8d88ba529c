"""A priority policy whose rules state no priority ranks them as DMN does: by the order of the values of its
(first enum) output, whatever order the rules are written in; explicit priorities still rank as written."""

from __future__ import annotations

import pytest

from engine import Evaluator
from engine.reference import fired_rules
from tests.engine.one_file_set import one_file_evaluator

RULES = """\
domain: listing
description: What happens to a listing.
policies:
  - id: listing_outcome
    title: The outcome of a listing check
    purpose: listing
    hit_policy: priority
    inputs:
      price: {type: money}
      commission_rate_bp: {type: rate}
    outputs:
      outcome: {type: enum, values: [refuse, review, accept]}
    rules:
      - id: accept_anything
        description: Anything else is accepted.
        then: {outcome: accept}
      - id: review_low_commission
        description: Below 5% commission goes to a person.
        when: {commission_rate_bp: {lt: "5%"}}
        then: {outcome: review}
      - id: refuse_free
        description: A price of zero is refused.
        when: {price: {lte: "0.00"}}
        then: {outcome: refuse}
    examples:
      - name: a good listing
        facts: {price: "28.90", commission_rate_bp: "17.99%"}
        expect: {outputs: {outcome: accept}, fired: [accept_anything]}
      - name: low commission
        facts: {price: "28.90", commission_rate_bp: "3%"}
        expect: {outputs: {outcome: review}, fired: [review_low_commission]}
      - name: free and low commission
        facts: {price: "0.00", commission_rate_bp: "3%"}
        expect: {outputs: {outcome: refuse}, fired: [refuse_free]}
"""


@pytest.fixture(scope="module")
def evaluator(tmp_path_factory: pytest.TempPathFactory) -> Evaluator:
    return one_file_evaluator(tmp_path_factory.mktemp("dmn_priority"), RULES)


@pytest.mark.parametrize(("facts", "outcome"), [
    ({"price": "28.90", "commission_rate_bp": "17.99%"}, "accept"),
    ({"price": "28.90", "commission_rate_bp": "3%"}, "review"),
    ({"price": "0.00", "commission_rate_bp": "3%"}, "refuse"),  # all three match: refuse comes first in values
])
def test_the_earliest_output_value_wins(evaluator: Evaluator, facts: dict[str, str], outcome: str) -> None:
    decision = evaluator.evaluate("listing_outcome", facts)
    assert decision.outputs["outcome"] == outcome
    policy = evaluator.policy("listing_outcome")
    assert fired_rules(policy, evaluator.facts("listing_outcome", facts)) == decision.fired_ids


def test_ranks_follow_the_values_not_the_writing_order(evaluator: Evaluator) -> None:
    ranks = {r.id: r.priority for r in evaluator.policy("listing_outcome").rules}
    assert ranks == {"refuse_free": 1, "review_low_commission": 2, "accept_anything": 3}
