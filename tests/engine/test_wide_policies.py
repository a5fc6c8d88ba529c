"""A policy many of whose rules match one input at once: the engine refuses a message that more than 64 rule
instances match (error 303, measured in post and assert mode alike), so the rules are registered in parts of
bounded width and the parts' answers combined. Every hit policy gives the reference evaluator's answer for
150 rules that all match (a condition too wide for any part is refused with its line:
tests/engine/invalid/condition_too_wide.yaml)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from engine.compiler import PART_WIDTH
from engine.hit_policies import decided_outputs
from engine.reference import fired_rules
from tests.engine.one_file_set import one_file_evaluator

RULES = 150


def ladder(hit_policy: str) -> str:
    """Rule i: price above i yuan -> step i (rules in reverse priority for the priority table)."""
    rules = "".join(f"""      - id: above_{i}
        description: Above RMB {i}.
        when: {{any: [{{price: {{gt: "{i}.00"}}}}, {{code: {{matches: "[A-Z]{{2}}{i % 10}"}}}}]}}
        then: {{step: {i}}}
""" + (f"        priority: {RULES - i}\n" if hit_policy == "priority" else "") for i in range(RULES))
    return f"""\
domain: listing
description: A price ladder.
policies:
  - id: ladder
    title: A price ladder
    purpose: listing
    hit_policy: {hit_policy}
    inputs:
      price: {{type: money}}
      code: {{type: text}}
    outputs:
      step: {{type: integer}}
""" + ("    aggregate: {step: max}\n" if hit_policy == "collect" else "") + f"""    gaps_allowed: true
    rules:
{rules}    examples:
      - name: a price above every step
        facts: {{price: "1000.00", code: "x"}}
        expect: {{outputs: {{step: {0 if hit_policy == "first" else RULES - 1}}}}}
"""


@pytest.mark.parametrize("hit_policy", ["first", "priority", "collect"])
def test_every_rule_matching_one_input_is_answered_as_the_reference_does(tmp_path: Path, hit_policy: str) -> None:
    evaluator = one_file_evaluator(tmp_path, ladder(hit_policy))
    assert len(evaluator.names["ladder"]) == 300 // PART_WIDTH  # 150 rules, each 2 wide
    policy = evaluator.policy("ladder")
    rnd = random.Random(11)
    inputs = [{"price": 100_000, "code": "AB0"}] + [
        {"price": rnd.randint(0, 20_000), "code": rnd.choice(["AB3", "x", "ZZ9"])} for _ in range(60)]
    for facts in inputs:
        decision = evaluator.evaluate("ladder", facts)
        values = evaluator.facts("ladder", facts)
        fired = fired_rules(policy, values)
        want = decided_outputs(policy, fired, values)
        assert (decision.fired_ids, decision.outputs) == (fired, want), facts
    everything = evaluator.evaluate("ladder", {"price": 100_000, "code": "AB0"})
    assert len(everything.fired_ids) == (RULES if hit_policy == "collect" else 1)

