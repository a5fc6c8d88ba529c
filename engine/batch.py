"""Evaluate many inputs with one engine round trip per distinct combination of what the rules test.

Which rules fire depends only on the outcome of each test the conditions make (true, false, or unknown
for an absent field); inputs alike in all of them fire the same rules, so the engine decides the first
of each kind; the outputs are then computed from each input by the same `decided_outputs` the
single evaluation uses. So a million orders over 20 categories cost a few dozen engine calls, and every
decision still comes from durable_rules. tests/engine/test_batch.py proves the answers identical to one
evaluation per input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from engine.conditions import fields_read, leaves
from engine.evaluator import Evaluator
from engine.fields import EngineValue
from engine.hit_policies import decided_outputs
from engine.reference import truth

_ABSENT = object()
VALUE_KEYS = 100_000  # inputs remembered by their values; the rest are told apart by the tests' outcomes


class BatchEvaluator:
    """Every hit policy and field type: the engine sees the engine values of one representative input per
    combination (no conversion back and forth, so dates, times and an empty taxonomy need nothing special);
    the outputs are resolved per input and combined by the hit policy exactly as one evaluation does."""

    def __init__(self, evaluator: Evaluator, policy_id: str, as_of: dt.datetime) -> None:
        self.evaluator, self.policy = evaluator, evaluator.policy(policy_id)
        self.as_of, self._as_of = as_of, int(as_of.timestamp())
        self.tests = list(dict.fromkeys(leaf for rule in self.policy.rules for leaf in leaves(rule.condition)))
        self.read = sorted(set().union(*(fields_read(rule.condition) for rule in self.policy.rules)))
        self._by_values: dict[tuple[Any, ...], list[str]] = {}  # the values read -> fired (the cheap key)
        self._fired: dict[tuple[bool | None, ...], list[str]] = {}  # the tests' outcomes -> fired
        self.engine_calls = 0

    def key(self, message: dict[str, EngineValue]) -> tuple[bool | None, ...]:
        """The outcome of every test the rules make (true, false or unknown): inputs alike in all of them
        fire the same rules, whatever else differs."""
        return tuple(truth(leaf, message) for leaf in self.tests)

    def decide(self, facts: Mapping[str, Any], *, money_ints_are_fen: bool = True
               ) -> tuple[list[str], dict[str, EngineValue]]:
        """(fired rule ids, outputs) for one input, exactly as `Evaluator.evaluate` would give them (and the
        same EvaluationError where a unique or any table answers the input twice)."""
        values = self.evaluator.facts(self.policy.id, facts, money_ints_are_fen=money_ints_are_fen)
        message = dict(values, as_of=self._as_of)
        seen = tuple(message.get(f, _ABSENT) for f in self.read)
        fired = self._by_values.get(seen)
        if fired is None:
            fired = self._fired.get(key := self.key(message))
        if fired is None:
            # The first input of its kind goes to the engine, with only what the conditions read.
            fired = self.evaluator.fire(self.policy.id, {f: message[f] for f in self.read if f in message}
                                        | {"as_of": self._as_of})
            self._fired[key] = fired
            self.engine_calls += 1
        if len(self._by_values) < VALUE_KEYS:
            self._by_values[seen] = fired
        return fired, decided_outputs(self.policy, fired, message)
