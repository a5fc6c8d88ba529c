"""Evaluate many inputs with one engine round trip per distinct combination of what the rules test.

Which rules fire depends only on the values the conditions compare (and, for presence tests, only on
whether a field is there); the outputs are then computed from each input by the same `resolve` the
single evaluation uses. So a million orders over 20 categories cost a few dozen engine calls, and every
decision still comes from durable_rules. tests/engine/test_batch.py proves the answers identical to one
evaluation per input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from engine.conditions import Compare, Exists, FieldRef, Matches, OneOf, leaves
from engine.evaluator import Evaluator
from engine.fields import EngineValue
from engine.outputs import resolve


class BatchEvaluator:
    def __init__(self, evaluator: Evaluator, policy_id: str, as_of: dt.datetime) -> None:
        self.evaluator, self.policy = evaluator, evaluator.policy(policy_id)
        if self.policy.hit_policy not in ("first", "priority"):
            raise ValueError("batch evaluation answers first and priority policies")
        self.as_of = as_of
        tested: set[str] = set()
        presence: set[str] = set()
        for rule in self.policy.rules:
            for leaf in leaves(rule.condition):
                if isinstance(leaf, Exists):
                    presence.add(leaf.field)
                elif isinstance(leaf, Compare | OneOf | Matches):
                    tested.add(leaf.field)
                    if isinstance(leaf, Compare) and isinstance(leaf.value, FieldRef):
                        tested.add(leaf.value.name)
        if "as_of" in tested:
            raise ValueError("a policy that tests as_of is evaluated per input")
        self.tested, self.presence = sorted(tested), sorted(presence - tested)
        self._fired: dict[tuple[Any, ...], list[str]] = {}
        self.engine_calls = 0

    def key(self, values: Mapping[str, EngineValue]) -> tuple[Any, ...]:
        return (*(values.get(f) for f in self.tested), *(f in values for f in self.presence))

    def decide(self, facts: Mapping[str, Any], *, money_ints_are_fen: bool = True
               ) -> tuple[list[str], dict[str, EngineValue]]:
        """(fired rule ids, outputs) for one input, exactly as `Evaluator.evaluate` would give them."""
        values = self.evaluator.facts(self.policy.id, facts, money_ints_are_fen=money_ints_are_fen)
        key = self.key(values)
        fired = self._fired.get(key)
        if fired is None:
            representative = {f: v for f, v in zip(self.tested, key, strict=False) if v is not None}
            representative.update({f: values[f] for f in self.presence if f in values})
            neutral = _engine_facts(self.policy, representative, min(self.evaluator.policy_set.taxonomy.categories))
            fired = self.evaluator.evaluate(self.policy.id, neutral, as_of=self.as_of).fired_ids
            self._fired[key] = fired
            self.engine_calls += 1
        message = dict(values, as_of=int(self.as_of.timestamp()))
        then = self.policy.rule(fired[0]).then if fired else self.policy.default
        return fired, resolve(then, message)


def _engine_facts(policy: Any, values: dict[str, EngineValue], category: str) -> dict[str, EngineValue]:
    """Required inputs the conditions never read get a neutral value: they cannot change which rule fires."""
    facts = dict(values)
    neutral: dict[str, EngineValue] = {"money": 0, "rate": 0, "integer": 0, "boolean": False, "date": "1970-01-01",
                                       "datetime": "1970-01-01T00:00:00Z", "category": category, "text": ""}
    for spec in policy.inputs.values():
        if spec.name in facts or spec.optional or spec.derived:
            continue
        facts[spec.name] = spec.values[0] if spec.type == "enum" else neutral[spec.type]
    return facts
