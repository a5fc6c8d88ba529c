"""Response bodies of the badges endpoints: the OpenAPI contract clients are generated from."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Out(BaseModel):
    """A response body: the fields are the contract; a field added later is passed through."""

    model_config = ConfigDict(extra="allow")


class BadgeRoundOutScore(Out):
    judge_key: str
    judge_name: str | None
    score: int
    comment: str | None


class BadgeRoundOutAwardExplanationRuleOutcome(Out):
    badge: str
    good_find: bool
    validity_days: int


class BadgeRoundOutAwardExplanationRuleCheck(Out):
    field: str
    test: str
    actual: str
    passed: bool
    gap: str | None


class BadgeRoundOutAwardExplanationRule(Out):
    rule_id: str
    words: str
    file: str
    line: int
    fired: bool
    status: str
    outcome: BadgeRoundOutAwardExplanationRuleOutcome
    inputs: dict[str, Any]
    checks: list[BadgeRoundOutAwardExplanationRuleCheck]


class BadgeRoundOutAwardExplanationNearMisse(Out):
    rule_id: str
    badge: str
    missing: list[str]


class AwardOutExplanation(Out):
    policy: str
    policy_version: str
    fired: str | None
    rules: list[BadgeRoundOutAwardExplanationRule]
    default: BadgeRoundOutAwardExplanationRuleOutcome | None
    near_misses: list[BadgeRoundOutAwardExplanationNearMisse]
    summary: str


class AwardOut(Out):
    award_id: str
    round_id: str
    merchant_id: str
    badge: str
    good_find: bool
    validity_days: int
    valid_from: str
    valid_until: str
    superseded_at: str | None
    superseded_by: str | None
    decision_id: str
    policy_version: str
    rules: list[str]
    facts: dict[str, Any]
    evidence: dict[str, Any]
    explanation: AwardOutExplanation
    awarded_by: str


class BadgeRoundOut(Out):
    round_id: str
    merchant_id: str
    opened_at: str
    status: str
    panel_size: int
    panel_score: int
    scores: list[BadgeRoundOutScore]
    award: AwardOut | None


class MerchantBadgeOut(Out):
    merchant_id: str
    as_of: str
    badge: str
    good_find: bool
    valid_until: str | None
    status: str
    award: AwardOut | None


class GoodFindOutMerchant(Out):
    merchant_id: str
    badge: str
    valid_from: str
    valid_until: str
    round_id: str
    decision_id: str
    rules: list[str]


class GoodFindOut(Out):
    as_of: str
    merchants: list[GoodFindOutMerchant]
    next: str | None
