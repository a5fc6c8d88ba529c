"""A test on an absent input is unknown, as in DMN and other engines: `not` of unknown is unknown and does not
fire a rule; `any` fires when one branch is true; `exists` is the explicit test for absence. The engine and the
reference evaluator agree (the differential tests check them on random conditions too)."""

from __future__ import annotations

import pytest

from engine import Evaluator
from engine.reference import truth
from tests.engine.one_file_set import one_file_evaluator

RULES = """\
domain: listing
description: Conditions on an optional input.
policies:
  - id: optional_price
    title: Tests on an optional price
    purpose: listing
    hit_policy: collect
    inputs:
      price: {type: money, optional: true}
      category: {type: category}
    outputs: {}
    rules:
      - id: not_expensive
        description: not (price above RMB 10)
        when: {not: {price: {gt: "10.00"}}}
        then: {}
      - id: not_cheap_fruit
        description: price not in a list
        when: {price: {not_in: ["1.00", "2.00"]}}
        then: {}
      - id: cheap_or_fruit
        description: either branch may be true
        when: {any: [{price: {lte: "10.00"}}, {category: fresh_fruit}]}
        then: {}
      - id: no_price
        description: the price is absent
        when: {price: {exists: false}}
        then: {}
    examples:
      - name: a price
        facts: {price: "5.00", category: snacks}
        expect: {fired: [not_expensive, not_cheap_fruit, cheap_or_fruit]}
      - name: no price
        facts: {category: fresh_fruit}
        expect: {fired: [cheap_or_fruit, no_price]}
"""


@pytest.fixture(scope="module")
def evaluator(tmp_path_factory: pytest.TempPathFactory) -> Evaluator:
    return one_file_evaluator(tmp_path_factory.mktemp("three_valued"), RULES)


@pytest.mark.parametrize(("facts", "fired"), [
    ({"price": "5.00", "category": "snacks"}, ["not_expensive", "not_cheap_fruit", "cheap_or_fruit"]),
    ({"category": "fresh_fruit"}, ["cheap_or_fruit", "no_price"]),  # not/not_in on the absent price: unknown
    ({"category": "snacks"}, ["no_price"]),
    ({"price": "50.00", "category": "snacks"}, ["not_cheap_fruit"]),
])
def test_tests_on_an_absent_input_are_unknown(evaluator: Evaluator, facts: dict[str, str], fired: list[str]) -> None:
    assert evaluator.evaluate("optional_price", facts).fired_ids == fired


def test_the_reference_says_unknown_not_false(evaluator: Evaluator) -> None:
    rules = {r.id: r for r in evaluator.policy("optional_price").rules}
    assert truth(rules["not_expensive"].condition, {"category": "snacks"}) is None
    assert truth(rules["no_price"].condition, {"category": "snacks"}) is True
    assert truth(rules["not_expensive"].condition, {"price": 500, "category": "snacks"}) is True
