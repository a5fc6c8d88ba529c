"""Check and convert a decision's input facts before anything reaches the engine's C code."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.errors import FactError, did_you_mean
from engine.fields import INT64_MAX, INT64_MIN, INVALID_TYPE, EngineValue, ValueProblem, to_engine
from engine.model import Policy


def coerce_facts(policy: Policy, facts: Mapping[str, Any], *, categories: frozenset[str],
                 money_ints_are_fen: bool, rate_ints_are_bp: bool = True) -> dict[str, EngineValue]:
    """Typed engine values for every declared input present, derived inputs computed.

    Unknown fields, missing required fields and bad values are all reported together.
    """
    if not isinstance(facts, Mapping):
        raise FactError([("facts", "facts must be an object of field names to values")])
    problems: list[tuple[str, str]] = []
    values: dict[str, EngineValue] = {}
    for name, raw in facts.items():
        spec = policy.inputs.get(name) if isinstance(name, str) else None
        if spec is not None and spec.derived:
            problems.append((str(name), f"{name} is computed from {' x '.join(spec.derived)}; do not give it"))
            continue
        if spec is None:
            problems.append((str(name), f"{policy.id} has no input {name!r}{did_you_mean(str(name), policy.inputs)}"))
            continue
        if raw is None and spec.optional:
            continue
        try:
            values[name] = to_engine(spec, raw, categories=categories, money_ints_are_fen=money_ints_are_fen,
                                     rate_ints_are_bp=rate_ints_are_bp)
        except ValueProblem as exc:
            problems.append((name, str(exc)))
    problems += add_derived(policy, values)
    for spec in policy.inputs.values():
        if not spec.derived and spec.name not in values and not spec.optional and spec.type != INVALID_TYPE \
                and not any(p[0] == spec.name for p in problems):
            problems.append((spec.name, "is required"))
    if problems:
        raise FactError(problems)
    return values


def add_derived(policy: Policy, values: dict[str, EngineValue]) -> list[tuple[str, str]]:
    """Compute the derived inputs (an amount times counts, less what was refunded) into `values`; the
    problems of the ones that cannot be computed exactly or would be negative."""
    problems: list[tuple[str, str]] = []
    for spec in policy.inputs.values():
        if not spec.derived:
            continue
        factors = [values.get(f) for f in spec.derived]
        if all(isinstance(v, int) and not isinstance(v, bool) for v in factors):
            product = 1
            for v in factors:
                product *= int(v)  # type: ignore[arg-type]
            less = values.get(spec.less, 0) if spec.less else 0
            product -= int(less)
            if not INT64_MIN <= product <= INT64_MAX:
                problems.append((spec.name, "the product is too large to compare exactly"))
            elif product < 0:
                problems.append((spec.less or spec.name, f"is more than {' x '.join(spec.derived)}"))
            else:
                values[spec.name] = product
    return problems


def given_facts(policy: Policy, recorded: Mapping[str, Any]) -> dict[str, Any]:
    """The facts a recorded decision was given: its recorded facts without the ones the policy computes."""
    return {k: v for k, v in recorded.items() if not (k in policy.inputs and policy.inputs[k].derived)}
