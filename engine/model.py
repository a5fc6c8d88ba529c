"""The validated policy set: what the loader builds and the compiler, runtime and explainer read."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from engine.conditions import Condition
from engine.fields import EngineValue, FieldSpec

HIT_POLICIES = ("first", "unique", "any", "priority", "collect", "checklist")
PURPOSES = ("reward", "qualification", "compliance", "listing", "after_sales", "recognition", "deposit")
AGGREGATES = ("sum", "min", "max", "count")


@dataclass(frozen=True)
class Literal:
    value: EngineValue


@dataclass(frozen=True)
class FromInput:
    field: str


@dataclass(frozen=True)
class RateOf:
    """rate x amount in fen, rounded half-up to the fen: the only division the program does."""

    rate: Literal | FromInput
    amount: str


@dataclass(frozen=True)
class Product:
    """amount x count, e.g. a fixed per-unit commission times the quantity."""

    factors: tuple[Literal | FromInput, ...]


@dataclass(frozen=True)
class PerUnitOf:
    """A fixed amount per unit on the units an amount still pays for: per_unit x amount / unit_price, rounded
    half-up to the fen (a fixed commission per unit follows a refund like a rate does)."""

    per_unit: Literal | FromInput
    amount: str
    unit_price: str


OutputValue = Literal | FromInput | RateOf | Product | PerUnitOf


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    condition: Condition
    then: dict[str, OutputValue]
    priority: int
    line: int
    source: str  # "rule" or "table row"


@dataclass(frozen=True)
class Example:
    name: str
    facts: dict[str, Any] | None  # None: the example's facts were missing or malformed (already reported)
    as_of: dt.datetime | None
    expect_outputs: dict[str, Any]
    expect_fired: tuple[str, ...] | None
    expect_failed: tuple[str, ...] | None
    line: int


@dataclass
class Policy:
    id: str
    file: str
    line: int
    title: str
    description: str
    purpose: str
    hit_policy: str
    inputs: dict[str, FieldSpec]
    outputs: dict[str, FieldSpec]
    rules: list[Rule]
    default: dict[str, OutputValue]
    aggregate: dict[str, str]
    examples: list[Example]
    table_columns: tuple[str, ...] = ()
    gaps_allowed: bool = False  # an input no rule answers is a meaningful outcome (e.g. an illegal event)
    rules_in_force_at: str | None = None  # a datetime input: the version in force then judges, not at as_of

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)


@dataclass
class Taxonomy:
    groups: dict[str, tuple[str, ...]]  # group -> categories
    titles: dict[str, str]
    core_groups: tuple[str, ...]

    @functools.cached_property
    def categories(self) -> frozenset[str]:
        return frozenset(c for cats in self.groups.values() for c in cats)

    def group_of(self, category: str) -> str | None:
        return next((g for g, cats in self.groups.items() if category in cats), None)


@dataclass
class PolicySet:
    name: str
    version: str
    effective_from: dt.datetime | None
    description: str
    content_hash: str
    root: str
    taxonomy: Taxonomy
    program: dict[str, Any]
    policies: dict[str, Policy] = field(default_factory=dict)
    four_eyes: bool = True  # publishing needs a second person's approval (manifest `four_eyes`, on unless false)
    sources: dict[str, str] = field(default_factory=dict)  # relative path -> the text it was loaded from

    @property
    def label(self) -> str:
        """`<version>+<hash>`: what every decision names."""
        return f"{self.version}+{self.content_hash[:12]}"
