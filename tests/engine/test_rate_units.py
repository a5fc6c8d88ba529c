"""Rates in policy files carry their unit: '16%' or '1600bp' mean the same; a bare 16 (16% or 0.16%?) is refused
with the line, while the API and stored decisions keep integer basis points."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import Evaluator, PolicySetInvalid
from engine.examples import run_examples
from engine.fields import FieldSpec, UnitMissing, ValueProblem, to_engine
from engine.loader import load_policy_bundle, load_policy_set, policy_bundle
from tests.engine.one_file_set import one_file_evaluator
from workflows.policies.soundness import PolicyRejected, checked_policy_set

RATE = FieldSpec("rate_bp", "rate")
ROOT = Path(__file__).resolve().parents[2]
FRUIT = 'then: {rate_bp: "17.99%", commission: {rate: "17.99%", of: line_amount}, basis: program_rate}'


def rules(rate: str, example_rate: str = '"16%"') -> str:
    return f"""\
domain: commission
description: Commission per order line.
policies:
  - id: commission
    title: Commission per order line
    purpose: reward
    hit_policy: first
    inputs:
      category: {{type: category}}
      price: {{type: money}}
    outputs:
      rate_bp: {{type: rate}}
      commission: {{type: money}}
    rules:
      - id: fresh_fruit_rate
        description: Fresh fruit earns 16%.
        when: {{category: fresh_fruit}}
        then: {{rate_bp: {rate}, commission: {{rate: {rate}, of: price}}}}
    default: {{rate_bp: "5%", commission: {{rate: "500bp", of: price}}}}
    examples:
      - name: apples
        facts: {{category: fresh_fruit, price: "28.90"}}
        expect: {{outputs: {{rate_bp: {example_rate}, commission: "4.62"}}, fired: [fresh_fruit_rate]}}
"""


@pytest.mark.parametrize("written", ['"16%"', '"1600bp"', '"16.00%"', '"1600 bp"'])
def test_a_rate_written_with_its_unit_means_basis_points(tmp_path: Path, written: str) -> None:
    evaluator = one_file_evaluator(tmp_path, rules(written))
    decision = evaluator.evaluate("commission", {"category": "fresh_fruit", "price": "28.90"},
                                  money_ints_are_fen=False)
    assert decision.outputs == {"rate_bp": 1600, "commission": 462}


def test_a_bare_rate_in_a_rule_is_refused_with_its_line_and_both_readings(tmp_path: Path) -> None:
    with pytest.raises(PolicySetInvalid) as caught:
        one_file_evaluator(tmp_path, rules("16"))
    shown = [str(d) for d in caught.value.diagnostics]
    assert any(s.startswith("rules/case.yaml:18:") and "rate_without_unit" in s and "'16%' or '16bp'" in s
               for s in shown), shown


def test_a_bare_rate_expected_by_an_example_fails_the_example(tmp_path: Path) -> None:
    report = run_examples(one_file_evaluator(tmp_path, rules('"16%"', example_rate="1600")))
    assert not report.passed
    assert report.results[0].problems == ["expected rate_bp: 1600 has no unit; write '1600bp' (that is 16%): "
                                          "a bare number could mean either"]


def test_callers_inside_the_product_still_give_basis_points() -> None:
    assert to_engine(RATE, 1600, categories=frozenset(), money_ints_are_fen=True) == 1600
    with pytest.raises(UnitMissing):
        to_engine(RATE, 1600, categories=frozenset(), money_ints_are_fen=False, rate_ints_are_bp=False)
    with pytest.raises(ValueProblem, match="outside 0%..100%"):
        to_engine(RATE, "10001bp", categories=frozenset(), money_ints_are_fen=False, rate_ints_are_bp=False)


def test_a_version_stored_before_units_were_required_still_loads_but_cannot_be_published_again() -> None:
    """An upgrade must not break the version in force: stored texts with bare basis points read as they were
    published; the same texts as a new candidate are refused with the line."""
    files = policy_bundle(load_policy_set(ROOT))
    text = files["rules/commission.yaml"]
    assert FRUIT in text
    files["rules/commission.yaml"] = text.replace(FRUIT, FRUIT.replace('"17.99%"', "1799"))
    stored = Evaluator(load_policy_bundle(files))
    decision = stored.evaluate("commission", {"category": "fresh_fruit", "price": "28.90", "quantity": 1},
                               money_ints_are_fen=False)
    assert decision.outputs["rate_bp"] == 1799 and decision.outputs["commission"] == 520
    with pytest.raises(PolicyRejected) as caught:
        checked_policy_set(files)
    assert any(": rate_without_unit: " in p for p in caught.value.extra["problems"])


def test_the_same_texts_are_loaded_once_and_a_stored_reading_never_answers_for_a_candidate() -> None:
    """Loaded sets are kept by their texts: the same texts give the same set, any change another; whether bare
    basis points are read (a stored version) or refused (a candidate) is part of what is kept."""
    files = policy_bundle(load_policy_set(ROOT))
    assert load_policy_bundle(dict(files)) is load_policy_bundle(dict(files))
    edited = {**files, "rules/commission.yaml": files["rules/commission.yaml"].replace(FRUIT, FRUIT.replace(
        '"17.99%"', "1799"))}
    stored = load_policy_bundle(edited)
    assert stored is not load_policy_bundle(files) and stored.content_hash != load_policy_bundle(files).content_hash
    assert load_policy_bundle(edited) is stored
    with pytest.raises(PolicySetInvalid, match="rate_without_unit"):
        load_policy_bundle(edited, candidate=True)
