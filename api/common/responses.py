"""Response bodies of the common endpoints: the OpenAPI contract clients are generated from."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Out(BaseModel):
    """A response body: the fields are the contract; a field added later is passed through."""

    model_config = ConfigDict(extra="allow")


class DecisionOutFiredItemCheck(Out):
    field: str
    test: str
    actual: str | None  # None: the input was absent (a rule may pass on an absent optional input)
    passed: bool
    gap: str | None


class DecisionOutFiredItem(Out):
    id: str
    description: str
    outputs: dict[str, Any]
    checks: list[DecisionOutFiredItemCheck]


class DecisionOut(Out):
    decision_id: str
    policy: str
    policy_version: str
    content_hash: str
    as_of: str
    subject: str
    facts: dict[str, Any]
    outputs: dict[str, Any]
    fired: list[DecisionOutFiredItem]
    rules: list[str]


class DecisionPageOut(Out):
    decisions: list[DecisionOut]
    next: str | None
    next_offset: int | None


class RuleCountsOutRule(Out):
    rule_id: str
    fired: int


class RuleCountsOut(Out):
    policy: str
    policy_version: str
    rules: list[RuleCountsOutRule]
    never_fired: list[str]


class TickOut(Out):
    as_of: str
    locked_lines: int
    dispute_deadlines: int
    restricted_suppliers: int
    judged_listings: int = Field(description="listings naming no rate of their own judged again for parity at the "
                                             "program's rate now in force (it changed since they were judged)")


class DecisionVerificationOutAnswer(Out):
    outputs: dict[str, Any]
    fired: list[str]


class DecisionVerificationOut(Out):
    decision_id: str
    policy: str
    policy_version: str
    as_of: str
    identical: bool
    stored: DecisionVerificationOutAnswer
    replayed: DecisionVerificationOutAnswer | None
    differences: list[str]
