"""Run every policy's own examples, and find rules that no example exercises (`xiaopu test`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from engine.errors import PolicyError
from engine.evaluator import Evaluator
from engine.fields import FieldSpec, ValueProblem, to_engine, to_human
from engine.model import Example, Policy
from engine.output_ranges import OutputRanges, out_of_range
from engine.policy_values import output_specs


@dataclass
class ExampleResult:
    policy: str
    name: str
    file: str
    line: int
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems


@dataclass
class TestReport:
    results: list[ExampleResult]
    uncovered: list[str]  # `file:line: example_missing: ...` lines

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results) and not self.uncovered


def run_examples(evaluator: Evaluator, ranges: OutputRanges | None = None) -> TestReport:
    """Each example's outputs and fired rules as expected, and, with `ranges`, its outputs inside the ranges
    the service needs (an example that pays more than its line fails, whatever it expects)."""
    results: list[ExampleResult] = []
    uncovered: list[str] = []
    default_as_of = evaluator.policy_set.effective_from or dt.datetime.now(dt.UTC)
    for policy in evaluator.policy_set.policies.values():
        fired_somewhere: set[str] = set()
        failed_somewhere: set[str] = set()
        for ex in policy.examples:
            result = ExampleResult(policy.id, ex.name, policy.file, ex.line)
            results.append(result)
            if ex.facts is None:
                result.problems.append("the example has no facts")
                continue
            try:
                decision = evaluator.evaluate(policy.id, ex.facts, as_of=ex.as_of or default_as_of,
                                              money_ints_are_fen=False)
            except PolicyError as exc:
                result.problems.append(f"evaluation failed: {exc.message}")
                continue
            fired_somewhere.update(decision.fired_ids)
            failed_ids = [r.rule_id for r in decision.not_fired] if policy.hit_policy == "checklist" else []
            failed_somewhere.update(failed_ids)
            result.problems += _compare(policy, ex, decision.outputs, decision.fired_ids, failed_ids)
            result.problems += [why for _, why in out_of_range(policy, (ranges or {}).get(policy.id, {}),
                                                               decision.outputs, decision.facts)]
        for rule in policy.rules:
            if rule.id not in fired_somewhere:
                uncovered.append(f"{policy.file}:{rule.line}:1: example_missing: rule {rule.id!r} of "
                                 f"{policy.id} fires in no example")
            elif policy.hit_policy == "checklist" and rule.id not in failed_somewhere:
                uncovered.append(f"{policy.file}:{rule.line}:1: example_missing: requirement {rule.id!r} of "
                                 f"{policy.id} fails in no example")
    return TestReport(results, uncovered)


def _compare(policy: Policy, ex: Example, outputs: dict[str, Any], fired: list[str], failed: list[str]
             ) -> list[str]:
    problems = []
    specs = output_specs(policy)
    for name, raw in ex.expect_outputs.items():
        spec = specs[name]
        try:
            want = _expected_value(spec, raw)
        except ValueProblem as exc:
            problems.append(f"expected {name}: {exc}")
            continue
        got = outputs.get(name)
        if got != want:
            shown = to_human(spec.type, got) if got is not None else "(none)"
            problems.append(f"{name}: expected {to_human(spec.type, want)}, got {shown}")
    if ex.expect_fired is not None and list(ex.expect_fired) != fired:
        problems.append(f"fired: expected {list(ex.expect_fired)}, got {fired}")
    if ex.expect_failed is not None and sorted(ex.expect_failed) != sorted(failed):
        problems.append(f"failed: expected {sorted(ex.expect_failed)}, got {sorted(failed)}")
    return problems


def _expected_value(spec: FieldSpec, raw: Any) -> Any:
    return to_engine(spec, raw, categories=frozenset([raw]) if isinstance(raw, str) else frozenset(),
                     money_ints_are_fen=False, rate_ints_are_bp=False)
