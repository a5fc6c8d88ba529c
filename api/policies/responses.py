"""Response bodies of the policies endpoints: the OpenAPI contract clients are generated from."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


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


class PublishedOut(Out):
    version: PublishedOutVersion
    new_version: bool
    activation: PublishedOutActivation | None


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
