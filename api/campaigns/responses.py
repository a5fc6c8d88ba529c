"""Response bodies of the campaigns endpoints: the OpenAPI contract clients are generated from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Out(BaseModel):
    """A response body: the fields are the contract; a field added later is passed through."""

    model_config = ConfigDict(extra="allow")


class ShareListOut(Out):
    share_list_id: str
    campaign_id: str
    consumer_id: str
    seller_id: str
    skus: list[str]
    created_at: str
    orders: int
    earned: str
    reserved: str
    committed: str


class CampaignOutOrders(Out):
    reserved: int
    committed: int
    released: int
    refused: int


class CampaignOutTerms(Out):
    window_start: str
    window_end: str
    budget_cap: str
    earners: str
    when_short: str
    payout: str
    policy_version: str
    rules: list[str]


class CampaignOut(Out):
    campaign_id: str
    budget: str
    reserved: str
    committed: str
    remaining: str
    orders: CampaignOutOrders
    as_of: str
    terms: CampaignOutTerms | None
