"""Response bodies of the commission endpoints: the OpenAPI contract clients are generated from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Out(BaseModel):
    """A response body: the fields are the contract; a field added later is passed through."""

    model_config = ConfigDict(extra="allow")


class QuoteOutItem(Out):
    sku: str
    commission: str
    rate_bp: int | None
    rules: list[str]
    explanation: str


class QuoteOut(Out):
    policy_version: str
    as_of: str
    seller_tier: str | None
    items: list[QuoteOutItem]
    total_commission: str


class CommissionLineOut(Out):
    line_id: int
    order_id: str
    sku: str
    kind: str
    status: str
    amount: str
    rules: list[str]
    decision_id: str
    reason: str
    lock_due_at: str | None
    locked_at: str | None
    statement_id: int | None


class LedgerPageOut(Out):
    seller_id: str
    lines: list[CommissionLineOut]
    next: int | None


class OrderOutItem(Out):
    sku: str
    category: str
    price: str
    quantity: int
    refunded: str


class OrderOutCampaignRewardLine(Out):
    sku: str
    line_amount: str
    eligible: bool
    reward: str
    rule: str | None
    reason: str | None
    refusal: str | None


class OrderOutCampaignReward(Out):
    campaign_id: str
    share_list_id: str
    sharer_id: str
    state: str
    amount: str
    requested: str
    code: str | None
    rule: str | None
    reason: str
    rules: list[str]
    decision_ids: list[str]
    lines: list[OrderOutCampaignRewardLine]


class OrderOut(Out):
    order_id: str
    seller_id: str
    buyer_id: str
    paid_at: str
    status: str
    qualifying: bool
    items: list[OrderOutItem]
    commission_lines: list[CommissionLineOut]
    total_commission: str
    campaign_reward: OrderOutCampaignReward | None


class SettlementOutStatement(Out):
    seller_id: str
    statement_id: int
    total: str
    line_count: int


class SettlementOut(Out):
    period: str
    statements: list[SettlementOutStatement]


class StatementOut(Out):
    seller_id: str
    period: str
    statement_id: int
    total: str
    line_count: int
    policy_version: str
    created_at: str
    lines: list[CommissionLineOut]
