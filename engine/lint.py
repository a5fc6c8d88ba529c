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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.conditions import Compare, Exists, FieldRef, OneOf, fields_read, leaves
from engine.errors import EvaluationError
from engine.facts import add_derived
from engine.fields import EngineValue, FieldSpec, to_human
from engine.hit_policies import decided_outputs
from engine.model import Policy, PolicySet, Rule
from engine.output_ranges import Bound, OutputRanges, out_of_range
from engine.reference import fired_rules, truth_function

BUDGET = 200_000
ABSENT = object()


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    code: str  # lint_overlap | lint_gap | lint_never_fires | lint_out_of_range
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


def lint_policy(policy: Policy, categories: frozenset[str],
                ranges: Mapping[str, tuple[Bound, Bound]] | None = None) -> list[Finding]:
    points, sampled = _points(policy, categories)
    tests = [(rule, truth_function(rule.condition)) for rule in policy.rules]
    matches = [[rule for rule, test in tests if test(point) is True] for point in points]  # in rule order
    findings: list[Finding] = []
    fired_somewhere: set[str] = set()
    overlaps: set[tuple[str, str]] = set()
    gap = None
    for point, matching in zip(points, matches, strict=True):
        fired_somewhere.update(r.id for r in matching)
        pair = _overlap(policy, matching)
        if pair is not None and pair not in overlaps:
            overlaps.add(pair)
            findings.append(Finding(policy.file, policy.rule(pair[1]).line, "lint_overlap",
                                    f"{policy.id}: rows {pair[0]!r} and {pair[1]!r} both match one input in "
                                    + ("a unique table" if policy.hit_policy == "unique"
                                       else "an any table and give different outputs"), _show(policy, point)))
        if not matching and not policy.default and not policy.gaps_allowed and gap is None \
                and policy.hit_policy in ("first", "unique", "any", "priority"):
            gap = point
    if gap is not None:
        findings.append(Finding(policy.file, policy.line, "lint_gap",
                                f"{policy.id}: no rule answers this input and there is no default", _show(policy, gap)))
    if ranges:
        findings += _out_of_range(policy, points, ranges)
    for rule in policy.rules:
        if rule.id not in fired_somewhere:
            findings.append(Finding(policy.file, rule.line, "lint_never_fires",
                                    f"{policy.id}: rule {rule.id!r} matches no input"
                                    + (" among the sampled ones" if sampled else ""), {}))
        elif policy.hit_policy == "first" and not any(matching[0] is rule for matching in matches if matching):
            shadows, example = _shadowing(policy, rule, points, matches)
            findings.append(Finding(policy.file, rule.line, "lint_never_fires",
                                    f"{policy.id}: rule {rule.id!r} is always preceded by "
                                    f"{' or '.join(repr(s) for s in shadows)}", _show(policy, example)))
    return findings


def _out_of_range(policy: Policy, points: list[dict[str, EngineValue]], ranges: Mapping[str, tuple[Bound, Bound]]
                  ) -> list[Finding]:
    """An input whose outputs leave a range the service needs, once per output and answering rule. The
    inputs the conditions do not read but the outputs or bounds may (amounts, counts) take a few values each:
    nothing, a little, a lot, so that a fixed amount above a small line shows."""
    read = set().union(*(fields_read(r.condition) for r in policy.rules))
    extras = [s for s in policy.inputs.values() if s.name not in read and not s.derived
              and s.type in ("money", "integer", "rate")]
    axes = [[*([ABSENT] if s.optional else []), *_EXTRA[s.type]] for s in extras]
    found: dict[tuple[str, str], Finding] = {}
    tried = 0
    for point in points:
        for combo in itertools.product(*axes):
            if tried >= BUDGET:
                return list(found.values())
            tried += 1
            values = dict(point, **{s.name: v for s, v in zip(extras, combo, strict=True) if v is not ABSENT})
            if add_derived(policy, values):
                continue  # not a possible input (a refund above the line)
            fired = fired_rules(policy, values)
            try:
                outputs = decided_outputs(policy, fired, values)
            except EvaluationError:
                continue  # an overlap, reported as such
            for name, why in out_of_range(policy, ranges, outputs, values):
                blamed = policy.rule(fired[0]) if len(fired) == 1 else None
                key = (blamed.id if blamed else "", name)
                if key not in found:
                    where = f" (rule {blamed.id!r})" if blamed else (" (the default)" if not fired else "")
                    found[key] = Finding(policy.file, blamed.line if blamed else policy.line, "lint_out_of_range",
                                         f"{policy.id}: {why}{where}", _show(policy, values))
    return list(found.values())


_EXTRA: dict[str, list[Any]] = {"money": [100, 1_000_000, 0], "integer": [1, 3, 0], "rate": [10_000, 0]}


def _overlap(policy: Policy, matching: list[Rule]) -> tuple[str, str] | None:
    """Two rows matching one input where the hit policy forbids it: any two in a unique table; in an any
    table, two whose outputs are written differently (they may differ for this input)."""
    if policy.hit_policy == "unique" and len(matching) > 1:
        return matching[0].id, matching[1].id
    if policy.hit_policy == "any":
        differing = [r for r in matching[1:] if r.then != matching[0].then]
        if differing:
            return matching[0].id, differing[0].id
    return None


def _shadowing(policy: Policy, rule: Rule, points: list[dict[str, EngineValue]], matches: list[list[Rule]]
               ) -> tuple[list[str], dict[str, EngineValue]]:
    """The earlier rules that answer every input `rule` matches (in rule order), and one such input;
    `matches[i]` are the rules matching `points[i]`, in rule order."""
    matched = [(point, matching) for point, matching in zip(points, matches, strict=True) if rule in matching]
    winners = {matching[0].id for _, matching in matched}
    return [r.id for r in policy.rules if r.id in winners], matched[0][0]


def lint(policy_set: PolicySet, ranges: OutputRanges | None = None) -> list[Finding]:
    """Every finding of every policy; with `ranges` (what the service needs of the outputs), inputs that
    break one too."""
    categories = policy_set.taxonomy.categories
    return [f for p in policy_set.policies.values()
            for f in lint_policy(p, categories, (ranges or {}).get(p.id))]
