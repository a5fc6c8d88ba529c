"""How a policy's hit policy turns the rules that fired into the decision's outputs (DMN 1.4): one place for
the single evaluation, the batch evaluator and the lint."""

from __future__ import annotations

from collections.abc import Mapping

from engine.errors import EvaluationError
from engine.fields import EngineValue
from engine.model import Policy
from engine.outputs import resolve


def decided_outputs(policy: Policy, fired: list[str], message: dict[str, EngineValue]) -> dict[str, EngineValue]:
    """The outputs for the rules that fired (ids in rule order) on this input: each rule's `then` resolved on
    the input, combined by the hit policy (the batch evaluator and the lint; one evaluation keeps each rule's
    resolved outputs for its explanation and calls `outputs_of` itself)."""
    return outputs_of(policy, [(r, resolve(policy.rule(r).then, message)) for r in fired], message)[0]


def outputs_of(policy: Policy, fired: list[tuple[str, dict[str, EngineValue]]], message: Mapping[str, EngineValue]
               ) -> tuple[dict[str, EngineValue], list[dict[str, EngineValue]]]:
    """The decision's outputs from the fired rules (id, resolved outputs) in rule order, by the hit policy:
    (outputs, collected). `unique` and `any` refuse an input their table answers twice (differently, for any)."""
    hit = policy.hit_policy
    if hit == "unique" and len(fired) > 1:
        raise EvaluationError(f"policy {policy.id} is a unique table but rules {', '.join(r for r, _ in fired)} "
                              "all match; the table overlaps for this input", code="unique_violation")
    if hit == "any" and any(outputs != fired[0][1] for _, outputs in fired[1:]):
        raise EvaluationError(f"policy {policy.id} is an any table but rules {', '.join(r for r, _ in fired)} "
                              "match with different outputs for this input", code="any_violation")
    if hit == "checklist":
        return {"passed": len(fired) == len(policy.rules)}, []
    if hit == "collect":
        collected = [outputs for _, outputs in fired]
        if not collected and policy.default:
            return resolve(policy.default, dict(message)), []
        return _aggregate(policy.aggregate, collected), collected
    if fired:
        return fired[0][1], []
    return resolve(policy.default, dict(message)), []


def _aggregate(how: dict[str, str], collected: list[dict[str, EngineValue]]) -> dict[str, EngineValue]:
    """DMN 1.4 collect aggregation (C+, C<, C>, C#) over the fired rules' outputs: `count` is the number of
    fired rules giving the output, of any type; `sum` adds numbers (money, integer, rate; never booleans);
    `min`/`max` order numbers, text and times. No value (no rule fired) gives no output (DMN's null), unless
    the policy's default answers for no match. The parser refuses an aggregate its output's type cannot take."""
    out: dict[str, EngineValue] = {}
    for name, op in how.items():
        values = [c[name] for c in collected if c.get(name) is not None]
        if op == "count":
            out[name] = len(values)
        elif not values:
            continue
        elif op == "sum":
            out[name] = sum(int(v) for v in values if isinstance(v, int) and not isinstance(v, bool))
        else:
            out[name] = min(values) if op == "min" else max(values)
    return out
