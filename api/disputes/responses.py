"""Response bodies of the disputes endpoints: the OpenAPI contract clients are generated from."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Out(BaseModel):
    """A response body: the fields are the contract; a field added later is passed through."""

    model_config = ConfigDict(extra="allow")


class DisputeOutNextDeadline(Out):
    at: str
    owed_by: str


class DisputeCaseOut(Out):
    """A case: what is claimed on which item, where it stands, who owes the next step by when."""

    dispute_id: str
    order_id: str
    sku: str
    type: str
    amount: str
    state: str
    round: int
    next_deadline: DisputeOutNextDeadline | None


class DisputeOut(DisputeCaseOut):
    history: list[dict[str, Any]]


class DisputeListOutCase(DisputeCaseOut):
    opened_at: str


class DisputeListOut(Out):
    disputes: list[DisputeListOutCase]
    next: str | None
