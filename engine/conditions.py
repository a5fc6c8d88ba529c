"""The condition language of rules, as a small typed tree.

Written in YAML as:
    all: [...] | any: [...] | not: {...}
    field: value                       (equality; a list means "one of")
    field: {gte: "10.00", lt: "50.00"} (several tests on one field: all must hold)
    field: {gte: {field: other_field}} (compare two fields of the same type)
Operators: eq ne gt gte lt lte in not_in exists matches in_group.
A test on a field that is absent is false; `exists: false` asks for absence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from engine.fields import EngineValue

COMPARISONS = ("eq", "ne", "gt", "gte", "lt", "lte")
OPERATORS = (*COMPARISONS, "in", "not_in", "exists", "matches", "in_group")
NEGATED = {"eq": "ne", "ne": "eq", "gt": "lte", "gte": "lt", "lt": "gte", "lte": "gt"}
SYMBOLS = {"eq": "is", "ne": "is not", "gt": ">", "gte": "≥", "lt": "<", "lte": "≤"}


@dataclass(frozen=True)
class FieldRef:
    name: str


@dataclass(frozen=True)
class Compare:
    field: str
    op: str
    value: EngineValue | FieldRef


@dataclass(frozen=True)
class OneOf:
    field: str
    values: tuple[EngineValue, ...]
    negate: bool = False
    label: str = ""  # e.g. the category group the values came from


@dataclass(frozen=True)
class Exists:
    field: str
    present: bool


@dataclass(frozen=True)
class Matches:
    field: str
    pattern: str  # ordinary regex syntax (the policy's own words)
    engine_pattern: str  # the engine's dialect


@dataclass(frozen=True)
class All:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Any_:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    item: Condition


Condition = Union[Compare, OneOf, Exists, Matches, All, Any_, Not]  # noqa: UP007 - forward references
TRUE = All(())


def fields_read(cond: Condition) -> set[str]:
    """Every input field a condition reads."""
    if isinstance(cond, All | Any_):
        return set().union(*(fields_read(c) for c in cond.items)) if cond.items else set()
    if isinstance(cond, Not):
        return fields_read(cond.item)
    found = {cond.field}
    if isinstance(cond, Compare) and isinstance(cond.value, FieldRef):
        found.add(cond.value.name)
    return found


def leaves(cond: Condition) -> list[Condition]:
    if isinstance(cond, All | Any_):
        return [leaf for c in cond.items for leaf in leaves(c)]
    if isinstance(cond, Not):
        return leaves(cond.item)
    return [cond]
