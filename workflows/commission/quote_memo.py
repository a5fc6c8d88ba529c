"""Quote decisions memoized per policy version and input class: a storefront asks the same quote on every view
of a product, and the answer can only change with the version that judges it or the line's facts. A policy whose
rules read `as_of` is never memoized (its answer may change with the moment). Orders are always evaluated afresh;
tests/trust/test_quote_memo.py proves memoized answers identical to single evaluation."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from engine import Decision, Evaluator, PolicyEvaluator
from engine.conditions import fields_read
from engine.model import FromInput
from workflows.common.decisions import decide
from workflows.policies.registry import PolicyRegistry

# Each entry holds its decision as objects (~12 the garbage collector follows): 20,000 of them made every full
# collection walk ~240,000 more, 140 ms. Repeated baskets are memoized whole, as plain data (quote_baskets.py);
# this memo serves the lines of new baskets, the most recent few thousand.
CAPACITY = 2_048
R = TypeVar("R")


class _Entry:
    """A memoized decision and what callers derived from it (keyed by the function that derived it)."""

    __slots__ = ("decision", "derived")

    def __init__(self, decision: Decision) -> None:
        self.decision = decision
        self.derived: dict[Callable[[Decision], Any], Any] = {}


_memo: OrderedDict[tuple[Any, ...], _Entry] = OrderedDict()
_reads_moment: dict[tuple[Evaluator, str], bool] = {}


def reads_as_of(judge: Evaluator, policy_id: str) -> bool:
    """Whether a rule of the policy reads the decision's moment (its answer may change with it)."""
    key = (judge, policy_id)
    if key not in _reads_moment:
        rules = judge.policy(policy_id).rules
        _reads_moment[key] = any("as_of" in fields_read(r.condition) or any(
            isinstance(v, FromInput) and v.field == "as_of" for v in r.then.values()) for r in rules)
    return _reads_moment[key]


def memoized_answer(evaluator: PolicyEvaluator, policy_id: str, facts: Mapping[str, Any], as_of: dt.datetime,
                    field: str, derive: Callable[[Decision], R]) -> tuple[Decision, R]:
    """The decision for these facts by the version judging at `as_of`, from the memo when it was decided before
    (a copy bearing this `as_of`; a running shadow candidate still sees every call), and `derive(decision)` worked
    out once per memoized decision: `derive` must read nothing but the decision's outputs, rules and facts (never
    its `as_of`)."""
    decision, entry = _decided(evaluator, policy_id, facts, as_of, field)
    if entry is None:
        return decision, derive(decision)
    if derive not in entry.derived:
        entry.derived[derive] = derive(decision)
    return decision, entry.derived[derive]


def _decided(evaluator: PolicyEvaluator, policy_id: str, facts: Mapping[str, Any], as_of: dt.datetime,
             field: str) -> tuple[Decision, _Entry | None]:
    judge = evaluator.judging(policy_id, facts, as_of)
    if reads_as_of(judge, policy_id):
        return decide(evaluator, policy_id, facts, as_of, field), None
    key = (judge, policy_id, tuple(sorted(facts.items())))
    found = _memo.get(key)
    if found is not None:
        _memo.move_to_end(key)
        decision = found.decision.taken_at(as_of)
        if isinstance(evaluator, PolicyRegistry):
            evaluator.shadow.compare(decision, facts, True)
        return decision, found
    decision = decide(evaluator, policy_id, facts, as_of, field)
    entry = _memo[key] = _Entry(decision)
    if len(_memo) > CAPACITY:
        _memo.popitem(last=False)
    return decision, entry


def forget() -> None:
    _memo.clear()
    _reads_moment.clear()
