"""Policy lint: overlapping rows in `unique` tables, gaps (inputs no rule answers and no default covers),
rules that can never fire, each shown with a concrete input.

Every condition compares fields with literals (or with each other), so the truth of each test can only
change at a literal. Trying each field's literals, their neighbours and the values beyond them covers
every combination of test outcomes: for integer-valued fields the search is exhaustive, not sampled.
When the combinations exceed a budget the search samples them and says so.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from typing import Any

from engine.conditions import Compare, Exists, FieldRef, OneOf, fields_read, leaves
from engine.fields import EngineValue, FieldSpec, to_human
from engine.model import Policy, PolicySet, Rule
from engine.reference import holds

BUDGET = 200_000
ABSENT = object()


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    code: str  # lint_overlap | lint_gap | lint_never_fires
    message: str
    example: dict[str, str]

    def __str__(self) -> str:
        shown = ", ".join(f"{k}={v}" for k, v in self.example.items())
        return f"{self.file}:{self.line}:1: {self.code}: {self.message}" + (f" (e.g. {shown})" if shown else "")


def _candidates(policy: Policy, spec: FieldSpec, categories: frozenset[str]) -> list[Any]:
    if spec.type == "boolean":
        values: list[Any] = [True, False]
    elif spec.type == "enum":
        values = list(spec.values)
    elif spec.type == "category":
        used = _named(policy, spec.name)
        values = sorted(used) + sorted(categories - used)[:1]  # every named category, and one no rule names
    elif spec.type == "text":  # every value a rule names (eq, ne, in, not_in), and some no rule names
        values = sorted(_named(policy, spec.name) | {"", "91330100MA2AXXXX07", "x"})
    else:
        literals = {int(leaf.value) for leaf in _leaves(policy) if isinstance(leaf, Compare)
                    and leaf.field == spec.name and isinstance(leaf.value, int) and not isinstance(leaf.value, bool)}
        values = sorted({v + d for v in literals for d in (-1, 0, 1)} | {0}) if literals else [0, 1]
    optional = spec.optional or any(isinstance(leaf, Exists) and leaf.field == spec.name for leaf in _leaves(policy))
    return values + ([ABSENT] if optional else [])


def _named(policy: Policy, field: str) -> set[str]:
    """The text values the policy's tests on `field` name: compared with, or listed in `in`/`not_in`."""
    return {v for leaf in _leaves(policy) if isinstance(leaf, OneOf | Compare) and leaf.field == field
            for v in (leaf.values if isinstance(leaf, OneOf) else [leaf.value]) if isinstance(v, str)}


def _leaves(policy: Policy) -> list[Any]:
    return [leaf for rule in policy.rules for leaf in leaves(rule.condition)]


def _points(policy: Policy, categories: frozenset[str]) -> tuple[list[dict[str, EngineValue]], bool]:
    read = sorted(set().union(*(fields_read(r.condition) for r in policy.rules)) - {"as_of"})
    for leaf in _leaves(policy):  # a field compared with another needs the other's values too
        if isinstance(leaf, Compare) and isinstance(leaf.value, FieldRef) and leaf.value.name not in read:
            read.append(leaf.value.name)
    specs = [policy.inputs[f] for f in read if f in policy.inputs]
    axes = [_candidates(policy, s, categories) for s in specs]
    total = 1
    for axis in axes:
        total *= len(axis)
    combos = itertools.product(*axes) if total <= BUDGET else (
        tuple(random.Random(7).choice(axis) for axis in axes) for _ in range(BUDGET))
    points = [{s.name: v for s, v in zip(specs, combo, strict=True) if v is not ABSENT} for combo in combos]
    return points, total > BUDGET


def _show(policy: Policy, point: dict[str, EngineValue]) -> dict[str, str]:
    return {k: to_human(policy.inputs[k].type, v) for k, v in sorted(point.items())}


def lint_policy(policy: Policy, categories: frozenset[str]) -> list[Finding]:
    points, sampled = _points(policy, categories)
    findings: list[Finding] = []
    fired_somewhere: set[str] = set()
    overlaps: set[tuple[str, str]] = set()
    gap = None
    for point in points:
        matching = [r for r in policy.rules if holds(r.condition, point)]
        fired_somewhere.update(r.id for r in matching)
        if policy.hit_policy == "unique" and len(matching) > 1:
            pair = (matching[0].id, matching[1].id)
            if pair not in overlaps:
                overlaps.add(pair)
                findings.append(Finding(policy.file, policy.rule(pair[1]).line, "lint_overlap",
                                        f"{policy.id}: rows {pair[0]!r} and {pair[1]!r} both match one input in a "
                                        "unique table", _show(policy, point)))
        if not matching and not policy.default and not policy.gaps_allowed and gap is None \
                and policy.hit_policy in ("first", "unique", "priority"):
            gap = point
    if gap is not None:
        findings.append(Finding(policy.file, policy.line, "lint_gap",
                                f"{policy.id}: no rule answers this input and there is no default", _show(policy, gap)))
    for rule in policy.rules:
        if rule.id not in fired_somewhere:
            findings.append(Finding(policy.file, rule.line, "lint_never_fires",
                                    f"{policy.id}: rule {rule.id!r} matches no input"
                                    + (" among the sampled ones" if sampled else ""), {}))
        elif policy.hit_policy == "first" and not any(_wins(policy, rule, p) for p in points):
            shadows, example = _shadowing(policy, rule, points)
            findings.append(Finding(policy.file, rule.line, "lint_never_fires",
                                    f"{policy.id}: rule {rule.id!r} is always preceded by "
                                    f"{' or '.join(repr(s) for s in shadows)}", _show(policy, example)))
    return findings


def _shadowing(policy: Policy, rule: Rule, points: list[dict[str, EngineValue]]
               ) -> tuple[list[str], dict[str, EngineValue]]:
    """The earlier rules that answer every input `rule` matches (in rule order), and one such input."""
    earlier = policy.rules[: policy.rules.index(rule)]
    matched = [p for p in points if holds(rule.condition, p)]
    winners = {next(r.id for r in earlier if holds(r.condition, p)) for p in matched}
    return [r.id for r in earlier if r.id in winners], matched[0]


def _wins(policy: Policy, rule: Rule, point: dict[str, EngineValue]) -> bool:
    """Under `first`, `rule` answers `point`: it matches and no earlier rule does."""
    earlier = policy.rules[: policy.rules.index(rule)]
    return holds(rule.condition, point) and not any(holds(r.condition, point) for r in earlier)


def lint(policy_set: PolicySet) -> list[Finding]:
    categories = policy_set.taxonomy.categories
    return [f for p in policy_set.policies.values() for f in lint_policy(p, categories)]
