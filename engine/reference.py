"""A small, obviously-correct evaluation of the same policy tree in plain Python.

It is the yardstick for the engine (the differential tests compare the two on random inputs) and
the source of explanations: which tests held, on which values, and how far a missed threshold was.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from engine.conditions import SYMBOLS, All, Any_, Compare, Condition, Exists, FieldRef, Matches, Not, OneOf
from engine.fields import EngineValue, describe_gap, to_human
from engine.model import Policy
from engine.patterns import python_regex

Values = Mapping[str, EngineValue]


def holds(cond: Condition, values: Values) -> bool:
    """Whether the condition is true: DMN's three-valued logic, where a test on an absent field is unknown,
    `not` of unknown is unknown, and only true fires a rule (`exists` is the explicit test for absence)."""
    return truth(cond, values) is True


def truth(cond: Condition, values: Values) -> bool | None:
    """True, False, or None (unknown: a test read an absent field), combined as Kleene's logic does."""
    if isinstance(cond, All):
        parts = [truth(c, values) for c in cond.items]
        return False if False in parts else (None if None in parts else True)
    if isinstance(cond, Any_):
        parts = [truth(c, values) for c in cond.items]
        return True if True in parts else (None if None in parts else False)
    if isinstance(cond, Not):
        inner = truth(cond.item, values)
        return None if inner is None else not inner
    if isinstance(cond, Exists):
        return (cond.field in values) == cond.present
    if cond.field not in values:
        return None
    actual = values[cond.field]
    if isinstance(cond, OneOf):
        return (actual in cond.values) != cond.negate
    if isinstance(cond, Matches):
        return isinstance(actual, str) and python_regex(cond.pattern).fullmatch(actual) is not None
    if isinstance(cond.value, FieldRef):
        if cond.value.name not in values:
            return None
        return _compare(cond.op, actual, values[cond.value.name])
    return _compare(cond.op, actual, cond.value)


Truth = Callable[[Values], "bool | None"]
_ORDERS = {"gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le}


@functools.cache
def truth_function(cond: Condition) -> Truth:
    """`truth` for one condition, built once: the same answers without walking the tree on every input (the
    lint tries tens of thousands of inputs on every rule)."""
    if isinstance(cond, All | Any_):
        parts = tuple(truth_function(c) for c in cond.items)
        decisive = isinstance(cond, Any_)  # the value that decides at once: True for any, False for all

        def combined(values: Values) -> bool | None:
            unknown = False
            for part in parts:
                answer = part(values)
                if answer is decisive:
                    return decisive
                unknown = unknown or answer is None
            return None if unknown else not decisive
        return combined
    if isinstance(cond, Not):
        inner = truth_function(cond.item)
        return lambda values: None if (answer := inner(values)) is None else not answer
    if isinstance(cond, Exists):
        field, present = cond.field, cond.present
        return lambda values: (field in values) == present
    return _leaf_truth(cond)


def _leaf_truth(cond: Compare | OneOf | Matches) -> Truth:
    field = cond.field
    if isinstance(cond, OneOf):
        members, negate = cond.values, cond.negate
        return lambda values: None if field not in values else (values[field] in members) != negate
    if isinstance(cond, Matches):
        regex, seen = python_regex(cond.pattern), dict[str, bool]()  # answers kept: inputs repeat a few texts

        def matches(values: Values) -> bool | None:
            if field not in values:
                return None
            actual = values[field]
            if not isinstance(actual, str):
                return False
            if actual not in seen:
                if len(seen) >= 4096:
                    seen.clear()
                seen[actual] = regex.fullmatch(actual) is not None
            return seen[actual]
        return matches
    op, other = cond.op, cond.value
    if isinstance(other, FieldRef):
        name = other.name
        return lambda values: None if field not in values or name not in values else _compare(
            op, values[field], values[name])
    if op in _ORDERS:
        order, kind = _ORDERS[op], type(other)
        return lambda values: None if field not in values else (
            type(actual := values[field]) is kind and bool(order(actual, other)))
    if op == "eq":
        return lambda values: None if field not in values else values[field] == other
    return lambda values: None if field not in values else values[field] != other


def _compare(op: str, a: Any, b: Any) -> bool:
    if op == "eq":
        return bool(a == b)
    if op == "ne":
        return bool(a != b)
    if type(a) is not type(b):
        return False
    return bool({"gt": a > b, "gte": a >= b, "lt": a < b, "lte": a <= b}[op])


def fired_rules(policy: Policy, values: Values) -> list[str]:
    """The rule ids the engine must report: the winner for first/priority, all matches otherwise."""
    matching = [r for r in policy.rules if holds(r.condition, values)]
    if policy.hit_policy == "first":
        return [matching[0].id] if matching else []
    if policy.hit_policy == "priority":
        return [min(matching, key=lambda r: r.priority).id] if matching else []
    return [r.id for r in matching]


@dataclass(frozen=True)
class Check:
    """One test of a rule against the facts, as a person reads it."""

    field: str
    test: str
    actual: str | None
    passed: bool
    gap: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "test": self.test, "actual": self.actual, "passed": self.passed,
                "gap": self.gap}


def trace(cond: Condition, values: Values, types: dict[str, str], negated: bool = False) -> list[Check]:
    """Every leaf test of `cond` with the value it saw and whether it held."""
    if isinstance(cond, All | Any_):
        return [c for item in cond.items for c in trace(item, values, types, negated)]
    if isinstance(cond, Not):
        return trace(cond.item, values, types, not negated)
    ftype = types.get(cond.field, "text")
    actual = values.get(cond.field)
    shown = to_human(ftype, actual) if actual is not None else None
    passed = (truth_function(cond)(values) is True) != negated
    return [Check(cond.field, _described(cond, ftype, negated), shown, passed,
                  None if passed or negated else _gap(cond, actual, ftype))]


@functools.lru_cache(maxsize=8_192)
def _described(cond: Condition, ftype: str, negated: bool) -> str:
    """The test as a person reads it, worked out once per test (explanations repeat the same tests)."""
    return ("not " if negated else "") + _describe(cond, ftype)


def _describe(cond: Condition, ftype: str) -> str:
    if isinstance(cond, Exists):
        return "is present" if cond.present else "is absent"
    if isinstance(cond, Matches):
        return f"matches {cond.pattern}"
    if isinstance(cond, OneOf):
        label = f"group {cond.label}" if cond.label else ", ".join(to_human(ftype, v) for v in cond.values)
        return ("not in " if cond.negate else "in ") + label
    assert isinstance(cond, Compare)
    target = cond.value.name if isinstance(cond.value, FieldRef) else to_human(ftype, cond.value)
    return f"{SYMBOLS[cond.op]} {target}"


def _gap(cond: Condition, actual: EngineValue | None, ftype: str) -> str | None:
    """How far a failed comparison is from passing, in words that are right for every operator:
    `>= 5` at 3 is "short by 2", `> 3` at 3 "needs 1 more", `<= 5` at 7 "over by 2", `< 3` at 3
    "needs 1 less", `== 5` at 3 or 7 "short by 2" or "over by 2"."""
    if not isinstance(cond, Compare) or isinstance(cond.value, FieldRef) or actual is None:
        return None
    if isinstance(actual, bool) or not isinstance(actual, int) or not isinstance(cond.value, int):
        return None
    limit = cond.value
    if cond.op == "gte" or (cond.op == "eq" and actual < limit):
        return f"short by {describe_gap(ftype, limit - actual)}"
    if cond.op == "lte" or (cond.op == "eq" and actual > limit):
        return f"over by {describe_gap(ftype, actual - limit)}"
    if cond.op == "gt":
        return f"needs {describe_gap(ftype, limit - actual + 1)} more"
    if cond.op == "lt":
        return f"needs {describe_gap(ftype, actual - limit + 1)} less"
    return None
