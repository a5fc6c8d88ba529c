"""Random facts for a policy's inputs, drawn around the thresholds its rules test (Hypothesis strategies)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from engine.conditions import Compare, Condition, leaves
from engine.fields import FieldSpec
from engine.model import Policy


def _near(values: list[int]) -> st.SearchStrategy[int]:
    around = sorted({v + d for v in values for d in (-1, 0, 1)})
    return st.sampled_from(around) | st.integers(-(10**12), 10**12) if around else st.integers(-(10**9), 10**9)


def _strategy_for(spec: FieldSpec, policy: Policy, categories: list[str]) -> st.SearchStrategy[Any]:
    literals = [leaf.value for leaf in _leaves(policy) if isinstance(leaf, Compare)
                and leaf.field == spec.name and isinstance(leaf.value, int) and not isinstance(leaf.value, bool)]
    if spec.type in ("money", "integer"):
        return _near(literals)
    if spec.type == "rate":
        return _near(literals).filter(lambda v: 0 <= v <= 10_000) | st.integers(0, 10_000)
    if spec.type == "boolean":
        return st.booleans()
    if spec.type == "enum":
        return st.sampled_from(spec.values)
    if spec.type == "category":
        return st.sampled_from(categories)
    if spec.type == "datetime":
        return _near(literals).map(lambda s: dt.datetime.fromtimestamp(max(0, min(s, 4 * 10**9)), dt.UTC))
    return st.sampled_from(["91330100MA2AXXXX0X", "12345", "91330100MA2AXXXX0I", ""]) | st.text(max_size=20)


def _leaves(policy: Policy) -> list[Condition]:
    return [leaf for rule in policy.rules for leaf in leaves(rule.condition)]


def random_facts(policy: Policy, categories: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Facts for every input of `policy` the caller gives (optional ones now and then absent), drawn around the
    thresholds its rules test."""
    fields = {}
    for spec in policy.inputs.values():
        if spec.derived:
            continue
        value = _strategy_for(spec, policy, categories)
        fields[spec.name] = st.one_of(st.none(), value) if spec.optional else value
    return st.fixed_dictionaries(fields).map(lambda d: {k: v for k, v in d.items() if v is not None})
