"""Evaluate a policy of a loaded policy set: facts in, explained `Decision` out."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any, Protocol

from engine.compiler import CATCH_ALL, compile_policy, engine_mode, parts
from engine.conditions import leaves
from engine.decision import Decision, RuleOutcome
from engine.errors import EvaluationError, UnknownPolicy, did_you_mean
from engine.facts import coerce_facts
from engine.fields import EngineValue
from engine.hit_policies import outputs_of
from engine.model import Policy, PolicySet, Rule
from engine.outputs import resolve
from engine.policy_values import output_specs
from engine.reference import Truth, trace, truth_function
from engine.runtime import EngineRuntime, check_engine_values

_shared_runtime: EngineRuntime | None = None
# A policy whose rules make more tests than this goes to the engine for every input: telling its input's class
# apart (a quarter of a microsecond a test) would cost about what the engine's answer does.
CLASS_TESTS = 48
CLASSES = 4_096  # classes remembered per policy; inputs of a class not remembered go to the engine


def shared_runtime() -> EngineRuntime:
    """One engine host per process: rulesets of every loaded version live side by side in it."""
    global _shared_runtime
    if _shared_runtime is None:
        _shared_runtime = EngineRuntime()
    return _shared_runtime


def ruleset_name(policy: Policy, compiled: dict[str, Any]) -> str:
    """`<policy>@<hash of the compiled rules>`: the same rules share one registration."""
    digest = hashlib.sha256(json.dumps(compiled, sort_keys=True).encode()).hexdigest()[:16]
    return f"{policy.id}@{digest}"


class PolicyEvaluator(Protocol):
    """What workflows decide with: one `Evaluator`, or a registry of versions that picks one per `as_of`."""

    @property
    def policy_set(self) -> PolicySet: ...

    def policy(self, policy_id: str) -> Policy: ...

    def facts(self, policy_id: str, facts: Mapping[str, Any], *, money_ints_are_fen: bool = True
              ) -> dict[str, EngineValue]: ...

    def evaluate(self, policy_id: str, facts: Mapping[str, Any], *, as_of: dt.datetime | None = None,
                 money_ints_are_fen: bool = True, explain: bool = False) -> Decision: ...

    def judging(self, policy_id: str, facts: Mapping[str, Any], as_of: dt.datetime) -> Evaluator:
        """The evaluator that decides `policy_id` for these facts at `as_of`: the one whose policy text
        explains the decision (a registry picks the version; one Evaluator is its own answer)."""
        ...


class _Classes:
    """The rules the engine fired for each class of input of one policy. Which rules fire depends only on the
    outcome of each test the conditions make (true, false, or unknown for an absent field): inputs alike in all
    of them fire the same rules (the batch evaluator's argument, engine/batch.py), so the engine answers the
    first input of each class and the rest are told apart by the tests alone."""

    __slots__ = ("tests", "fired")

    def __init__(self, tests: tuple[Truth, ...]) -> None:
        self.tests = tests
        self.fired: dict[tuple[bool | None, ...], tuple[str, ...]] = {}


class Evaluator:
    """Compiles every policy of a set once, registers it with the engine, and answers decisions.

    `remember_classes`: the engine answers each class of input once (`_Classes`), and the outputs, explanations
    and records are made from each input as always; False sends every input to the engine (the differential
    tests, which hold the engine to the reference evaluation, and the tests proving the two ways equal)."""

    def __init__(self, policy_set: PolicySet, runtime: EngineRuntime | None = None, *,
                 remember_classes: bool = True) -> None:
        self.policy_set = policy_set
        self.runtime = runtime or shared_runtime()
        self._classes: dict[str, _Classes] = {}
        self.compiled: dict[str, dict[str, Any]] = {}
        self.names: dict[str, list[str]] = {}  # the engine rulesets of each policy, its rules in order
        self._rank: dict[str, dict[str, int]] = {}  # each policy's rule ids -> their place in it
        self._rules: dict[str, dict[str, Rule]] = {}  # each policy's rules by id (`Policy.rule` reads them in turn)
        # each policy's input and output types, as every decision of it carries them (shared: never changed)
        self._types: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
        for pid, policy in policy_set.policies.items():
            self._rank[pid] = {r.id: i for i, r in enumerate(policy.rules)}
            self._rules[pid] = {r.id: r for r in policy.rules}
            self._types[pid] = ({k: s.type for k, s in policy.inputs.items()} | {"as_of": "datetime"},
                                {k: s.type for k, s in output_specs(policy).items()})
            compiled = compile_policy(policy)
            self.compiled[pid] = compiled
            self.names[pid] = []
            for part in parts(policy, compiled):
                self.names[pid].append(ruleset_name(policy, part))
                self.runtime.register(self.names[pid][-1], part)
            tests = tuple(dict.fromkeys(leaf for rule in policy.rules for leaf in leaves(rule.condition)))
            if remember_classes and len(tests) <= CLASS_TESTS:
                self._classes[pid] = _Classes(tuple(truth_function(test) for test in tests))

    def judging(self, policy_id: str, facts: Mapping[str, Any], as_of: dt.datetime) -> Evaluator:
        return self

    def policy(self, policy_id: str) -> Policy:
        try:
            return self.policy_set.policies[policy_id]
        except KeyError:
            raise UnknownPolicy(f"no policy {policy_id!r} in {self.policy_set.name} "
                                f"{self.policy_set.label}{did_you_mean(policy_id, self.policy_set.policies)}") from None

    def facts(self, policy_id: str, facts: Mapping[str, Any], *, money_ints_are_fen: bool = True
              ) -> dict[str, EngineValue]:
        return coerce_facts(self.policy(policy_id), facts, categories=self.policy_set.taxonomy.categories,
                            money_ints_are_fen=money_ints_are_fen)

    def evaluate(self, policy_id: str, facts: Mapping[str, Any], *, as_of: dt.datetime | None = None,
                 money_ints_are_fen: bool = True, explain: bool = False) -> Decision:
        """Decide. `as_of` defaults to now (UTC); money given as int is fen unless told otherwise."""
        policy = self.policy(policy_id)
        as_of = as_of or dt.datetime.now(dt.UTC)
        if as_of.tzinfo is None:
            raise EvaluationError("as_of needs a UTC offset")
        values = self.facts(policy_id, facts, money_ints_are_fen=money_ints_are_fen)
        message = dict(values, as_of=int(as_of.timestamp()))
        return self._decision(policy, message, values, self.fire(policy_id, message), as_of, explain)

    def fire(self, policy_id: str, message: Mapping[str, EngineValue]) -> list[str]:
        """The rule ids durable_rules fires for engine values (`as_of` included), in rule order: what it fired for
        the first input of the same class, when the policy's classes are remembered."""
        classes = self._classes.get(policy_id)
        if classes is None:
            return self.fire_in_engine(policy_id, message)
        check_engine_values(message)  # what the engine would refuse is refused all the same
        key = tuple([test(message) for test in classes.tests])
        fired = classes.fired.get(key)
        if fired is None:
            fired = tuple(self.fire_in_engine(policy_id, message))
            if len(classes.fired) < CLASSES:
                classes.fired[key] = fired
        return list(fired)

    def fire_in_engine(self, policy_id: str, message: Mapping[str, EngineValue]) -> list[str]:
        """The rule ids durable_rules fires for engine values (`as_of` included), in rule order, asked of it."""
        policy = self.policy(policy_id)
        mode = engine_mode(policy)
        fired: list[str] = []
        for name in self.names[policy_id]:
            fired += [r for r in self.runtime.fire(name, dict(message), mode) if r != CATCH_ALL]
            if fired and policy.hit_policy == "first":
                break  # the parts are in rule order: an earlier part's winner comes first
        order = self._rank[policy_id]
        fired.sort(key=order.__getitem__)
        if policy.hit_policy == "priority" and len(fired) > 1:  # each part's winner: the best of them wins
            rules = self._rules[policy_id]
            fired = [min(fired, key=lambda r: (rules[r].priority, order[r]))]
        return fired

    def _decision(self, policy: Policy, message: dict[str, EngineValue], values: dict[str, EngineValue],
                  fired_ids: list[str], as_of: dt.datetime, explain: bool) -> Decision:
        types, output_types = self._types[policy.id]
        rules = self._rules[policy.id]
        fired = [self._outcome(rules[rid], message, types, True) for rid in fired_ids]
        outputs, collected = outputs_of(policy, [(r.rule_id, r.outputs) for r in fired], message)
        not_fired = ([self._outcome(r, message, types, False) for r in _ranked_before(policy, fired_ids)]
                     if explain or policy.hit_policy == "checklist" else [])
        return Decision(
            policy_id=policy.id, policy_title=policy.title, hit_policy=policy.hit_policy,
            policy_set=self.policy_set.name, version=self.policy_set.label,
            content_hash=self.policy_set.content_hash, as_of=as_of, facts=values, input_types=types,
            output_types=output_types, outputs=outputs, fired=fired,
            matched=bool(fired), not_fired=not_fired, collected=collected)

    @staticmethod
    def _outcome(rule: Rule, message: dict[str, EngineValue], types: dict[str, str], fired: bool) -> RuleOutcome:
        return RuleOutcome(rule.id, rule.description, fired, resolve(rule.then, message) if fired else {},
                           trace(rule.condition, message, types))

    def close(self) -> None:
        """Drop this set's rulesets from the engine (a newer version took over)."""
        for names in self.names.values():
            for name in names:
                self.runtime.drop(name)


def _ranked_before(policy: Policy, fired_ids: list[str]) -> list[Rule]:
    """The rules worth explaining as "did not fire": for first/priority, those ranked above the winner."""
    rest = [r for r in policy.rules if r.id not in fired_ids]
    if policy.hit_policy in ("first", "priority") and fired_ids:
        winner = policy.rule(fired_ids[0])
        rank = (lambda r: r.priority) if policy.hit_policy == "priority" else policy.rules.index
        return [r for r in rest if rank(r) < rank(winner)]
    return rest
