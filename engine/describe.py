"""Conditions and outputs in words a policy team reads ("price ≥ 100.00 and category is fresh_fruit")."""

from __future__ import annotations

from engine.conditions import SYMBOLS, All, Any_, Condition, Exists, FieldRef, Matches, Not, OneOf
from engine.fields import format_percent, to_human
from engine.model import FromInput, Literal, OutputValue, PerUnitOf, Policy, Product, RateOf


def describe_condition(cond: Condition, policy: Policy) -> str:
    def typ(field: str) -> str:
        return policy.inputs[field].type if field in policy.inputs else "datetime"

    if isinstance(cond, All):
        return " and ".join(_wrap(c, policy) for c in cond.items) if cond.items else "always"
    if isinstance(cond, Any_):
        return " or ".join(_wrap(c, policy) for c in cond.items)
    if isinstance(cond, Not):
        return f"not ({describe_condition(cond.item, policy)})"
    if isinstance(cond, Exists):
        return f"{cond.field} is {'given' if cond.present else 'absent'}"
    if isinstance(cond, Matches):
        return f"{cond.field} matches {cond.pattern}"
    if isinstance(cond, OneOf):
        values = f"group {cond.label}" if cond.label else ", ".join(to_human(typ(cond.field), v) for v in cond.values)
        return f"{cond.field} {'not ' if cond.negate else ''}in {values}"
    target = cond.value.name if isinstance(cond.value, FieldRef) else to_human(typ(cond.field), cond.value)
    return f"{cond.field} {SYMBOLS[cond.op]} {target}"


def _wrap(cond: Condition, policy: Policy) -> str:
    text = describe_condition(cond, policy)
    return f"({text})" if isinstance(cond, All | Any_) and len(cond.items) > 1 else text


def describe_output(name: str, value: OutputValue, policy: Policy) -> str:
    if isinstance(value, Literal):
        spec = policy.outputs.get(name)
        return to_human(spec.type if spec else "text", value.value)
    if isinstance(value, FromInput):
        return f"the {value.field} given"
    if isinstance(value, RateOf):
        rate = format_percent(int(value.rate.value)) if isinstance(value.rate, Literal) else f"the {value.rate.field}"
        return f"{rate} of {value.amount}"
    if isinstance(value, PerUnitOf):
        per_unit = value.per_unit.field if isinstance(value.per_unit, FromInput) else str(value.per_unit.value)
        return f"{per_unit} per unit of {value.amount} at {value.unit_price} a unit"
    assert isinstance(value, Product)
    return " x ".join(f.field if isinstance(f, FromInput) else str(f.value) for f in value.factors)
