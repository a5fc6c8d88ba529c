"""Response bodies of the sellers endpoints: the OpenAPI contract clients are generated from."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Out(BaseModel):
    """A response body: the fields are the contract; a field added later is passed through."""

    model_config = ConfigDict(extra="allow")


class SellerOutNextTier(Out):
    tier: str
    rule_id: str
    missing: list[str]


class SellerOut(Out):
    seller_id: str
    opened_at: str = Field(description="when the platform opened the store (UTC); no order of it is paid earlier")
    tier: str
    shelf_limit: int
    shelf_count: int
    qualifying_transactions: int
    next_tier: SellerOutNextTier | None
    policy_version: str
    rules: list[str]


class ShelfItemOut(Out):
    sku: str
    category: str
    price: str
    supplier_id: str | None
    decision_id: str
    changed: list[dict[str, Any]]
