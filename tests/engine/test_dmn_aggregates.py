"""Collect aggregation as DMN 1.4 defines it (C#, C+, C<, C>), checked through the engine: count of any type,
sum of numbers only and no value when nothing matched, min/max over text, and a default for no match."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import Evaluator, PolicySetInvalid
from tests.engine.one_file_set import one_file_evaluator

RULES = """\
domain: listing
description: Signals of a product.
policies:
  - id: signals
    title: Product signals
    purpose: listing
    hit_policy: collect
    inputs:
      price: {{type: money}}
      repeat_days: {{type: integer}}
    outputs:
      signal: {{type: text}}
      points: {{type: integer}}
      bonus: {{type: money}}
    aggregate: {{{aggregate}}}
{default}    rules:
      - id: cheap
        description: At most RMB 50.
        when: {{price: {{lte: "50.00"}}}}
        then: {{signal: low price, points: 2, bonus: "1.50"}}
      - id: frequent
        description: Bought again within 30 days.
        when: {{repeat_days: {{lte: 30}}}}
        then: {{signal: frequent repurchase, points: 3}}
    examples:
      - name: both
        facts: {{price: "28.90", repeat_days: 7}}
        expect: {{fired: [cheap, frequent]}}
      - name: only frequent
        facts: {{price: "99.00", repeat_days: 7}}
        expect: {{fired: [frequent]}}
"""


def signals(tmp_path: Path, aggregate: str, default: str = "") -> Evaluator:
    text = RULES.format(aggregate=aggregate, default=f"    default: {default}\n" if default else "")
    return one_file_evaluator(tmp_path, text)


def outputs(ev: Evaluator, price: str, repeat_days: int) -> dict[str, object]:
    return dict(ev.evaluate("signals", {"price": price, "repeat_days": repeat_days}).outputs)


def test_count_counts_text_outputs_and_sum_adds_numbers(tmp_path: Path) -> None:
    ev = signals(tmp_path, "signal: count, points: sum, bonus: sum")
    assert outputs(ev, "28.90", 7) == {"signal": 2, "points": 5, "bonus": 150}  # bonus in fen: one rule gives it
    assert outputs(ev, "99.00", 7) == {"signal": 1, "points": 3}  # no bonus given: no value, not 0


def test_a_sum_over_no_match_has_no_value_and_count_is_zero(tmp_path: Path) -> None:
    ev = signals(tmp_path, "signal: count, points: sum")
    assert outputs(ev, "99.00", 90) == {"signal": 0}


def test_min_and_max_order_text(tmp_path: Path) -> None:
    ev = signals(tmp_path, "signal: min, points: max")
    assert outputs(ev, "28.90", 7) == {"signal": "frequent repurchase", "points": 3}


def test_a_collect_default_answers_when_nothing_matched(tmp_path: Path) -> None:
    ev = signals(tmp_path, "points: sum", default="{points: 0, signal: none}")
    assert outputs(ev, "99.00", 90) == {"points": 0, "signal": "none"}
    assert outputs(ev, "28.90", 7) == {"points": 5}


@pytest.mark.parametrize(("aggregate", "says"), [("signal: sum", "sum takes integer, money, rate; signal is text")])
def test_an_aggregate_its_type_cannot_take_is_refused(tmp_path: Path, aggregate: str, says: str) -> None:
    with pytest.raises(PolicySetInvalid) as refused:
        signals(tmp_path, aggregate)
    assert any(d.code == "invalid_aggregate" and says in d.message for d in refused.value.diagnostics), \
        refused.value.diagnostics
