"""Response bodies of the suppliers endpoints: the OpenAPI contract clients are generated from."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Out(BaseModel):
    """A response body: the fields are the contract; a field added later is passed through."""

    model_config = ConfigDict(extra="allow")


class ApplicationOutRequirementRule(Out):
    policy: str
    file: str
    line: int
    words: str


class ApplicationOutRequirementOverride(Out):
    justification: str
    by: str
    at: str


class ApplicationOutRequirement(Out):
    id: str
    title: str
    passed: bool
    rule_id: str
    rule: ApplicationOutRequirementRule
    evidence: dict[str, Any]
    message: str
    reads: list[str]
    verdict: str
    override: ApplicationOutRequirementOverride | None


class ApplicationOutAuditTrailItemOverride(Out):
    requirement_id: str
    justification: str


class ApplicationOutAuditTrailItem(Out):
    action: str
    actor: str
    role: str
    at: str
    reason: str
    overrides: list[ApplicationOutAuditTrailItemOverride]
    policy_version: str


class ApplicationOut(Out):
    application_id: str
    legal_name: str
    uscc: str
    entity_kind: str
    status: str
    recommendation: str
    requirements: list[ApplicationOutRequirement]
    policy_version: str
    decision_id: str
    submitted_at: str
    decided_at: str | None
    supplier_id: str | None
    audit_trail: list[ApplicationOutAuditTrailItem]
    evidence: dict[str, Any]
    deposit: ApplicationDepositOut | None = None


class ApplicationQueueOutApplication(Out):
    application_id: str
    legal_name: str
    status: str
    recommendation: str
    failed: list[str]
    submitted_at: str
    policy_version: str


class ApplicationQueueOut(Out):
    applications: list[ApplicationQueueOutApplication]
    next: str | None


class ProductOutReferencesTaokeCommission(Out):
    rate: str
    source: str
    observed_at: str


class ProductOutReferencesOtherPlatformPrice(Out):
    price: str
    source: str
    observed_at: str


class ProductOutReferences(Out):
    taoke_commission: ProductOutReferencesTaokeCommission | None = None
    other_platform_price: ProductOutReferencesOtherPlatformPrice | None = None


class ProductOut(Out):
    supplier_id: str
    sku: str
    category: str
    price: str
    commission_rate_bp: int
    commission_rate: str
    program_rate: bool = Field(description="the listing names no rate of its own: its lines earn the program's rate "
                                           "for the category; `commission_rate` is that rate as of the listing")
    status: str
    failed_rules: list[str]
    decision_id: str
    references: ProductOutReferences


class DepositOutMovement(Out):
    movement_id: str
    kind: str
    amount: str
    reason: str
    at: str
    decision_id: str | None  # None: a payment recorded before the supplier was approved


class DepositOut(Out):
    supplier_id: str
    status: str
    standing: str
    listings_visible: bool
    balance: str
    underfunded_since: str | None
    standing_decision_id: str | None
    movements: list[DepositOutMovement]  # newest first, a page of them
    next: str | None  # the cursor of the next (older) page; None on the last


class ApplicationDepositOutMovement(Out):
    movement_id: str
    kind: str
    amount: str
    reason: str
    at: str


class ApplicationDepositOut(Out):
    application_id: str
    supplier_id: str
    required: str
    paid: str
    declared: str = Field(description="what the applicant declared (the entry requirement reads it); `paid` is what "
                                      "the platform recorded, which approval reads")
    short: bool = Field(description="recorded payments below the required deposit")
    movements: list[ApplicationDepositOutMovement]


class ApplicationPreviewOutRecorded(Out):
    as_of: str | None
    policy_version: str
    recommendation: str


class ApplicationPreviewOut(Out):
    application_id: str
    as_of: str
    policy_version: str
    recommendation: str
    requirements: list[ApplicationOutRequirement]
    recorded: ApplicationPreviewOutRecorded
