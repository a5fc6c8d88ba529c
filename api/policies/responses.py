"""Response bodies of the policies endpoints: the OpenAPI contract clients are generated from."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, RootModel


class Out(BaseModel):
    """A response body: the fields are the contract; a field added later is passed through."""

    model_config = ConfigDict(extra="allow")


class PublishedOutVersion(Out):
    id: int
    label: str
    content_hash: str
    policy_set: str
    author: str
    message: str
    created_at: str


class PublishedOutActivation(Out):
    activation_id: str
    effective_from: str
    kind: str


class ProposalOut(Out):
    proposal_id: str
    version: str
    content_hash: str
    state: str
    author: str
    message: str
    effective_from: str | None
    created_at: str
    reviewer: str | None
    review_comment: str | None
    reviewed_at: str | None
    activation_id: str | None


class ProposalsOut(Out):
    items: list[ProposalOut]
    next: int | None


class PublishedOut(Out):
    version: PublishedOutVersion
    new_version: bool
    activation: PublishedOutActivation | None
    proposal: ProposalOut | None = None


class VersionsOutActivation(Out):
    activation_id: str
    version: str
    content_hash: str
    effective_from: str
    kind: str
    state: str
    author: str
    message: str
    created_at: str
    previous: str | None
    approved_by: str | None = None
    cancelled_at: str | None = None
    cancelled_by: str | None = None


class VersionsOut(Out):
    versions: list[PublishedOutVersion]
    next: int | None
    now: str
    in_force: str
    activations: list[VersionsOutActivation]


class DiffOutChange(Out):
    policy: str
    kind: str
    subject: str
    before: str
    after: str
    text: str


class DiffOut(Out):
    old: str
    new: str
    changes: list[DiffOutChange]


class ShadowReportOutItem(Out):
    id: int
    policy: str
    active_version: str
    as_of: str
    facts: dict[str, Any]
    active: dict[str, Any]
    candidate: dict[str, Any]
    money_delta: str


class ShadowReportOut(Out):
    run_id: int
    candidate: str
    started_at: str
    stopped_at: str | None
    author: str
    differences: int
    money_delta: str
    by_policy: dict[str, Any]
    items: list[ShadowReportOutItem]
    next: int | None


class VersionOut(PublishedOutVersion):
    files: dict[str, str]


class PolicyFormatSchemaOut(RootModel[dict[str, Any]]):
    """The JSON Schema (draft 2020-12) of policy files: docs/policy-format.schema.json."""
