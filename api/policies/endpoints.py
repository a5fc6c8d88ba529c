"""Policy versions for policy teams: publish (or schedule), roll back, the timeline, diffs, shadow runs.

Every serving process follows a change within XIAOPU_POLICY_POLL_SECONDS; nothing here touches them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request, Response
from pydantic import Field, StringConstraints

from api.common.auth import Principal, require_role
from api.common.policy import Registry
from api.common.routing import api_router
from api.common.schemas import Id, RowCursor, Strict, UtcDatetime, utc
from api.policies.responses import (
    DiffOut,
    PolicyFormatSchemaOut,
    PublishedOut,
    ShadowReportOut,
    VersionOut,
    VersionsOut,
)
from engine import load_policy_bundle
from engine.format_schema import build_schema
from store.policy_versions import PolicyProposal, PolicyVersion
from workflows.policies.candidate_check import CheckLimits, checked_in_child
from workflows.policies.proposals import needs_second_person, proposal_view, propose, propose_set
from workflows.policies.registry import PolicyRegistry
from workflows.policies.shadow_runs import latest_run, shadow_report, start_shadow, stop_shadow
from workflows.policies.timeline import diff_view, timeline_view, version_view, versions_view
from workflows.policies.versions import (
    Published,
    activate_stored,
    cancel_activation,
    find_version,
    publish,
    rollback,
    store_version,
)

router = api_router(prefix="/v1", tags=["policy versions"])
VersionRef = Annotated[str, StringConstraints(min_length=8, max_length=80, pattern=r"^[A-Za-z0-9_.+\-]+$")]
FilePath = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.\-/]+$")]
Admin = Annotated[Principal, require_role("policy_admin")]
Reader = require_role("reviewer", "policy_admin")
MAX_FILES, MAX_FILE_CHARS = 50, 500_000


class PublishRequest(Strict):
    files: dict[FilePath, Annotated[str, StringConstraints(max_length=MAX_FILE_CHARS)]] = Field(
        max_length=MAX_FILES, description="policies.yaml and every rule file it lists, by relative path")
    message: Annotated[str, StringConstraints(min_length=1, max_length=2000)]
    effective_from: UtcDatetime | None = Field(default=None, description="when it takes over (default: now)")
    activation_id: Id | None = Field(default=None, description="your id for this activation; a replay changes nothing")
    activate: bool = Field(default=True, description="false: only store it (to shadow or simulate it first)")


class ActivateRequest(Strict):
    message: Annotated[str, StringConstraints(min_length=1, max_length=2000)]
    effective_from: UtcDatetime | None = None
    activation_id: Id | None = None


class RollbackRequest(Strict):
    message: Annotated[str, StringConstraints(min_length=1, max_length=2000)]
    activation_id: Id | None = None
    target: VersionRef | None = Field(default=None, description="the version to return to (label or hash); "
                                      "default: the last one in force that was not itself rolled back")


class ShadowRequest(Strict):
    version: VersionRef = Field(description="label or content hash of a stored version")


async def _published(done: Published, response: Response, registry: PolicyRegistry) -> dict[str, Any]:
    """The answer to a change; this process takes it in at once (the others within their poll interval)."""
    await registry.refresh()
    response.status_code = 201 if done.applied else 200
    a = done.activation
    return {"version": version_view(done.version), "new_version": done.new_version,
            "activation": {"activation_id": a.activation_id, "effective_from": a.effective_from.isoformat(),
                           "kind": a.kind}}


@router.post("/policy-versions", response_model=PublishedOut, status_code=201,
             responses={202: {"model": PublishedOut, "description": "stored and proposed: a second person approves"}})
async def publish_version(body: PublishRequest, principal: Admin, request: Request, response: Response,
                          registry: Registry) -> dict[str, Any]:
    """Validate, run the examples and the lint (in a child process), store, and put in force from
    `effective_from` (default now). Under four eyes (the manifest's `four_eyes`, on by default) the change is
    a proposal instead (202 with `proposal`): a different person approves it at
    `POST /v1/policy-proposals/{id}/approval`. A set that fails any check is refused (422 `policy_rejected`
    with every problem as `file:line`)."""
    pset = await checked_in_child(body.files, CheckLimits.of(request.app.state.settings))
    now = utc(None)
    if not body.activate:
        version, new = await store_version(pset, principal.name, body.message, now)
        response.status_code = 201 if new else 200
        return {"version": version_view(version), "new_version": new, "activation": None}
    if await needs_second_person(pset, now):
        version, new, proposal, created = await propose_set(
            pset, author=principal.name, author_judge=principal.judge, message=body.message, now=now,
            effective_from=body.effective_from, activation_id=body.activation_id)
        return _proposed(version, new, proposal, created, response)
    done = await publish(pset, author=principal.name, message=body.message, now=now,
                         effective_from=body.effective_from, activation_id=body.activation_id)
    return await _published(done, response, registry)


def _proposed(version: PolicyVersion, new: bool, proposal: PolicyProposal, created: bool,
              response: Response) -> dict[str, Any]:
    proposal.version = version
    response.status_code = 202 if created else 200
    return {"version": version_view(version), "new_version": new, "activation": None,
            "proposal": proposal_view(proposal)}


@router.post("/policy-versions/rollback", response_model=PublishedOut, status_code=201)
async def roll_back(body: RollbackRequest, principal: Admin, response: Response, registry: Registry) -> dict[str, Any]:
    """Put back `target` (a version that was in force before), by default the last version in force that is
    not the current one and was not itself rolled back; from now on. One person may do this alone."""
    done = await rollback(author=principal.name, message=body.message, now=utc(None),
                          activation_id=body.activation_id, target=body.target)
    return await _published(done, response, registry)


@router.post("/policy-versions/{ref}/activations", response_model=PublishedOut, status_code=201,
             responses={202: {"model": PublishedOut, "description": "proposed: a second person approves"}})
async def activate(ref: VersionRef, body: ActivateRequest, principal: Admin, response: Response,
                   registry: Registry) -> dict[str, Any]:
    """Put a stored version in force (again), now or at `effective_from`; under four eyes, a proposal (202)."""
    version = await find_version(ref)
    if await needs_second_person(load_policy_bundle(version.files), utc(None)):
        proposal, created = await propose(version, author=principal.name, author_judge=principal.judge,
                                          message=body.message, now=utc(None), effective_from=body.effective_from,
                                          activation_id=body.activation_id)
        return _proposed(version, False, proposal, created, response)
    done = await activate_stored(ref, author=principal.name, message=body.message, now=utc(None),
                                 effective_from=body.effective_from, activation_id=body.activation_id)
    return await _published(done, response, registry)


@router.post("/policy-activations/{activation_id}/cancellation", response_model=VersionsOut)
async def cancel_scheduled(activation_id: Id, principal: Admin, registry: Registry) -> dict[str, Any]:
    """Call off a scheduled activation before it takes effect (409 `activation_already_in_force` after)."""
    await cancel_activation(activation_id, by=principal.name, now=utc(None))
    await registry.refresh()
    return {**await versions_view(50, None), **await timeline_view(utc(None))}


@router.get("/policy-versions", response_model=VersionsOut, dependencies=[Reader])
async def list_versions(limit: Annotated[int, Query(ge=1, le=200)] = 50,
                        after: Annotated[RowCursor | None, Query()] = None) -> dict[str, Any]:
    """The stored versions, oldest first, and the timeline saying which is in force when."""
    return {**await versions_view(limit, after), **await timeline_view(utc(None))}


@router.get("/policy-versions/{ref}", response_model=VersionOut, dependencies=[Reader])
async def get_version(ref: VersionRef) -> dict[str, Any]:
    return version_view(await find_version(ref), with_files=True)


@router.get("/policy-versions/{old}/diff/{new}", response_model=DiffOut, dependencies=[Reader])
async def diff_versions(old: VersionRef, new: VersionRef) -> dict[str, Any]:
    """What changes from `old` to `new`: rules, values, inputs, in business words."""
    return await diff_view(old, new)


@router.put("/policy-shadow", response_model=ShadowReportOut, status_code=201)
async def start_shadow_run(body: ShadowRequest, principal: Admin, registry: Registry) -> dict[str, Any]:
    """Evaluate a stored version beside the one in force on live traffic; responses never change."""
    await start_shadow(body.version, principal.name, utc(None))
    await registry.refresh()
    return await shadow_report(await latest_run(), 0, None)


@router.delete("/policy-shadow", response_model=ShadowReportOut, dependencies=[require_role("policy_admin")])
async def stop_shadow_run(registry: Registry) -> dict[str, Any]:
    await stop_shadow(utc(None))
    await registry.refresh()
    return await shadow_report(await latest_run(), 0, None)


@router.get("/policy-shadow", response_model=ShadowReportOut, dependencies=[Reader])
async def shadow_differences(limit: Annotated[int, Query(ge=1, le=500)] = 100,
                             after: Annotated[RowCursor | None, Query()] = None) -> dict[str, Any]:
    """The latest shadow run: differences counted and their money effect per policy, and a page of them."""
    return await shadow_report(await latest_run(), limit, after)


_FORMAT_SCHEMA = build_schema()


@router.get("/policy-format/schema", response_model=PolicyFormatSchemaOut, tags=["policy format"])
async def policy_format_schema() -> dict[str, Any]:
    """The JSON Schema of policy files, for an editor's YAML extension (`# yaml-language-server: $schema=...`).
    No key needed: it describes the file format, nothing of the policies in force."""
    return _FORMAT_SCHEMA
