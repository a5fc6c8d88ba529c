"""The ranges the service needs a policy's outputs in: commission between 0 and the line amount, a rate
between 0% and 100%, a lock period of days that is not negative. Every example is checked against them
and the lint searches for an input that breaks one; a bound is a value in the output's unit ("0.00",
"100%", 365) or the name of one of the policy's inputs (`line_amount`), read on the same input."""

from __future__ import annotations

from collections.abc import Mapping

from engine.fields import NAME_RE, EngineValue, FieldSpec, ValueProblem, to_engine, to_human
from engine.model import Policy

Bound = str | int | None  # None: no bound on that side
OutputRanges = Mapping[str, Mapping[str, tuple[Bound, Bound]]]  # policy id -> output -> (low, high)


def bound_value(policy: Policy, spec: FieldSpec, bound: Bound, values: Mapping[str, EngineValue]
                ) -> tuple[EngineValue, str] | None:
    """(the bound's engine value, how to name it) on this input; None when it does not apply (no bound, or
    an input that is absent)."""
    if bound is None:
        return None
    if isinstance(bound, str) and NAME_RE.match(bound) and bound in policy.inputs:
        if bound not in values:
            return None
        value = values[bound]
        return value, f"{bound} ({to_human(policy.inputs[bound].type, value)})"
    try:
        value = to_engine(spec, bound, categories=frozenset(), money_ints_are_fen=False, rate_ints_are_bp=False)
    except ValueProblem as exc:  # a contract written wrong is the service's bug, not the policy's
        raise ValueError(f"the range of output {spec.name!r} of policy {policy.id!r}: {exc}") from exc
    return value, to_human(spec.type, value)


def out_of_range(policy: Policy, ranges: Mapping[str, tuple[Bound, Bound]], outputs: Mapping[str, EngineValue],
                 values: Mapping[str, EngineValue]) -> list[tuple[str, str]]:
    """(output name, why) for each output outside the range the service needs, on this input."""
    found: list[tuple[str, str]] = []
    for name, (low, high) in ranges.items():
        spec = policy.outputs.get(name)
        value = outputs.get(name)
        if spec is None or value is None or isinstance(value, bool) or not isinstance(value, int):
            continue
        shown = to_human(spec.type, value)
        below = bound_value(policy, spec, low, values)
        above = bound_value(policy, spec, high, values)
        if below is not None and isinstance(below[0], int) and value < below[0]:
            found.append((name, f"{name} {shown} is below {below[1]}{_need(policy, spec, low, high)}"))
        elif above is not None and isinstance(above[0], int) and value > above[0]:
            found.append((name, f"{name} {shown} is above {above[1]}{_need(policy, spec, low, high)}"))
    return found


def _need(policy: Policy, spec: FieldSpec, low: Bound, high: Bound) -> str:
    def shown(bound: Bound) -> str:
        if isinstance(bound, str) and NAME_RE.match(bound) and bound in policy.inputs:
            return bound
        return str(bound)
    if low is not None and high is not None:
        return f": the service needs {spec.name} between {shown(low)} and {shown(high)}"
    return f": the service needs {spec.name} " + (f"of at least {shown(low)}" if low is not None
                                                   else f"of at most {shown(high)}")
