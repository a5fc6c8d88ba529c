"""Compile a validated policy into a durable_rules ruleset definition (plain JSON data).

Each rule becomes one engine rule whose action is named by the rule id. Every rule also requires
the request marker, so no rule can match the session's own state (durable_rules.md, e2f), and a
lowest-priority catch-all guarantees that an action runs for every message (no segfault on cleanup,
no "not handled" exception). Negation is pushed down to the leaves, because the engine has no
`not`; a test on an absent field is unknown and `not` of unknown is unknown (DMN's three-valued logic),
exactly as the reference evaluator says: only `exists` tests absence.
"""

from __future__ import annotations

from typing import Any

from engine.conditions import All, Any_, Compare, Condition, Exists, FieldRef, Matches, Not, OneOf
from engine.model import Policy

MARKER = "__req"
CATCH_ALL = "__no_rule_matched__"
CATCH_ALL_PRI = 2_000_000
_OPS = {"ne": "$neq", "gt": "$gt", "gte": "$gte", "lt": "$lt", "lte": "$lte"}
_NEGATE = {"eq": "ne", "ne": "eq", "gt": "lte", "gte": "lt", "lt": "gte", "lte": "gt"}
_NEVER: dict[str, Any] = {"$nex": {MARKER: 1}}
ASSERT_MODES = ("unique", "any", "collect", "checklist")
# The engine refuses a message that more than 64 rule instances match (error 303, measured: 63 matching rules
# and the catch-all pass, 64 fail, in post and assert mode alike). A policy's rules are registered in parts
# whose widths (the most alternatives of each rule that can hold at once) add up to at most this.
PART_WIDTH = 60


def engine_mode(policy: Policy) -> str:
    """'post' when exactly one rule may fire (first, priority); 'assert' when every match counts."""
    return "assert" if policy.hit_policy in ASSERT_MODES else "post"


def compile_policy(policy: Policy) -> dict[str, Any]:
    """{rule_id: {"all": [{"m": ...}], "pri": n, "run": rule_id}} plus the catch-all."""
    rules: dict[str, Any] = {}
    for index, rule in enumerate(policy.rules, start=1):
        pri = rule.priority if policy.hit_policy == "priority" else index
        cond = _compile(rule.condition)
        parts = cond.get("$and", [cond]) if cond else []
        rules[rule.id] = {"all": [{"m": {"$and": [*parts, {"$ex": {MARKER: 1}}]}}], "pri": pri, "run": rule.id}
    rules[CATCH_ALL] = {"all": [{"m": {"$ex": {MARKER: 1}}}], "pri": CATCH_ALL_PRI, "run": CATCH_ALL}
    return rules


def width(cond: Condition) -> int:
    """The most engine matches one input can make of a condition: its alternatives (an `any`, a negated
    `all`) that can hold at once. The values of one `in` list exclude each other: one match at most."""
    if isinstance(cond, Not):
        return 1 if isinstance(cond.item, Matches) else width(_push_not(cond.item))  # refused by validation
    if isinstance(cond, All):
        product = 1
        for c in cond.items:
            product *= width(c)
        return product
    if isinstance(cond, Any_):
        return sum(width(c) for c in cond.items) or 1
    return 1


def parts(policy: Policy, compiled: dict[str, Any]) -> list[dict[str, Any]]:
    """`compiled` split, in rule order, into rulesets the engine can answer whatever the input: the rules of
    each part are at most PART_WIDTH wide together; each part has its own catch-all."""
    out: list[dict[str, Any]] = []
    current: dict[str, Any] = {}
    used = 0
    for rule in policy.rules:
        w = width(rule.condition)
        if current and used + w > PART_WIDTH:
            out.append(current)
            current, used = {}, 0
        current[rule.id] = compiled[rule.id]
        used += w
    out.append(current)
    return [dict(part, **{CATCH_ALL: compiled[CATCH_ALL]}) for part in out]


def _compile(cond: Condition) -> dict[str, Any]:
    """The engine expression of `cond`; {} stands for "always"."""
    if isinstance(cond, Not):
        return _compile(_push_not(cond.item))
    if isinstance(cond, All):
        parts = [p for p in (_compile(c) for c in cond.items) if p]
        return {} if not parts else parts[0] if len(parts) == 1 else {"$and": parts}
    if isinstance(cond, Any_):
        parts = [_compile(c) for c in cond.items]
        if not parts:
            return _NEVER
        if any(not p for p in parts):
            return {}
        return parts[0] if len(parts) == 1 else {"$or": parts}
    if isinstance(cond, Compare):
        if isinstance(cond.value, FieldRef):
            # The engine compares against an absent referenced field with whatever it last saw (found
            # by the differential test), so both fields must be present explicitly.
            ref = {"$m": cond.value.name}
            test = {cond.field: ref} if cond.op == "eq" else {_OPS[cond.op]: {cond.field: ref}}
            return {"$and": [{"$ex": {cond.field: 1}}, {"$ex": {cond.value.name: 1}}, test]}
        return {cond.field: cond.value} if cond.op == "eq" else {_OPS[cond.op]: {cond.field: cond.value}}
    if isinstance(cond, OneOf):
        if cond.negate:
            parts = [{"$neq": {cond.field: v}} for v in cond.values]
            return parts[0] if len(parts) == 1 else {"$and": parts}
        parts = [{cond.field: v} for v in cond.values]
        return parts[0] if len(parts) == 1 else {"$or": parts}
    if isinstance(cond, Exists):
        return {"$ex" if cond.present else "$nex": {cond.field: 1}}
    if isinstance(cond, Matches):
        return {"$mt": {cond.field: cond.engine_pattern}}
    raise TypeError(f"cannot compile {cond!r}")


def _push_not(cond: Condition) -> Condition:
    """not(cond) without a `not` node: De Morgan down to the leaves, each negated. In Kleene's three-valued
    logic De Morgan holds, and a formula of and/or over leaves is true exactly when it is true with every leaf
    on an absent field taken as false, which is how the engine matches: so the engine fires exactly when DMN
    says true."""
    if isinstance(cond, Not):
        return cond.item
    if isinstance(cond, All):
        return Any_(tuple(Not(c) for c in cond.items))
    if isinstance(cond, Any_):
        return All(tuple(Not(c) for c in cond.items))
    if isinstance(cond, Exists):
        return Exists(cond.field, not cond.present)
    if isinstance(cond, Compare):  # unknown stays unknown: the negated test also needs its fields present
        return Compare(cond.field, _NEGATE[cond.op], cond.value)
    if isinstance(cond, OneOf):
        return OneOf(cond.field, cond.values, not cond.negate, cond.label)
    raise ValueError(f"the engine cannot negate {type(cond).__name__}")  # validation refuses it first
